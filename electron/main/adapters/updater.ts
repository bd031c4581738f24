import { app } from 'electron';
import updaterModule from 'electron-updater';
import type { UpdaterEvent, UpdaterPort } from '../ports';

/**
 * electron-updater behind the UpdaterPort: updates from GitHub releases (`build.publish`),
 * downloaded in the background. Installing on quit is off until UpdateService allows it. Only
 * the installed app updates; a dev run reports that there is nothing to check.
 */
export function electronUpdater(): UpdaterPort {
  // electron-updater is CommonJS: its named exports come through the default import.
  const { autoUpdater } = updaterModule;
  const listeners: ((event: UpdaterEvent) => void)[] = [];
  const emit = (event: UpdaterEvent): void => {
    for (const listener of listeners) listener(event);
  };
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.on('checking-for-update', () => emit({ type: 'checking' }));
  autoUpdater.on('update-not-available', () => emit({ type: 'none' }));
  autoUpdater.on('update-available', (info) => emit({ type: 'available', version: info.version }));
  autoUpdater.on('download-progress', (info) => emit({ type: 'progress', percent: info.percent }));
  autoUpdater.on('update-downloaded', (info) => emit({ type: 'downloaded', version: info.version }));
  autoUpdater.on('error', (error) => emit({ type: 'error', message: error.message }));
  return {
    async check() {
      if (!app.isPackaged) {
        emit({ type: 'none' });
        return;
      }
      await autoUpdater.checkForUpdates();
    },
    onEvent(listener) {
      listeners.push(listener);
    },
    setInstallOnQuit(allowed) {
      autoUpdater.autoInstallOnAppQuit = allowed;
    },
    installNow() {
      autoUpdater.quitAndInstall();
    },
  };
}
