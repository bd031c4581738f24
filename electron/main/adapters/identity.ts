import { app } from 'electron';
import { isAbsolute, join } from 'node:path';
import { URL_SCHEME } from '../services/launch';

/** electron-builder's `appId`: Windows groups notifications and the taskbar by it. */
export const APP_ID = 'app.kinetic.desktop';
/** package.json's `desktopName`: the .desktop file, the Wayland app_id and X11 WM_CLASS on Linux. */
export const DESKTOP_NAME = 'app.kinetic.Kinetic.desktop';
/** Unpackaged runs keep their data here, apart from the installed app's. */
export const DEV_DATA_FOLDER = 'Kinetic-dev';

/**
 * Where Kinetic keeps its data. `KINETIC_USER_DATA` sets it explicitly (tests, a second profile);
 * a dev run never touches the installed app's folder. Runs before anything reads the folder,
 * the single-instance lock included. Returns an error message for a bad variable.
 */
export function chooseUserData(env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = env['KINETIC_USER_DATA'];
  if (explicit !== undefined && explicit !== '') {
    if (!isAbsolute(explicit)) return `KINETIC_USER_DATA must be an absolute path, not “${explicit}”.`;
    app.setPath('userData', explicit);
  } else if (!app.isPackaged) {
    app.setPath('userData', join(app.getPath('appData'), DEV_DATA_FOLDER));
  }
  return null;
}

/** The OS identity: the AppUserModelID on Windows, the kinetic:// handler where the app owns it. */
export function registerIdentity(): void {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  // Only the installed app handles links, so a dev run never replaces its handler; on Linux the
  // desktop entry the package installs registers it (MimeType=x-scheme-handler/kinetic).
  if (app.isPackaged && process.platform !== 'linux') app.setAsDefaultProtocolClient(URL_SCHEME);
}
