/**
 * Packaging, read from its configuration: the fuses build/afterPack.mjs flips, notarization only
 * with credentials, and electron-builder's settings for the Linux package and its desktop entry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { KINETIC_FUSES, electronBinary } from '../../build/fuses.mjs';
import { notarizeCredentials } from '../../build/notarize.mjs';

const root = join(import.meta.dirname, '../..');
interface Pkg {
  desktopName: string;
  build: {
    appId: string;
    afterPack: string;
    afterSign: string;
    protocols: { schemes: string[] }[];
    linux: {
      target: string[];
      mimeTypes?: string[];
      syncDesktopName: boolean;
      executableName: string;
      desktop: { entry: Record<string, string> };
    };
  };
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Pkg;

describe('fuses', () => {
  it('turns off every way to run other code as Kinetic, and turns on cookie encryption and ASAR checks', () => {
    expect(KINETIC_FUSES).toMatchObject({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
  });

  it('are flipped after packing, into the binary of each platform', () => {
    expect(pkg.build.afterPack).toBe('build/afterPack.mjs');
    const packager = { appInfo: { productFilename: 'Kinetic' }, executableName: 'kinetic' };
    const at = (electronPlatformName: string): string =>
      electronBinary({ appOutDir: '/out', electronPlatformName, packager });
    expect(at('darwin')).toBe('/out/Kinetic.app');
    expect(at('win32')).toBe('/out/Kinetic.exe');
    expect(at('linux')).toBe('/out/kinetic');
  });
});

describe('notarization', () => {
  it('runs with an API key or an Apple ID, and is skipped without', () => {
    expect(pkg.build.afterSign).toBe('build/notarize.mjs');
    expect(notarizeCredentials({})).toBeNull();
    expect(notarizeCredentials({ APPLE_ID: 'me@example.com', APPLE_TEAM_ID: 'T' })).toBeNull();
    expect(
      notarizeCredentials({
        APPLE_ID: 'me@example.com',
        APPLE_APP_SPECIFIC_PASSWORD: 'p',
        APPLE_TEAM_ID: 'T',
      }),
    ).toEqual({ appleId: 'me@example.com', appleIdPassword: 'p', teamId: 'T' });
    expect(
      notarizeCredentials({ APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'id', APPLE_API_ISSUER: 'i' }),
    ).toEqual({
      appleApiKey: 'k.p8',
      appleApiKeyId: 'id',
      appleApiIssuer: 'i',
    });
  });
});

describe('Linux package', () => {
  it('the .deb comes first (the AppImage needs the SUID sandbox on Ubuntu 24.04 and installs no desktop entry)', () => {
    expect(pkg.build.linux.target[0]).toBe('deb');
  });

  it('has a reverse-DNS desktopName, the desktop file is named after it, and StartupWMClass follows it', () => {
    expect(pkg.desktopName).toMatch(/^[a-z][a-z0-9]*(\.[A-Za-z][A-Za-z0-9]*){2,}\.desktop$/);
    expect(pkg.build.linux.syncDesktopName).toBe(true);
    // electron-builder sets StartupWMClass from desktopName; a hand-written one would differ from
    // the WM_CLASS / app_id Electron sets.
    expect(pkg.build.linux.desktop.entry['StartupWMClass']).toBeUndefined();
  });

  it('lists the kinetic:// MIME type once: electron-builder adds it from `protocols`', () => {
    expect(pkg.build.protocols.flatMap((p) => p.schemes)).toEqual(['kinetic']);
    expect(pkg.build.linux.mimeTypes ?? []).not.toContain('x-scheme-handler/kinetic');
  });
});
