import type { Desktop } from '../services/desktop';
import type { Logger } from '../ports';
import type { IpcRegistry } from './registry';

/** The IPC handlers for logs: renderer errors into main's log, and opening the logs folder. */
export function registerDesktopHandlers(registry: IpcRegistry, desktop: Desktop, log: Logger): void {
  registry.handle('log:rendererError', ({ kind, message, stack }, { window }) => {
    const line = `${window} window: ${kind === 'rejection' ? 'unhandled rejection' : 'uncaught error'}: ${message}`;
    const full = stack ? `${line}\n${stack}` : line;
    if (desktop.logs) desktop.logs.error(full);
    else log.warn(full);
    return null;
  });
  registry.handle('log:openFolder', async () => {
    if (!desktop.logs) throw new Error('Logs are written by the desktop app only');
    await desktop.logs.openFolder();
    return null;
  });
}
