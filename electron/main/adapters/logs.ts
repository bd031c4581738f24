import log from 'electron-log/main';
import { app, shell } from 'electron';
import { dirname, join } from 'node:path';
import { redactUserText } from '../../../shared/redact';
import type { LogsPort } from '../ports';
import type { Logger } from '../ports';

/** Past this size main.log becomes main.old.log and a new one starts (electron-log's rotation). */
export const MAX_LOG_BYTES = 1024 * 1024;

/**
 * Main's log, with electron-log: a file in the user-data folder (so dev runs and
 * KINETIC_USER_DATA keep their own), rotated by size, and warnings on the console. Without debug
 * logging, user text (quoted text, kinetic:// queries) is taken out of every line.
 */
export function electronLogs(): LogsPort & Logger {
  const file = join(app.getPath('userData'), 'logs', 'main.log');
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.file.level = 'info';
  log.transports.console.level = 'warn';
  let debug = false;
  const clean = (message: string): string => (debug ? message : redactUserText(message));
  return {
    folder: dirname(file),
    warn: (message) => log.warn(`[kinetic] ${clean(message)}`),
    error: (message) => log.error(`[kinetic] ${clean(message)}`),
    setDebug(enabled) {
      debug = enabled;
      log.transports.file.level = enabled ? 'debug' : 'info';
    },
    async openFolder() {
      const problem = await shell.openPath(dirname(file));
      if (problem) throw new Error(problem);
    },
  };
}
