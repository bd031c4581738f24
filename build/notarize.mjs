// @ts-check
/**
 * electron-builder's afterSign step: notarizes the macOS app when Apple credentials are in the
 * environment, and says that it skipped otherwise (dev and CI builds are ad hoc signed only).
 */
import { notarize } from '@electron/notarize';

/** Which credentials are present: an App Store Connect API key, or an Apple ID. */
export function notarizeCredentials(env = process.env) {
  const { APPLE_API_KEY, APPLE_API_KEY_ID, APPLE_API_ISSUER } = env;
  if (APPLE_API_KEY && APPLE_API_KEY_ID && APPLE_API_ISSUER) {
    return { appleApiKey: APPLE_API_KEY, appleApiKeyId: APPLE_API_KEY_ID, appleApiIssuer: APPLE_API_ISSUER };
  }
  const { APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID } = env;
  if (APPLE_ID && APPLE_APP_SPECIFIC_PASSWORD && APPLE_TEAM_ID) {
    return { appleId: APPLE_ID, appleIdPassword: APPLE_APP_SPECIFIC_PASSWORD, teamId: APPLE_TEAM_ID };
  }
  return null;
}

/** @param {{ electronPlatformName: string, appOutDir: string, packager: { appInfo: { productFilename: string } } }} context */
export default async function notarizeApp(context) {
  if (context.electronPlatformName !== 'darwin') return;
  const credentials = notarizeCredentials();
  if (!credentials) {
    console.warn(
      '[notarize] skipped: set APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER, or APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID',
    );
    return;
  }
  const appPath = `${context.appOutDir}/${context.packager.appInfo.productFilename}.app`;
  await notarize({ appPath, ...credentials });
  console.warn(`[notarize] ${appPath} notarized`);
}
