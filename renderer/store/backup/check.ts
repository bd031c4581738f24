/**
 * Checks an opened backup file off the window's thread: `parseBackup` (shared/backup.ts) runs in
 * a Worker, one per check, so even a file of hundreds of megabytes never holds the window still.
 * Where there is no Worker (unit tests in Node), it runs on the spot, with the same answer.
 */
import type { ParsedBackup } from '../../../shared/backupFormat';

const onTheSpot = (text: string): Promise<ParsedBackup> =>
  import('../../../shared/backup').then(({ parseBackup }) => parseBackup(text));

export function checkBackup(text: string): Promise<ParsedBackup> {
  if (typeof Worker === 'undefined') return onTheSpot(text);
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./checkWorker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(onTheSpot(text));
      return;
    }
    const done = (result: ParsedBackup | Promise<ParsedBackup>): void => {
      worker.terminate();
      resolve(result);
    };
    worker.onmessage = (event: MessageEvent<ParsedBackup>) => done(event.data);
    // A Worker that could not start (or answer) must not make restoring impossible: the check
    // then runs here, holding the window still while it does.
    worker.onerror = (event) => {
      event.preventDefault();
      done(onTheSpot(text));
    };
    worker.onmessageerror = () => done(onTheSpot(text));
    worker.postMessage(text);
  });
}
