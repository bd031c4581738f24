import { Notification, dialog, globalShortcut, powerMonitor, app } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  async chooseSavePath({ defaultName, title }) {
    const result = await dialog.showSaveDialog({
      title,
      defaultPath: join(app.getPath('documents'), defaultName),
      filters: [{ name: 'Markdown', extensions: ['md'] }],
    });
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  writeTextFile: (path, text) => writeFile(path, text, 'utf8'),
});

export const electronAppPort = (): AppPort => ({
  version: app.getVersion(),
  platform: process.platform,
  quit: () => app.quit(),
});
