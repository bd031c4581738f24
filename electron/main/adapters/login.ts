import { app } from 'electron';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoginItemPort } from '../ports';

export const HIDDEN_FLAG = '--hidden';

/** The XDG autostart entry: Kinetic starts hidden, in the tray. */
export function autostartEntry(exec: string): string {
  const quoted = /[\s"'\\]/.test(exec) ? `"${exec.replace(/(["\\`$])/g, '\\$1')}"` : exec;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Kinetic',
    'Comment=The one next action, and starting it',
    `Exec=${quoted} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Launch at login: a login item on macOS and Windows (with `--hidden` on Windows; macOS reports
 * `wasOpenedAtLogin` instead), an XDG autostart entry on Linux. Only the installed app does this:
 * a dev run never adds itself to the user's login.
 */
export function electronLoginItem(desktopName: string): LoginItemPort {
  return {
    async set(enabled) {
      if (!app.isPackaged) return;
      if (process.platform === 'linux') {
        const dir = join(app.getPath('appData'), 'autostart');
        const file = join(dir, desktopName);
        if (!enabled) return rm(file, { force: true });
        await mkdir(dir, { recursive: true });
        // An AppImage runs from a temporary mount: start the AppImage file itself.
        await writeFile(file, autostartEntry(process.env['APPIMAGE'] ?? process.execPath));
        return;
      }
      app.setLoginItemSettings({ openAtLogin: enabled, args: enabled ? [HIDDEN_FLAG] : [] });
    },
  };
}

/** Whether this start should stay in the tray: `--hidden`, or a macOS login item. */
export function startsHidden(argv: readonly string[]): boolean {
  if (argv.includes(HIDDEN_FLAG)) return true;
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}
