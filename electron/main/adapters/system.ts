import { Notification, dialog, globalShortcut, powerMonitor, app } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from './fileStore';
import type { AppPort, DialogPort, NotifierPort, PowerEvent, PowerPort, ShortcutPort } from '../ports';

/** Electron reports the screen lock on macOS and Windows only; on Linux, sessions pause on suspend. */
const LOCK_EVENTS: readonly PowerEvent[] = ['lock-screen', 'unlock-screen'];

export interface ElectronPower extends PowerPort {
  /** The OS is ending the session (Windows shutdown or log-off): handled like a suspend. */
  sessionEnding(): void;
}

export function electronPower(): ElectronPower {
  const suspendListeners: (() => void)[] = [];
  return {
    on: (event, listener) => {
      if (process.platform === 'linux' && LOCK_EVENTS.includes(event)) return;
      if (event === 'suspend') suspendListeners.push(listener);
      powerMonitor.on(event as 'suspend', listener);
    },
    sessionEnding: () => {
      for (const listener of suspendListeners) listener();
    },
  };
}

/**
 * Native notifications. When the platform cannot show one (no notification service, an unsigned
 * macOS build, a failure) the user still gets it: its click action runs, which brings its window
 * forward, and `onUnavailable` may add more (flashing the tray).
 */
export function electronNotifier(onUnavailable: (error: string) => void = () => undefined): NotifierPort {
  // Keep notifications referenced until clicked or closed, or their click handler may be collected.
  const live = new Set<Notification>();
  return {
    notify({ title, body, onClick }) {
      const fallBack = (error: string): void => {
        onUnavailable(error);
        onClick?.();
      };
      if (!Notification.isSupported()) {
        fallBack('notifications are not supported here');
        return;
      }
      const n = new Notification({ title, body, silent: false });
      live.add(n);
      n.on('click', () => {
        live.delete(n);
        onClick?.();
      });
      n.on('close', () => live.delete(n));
      // Emitted on macOS and Windows only; on Linux a missing service shows in isSupported.
      n.on('failed', (_event, error) => {
        live.delete(n);
        fallBack(error);
      });
      n.show();
    },
  };
}

export const electronShortcuts = (): ShortcutPort => ({
  register: (accelerator, callback) => globalShortcut.register(accelerator, callback),
  unregister: (accelerator) => globalShortcut.unregister(accelerator),
});

export const electronDialog = (): DialogPort => ({
  async chooseSavePath({ defaultName, title, kind }) {
    const result = await dialog.showSaveDialog({
      title,
      defaultPath: join(app.getPath('documents'), defaultName),
      filters: [kind],
    });
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  async chooseOpenPath({ title, kind }) {
    const result = await dialog.showOpenDialog({
      title,
      defaultPath: app.getPath('documents'),
      filters: [kind],
      properties: ['openFile'],
    });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  async chooseFolder({ title }) {
    const result = await dialog.showOpenDialog({
      title,
      defaultPath: app.getPath('home'),
      properties: ['openDirectory', 'createDirectory'],
    });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  writeTextFile: writeFileAtomically,
  fileSize: async (path) => (await stat(path)).size,
  readTextFile: (path) => readFile(path, 'utf8'),
});

export const electronAppPort = (): AppPort => ({
  version: app.getVersion(),
  platform: process.platform,
  quit: () => app.quit(),
});
