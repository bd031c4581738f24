// @ts-check
/**
 * The Electron fuses Kinetic ships with, flipped into the binary by build/afterPack.mjs. A fuse
 * is a switch compiled into Electron: turning one off removes a way to run other code as Kinetic.
 * test/tooling/packaging.test.ts reads this config.
 */
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** @type {import('@electron/fuses').FuseV1Config} */
export const KINETIC_FUSES = {
  version: FuseVersion.V1,
  // Kinetic's binary must not double as a Node.js interpreter (ELECTRON_RUN_AS_NODE).
  [FuseV1Options.RunAsNode]: false,
  // Cookies and other stored secrets are encrypted with the OS keychain.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect and friends would open a debugger on the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app.asar must match the hash recorded at packaging (macOS and Windows check it).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only the packaged app.asar is loaded, never a loose app folder placed beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // file:// gets no more rights than a web page: Kinetic serves itself from app://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // Flipping fuses breaks the signature; on macOS re-sign ad hoc so the app still starts.
  resetAdHocDarwinSignature: true,
};

/**
 * The Electron binary electron-builder just packed.
 * @param {{ appOutDir: string, electronPlatformName: string, packager: { appInfo: { productFilename: string }, executableName: string } }} context
 */
export function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return `${appOutDir}/${packager.appInfo.productFilename}.app`;
  }
  if (electronPlatformName === 'win32') return `${appOutDir}/${packager.appInfo.productFilename}.exe`;
  return `${appOutDir}/${packager.executableName}`;
}
