import { Notification, dialog, globalShortcut, powerMonitor, app } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from './fileStore';
import type { AppPort, DialogPort, NotifierPort, PowerPort, ShortcutPort } from '../ports';

export const electronPower = (): PowerPort => ({
  on: (event, listener) => {
    powerMonitor.on(event as 'suspend', listener);
  },
});

export function electronNotifier(): NotifierPort {
  // Keep notifications referenced until clicked or closed, or their click handler may be collected.
  const live = new Set<Notification>();
  return {
    notify({ title, body, onClick }) {
      if (!Notification.isSupported()) return;
      const n = new Notification({ title, body, silent: false });
      live.add(n);
      n.on('click', () => {
        live.delete(n);
        onClick?.();
      });
      n.on('close', () => live.delete(n));
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
  writeTextFile: writeFileAtomically,
  fileSize: async (path) => (await stat(path)).size,
  readTextFile: (path) => readFile(path, 'utf8'),
});

export const electronAppPort = (): AppPort => ({
  version: app.getVersion(),
  platform: process.platform,
  quit: () => app.quit(),
});
