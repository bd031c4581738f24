/**
 * Checks an opened backup file off the window's thread: `parseBackup` (shared/backup.ts) runs in
 * a Worker, one per check, so even a file of hundreds of megabytes never holds the window still.
 * Where there is no Worker (unit tests in Node), it runs on the spot, with the same answer.
 */
import type { ParsedBackup } from '../../../shared/backupFormat';

const NOT_CHECKED: ParsedBackup = { ok: false, error: 'Kinetic could not check this file.' };

export function checkBackup(text: string): Promise<ParsedBackup> {
  if (typeof Worker === 'undefined') {
    return import('../../../shared/backup').then(({ parseBackup }) => parseBackup(text));
  }
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./checkWorker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(NOT_CHECKED);
      return;
    }
    const done = (result: ParsedBackup): void => {
      worker.terminate();
      resolve(result);
    };
    worker.onmessage = (event: MessageEvent<ParsedBackup>) => done(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      done(NOT_CHECKED);
    };
    worker.onmessageerror = () => done(NOT_CHECKED);
    worker.postMessage(text);
  });
}
