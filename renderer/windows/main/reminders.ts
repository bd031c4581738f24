import { MAX_REMINDERS } from '../../../shared/ipcChannels';
import type { Repositories } from '../../db';
import { kinetic } from '../../ipc';

const DAY_MS = 24 * 60 * 60_000;
/** The window of due tasks main is told about moves on this often (and on every change). */
const REFRESH_MS = 60 * 60_000;

type Observe = <T>(
  query: () => Promise<T>,
  onValue: (v: T) => void,
  onError: (e: unknown) => void,
) => () => void;

/**
 * Tells main which tasks are due at a time in the next day, now and after every change to tasks,
 * so it can notify at their time (main has no database).
 */
export function startReminders(repos: Repositories, observe: Observe): () => void {
  let last = '';
  let off = (): void => undefined;
  const watch = (): void => {
    off();
    off = observe(
      () => {
        const now = Date.now();
        return repos.tasks.dueAtTimeBetween(now - 5 * 60_000, now + DAY_MS, MAX_REMINDERS);
      },
      (tasks) => {
        const items = tasks.map((t) => ({ id: t.id, title: t.title, at: t.due!.at }));
        const key = JSON.stringify(items);
        if (key === last) return;
        last = key;
        void kinetic.reminders.set({ items }).catch(() => undefined);
      },
      (error) => console.error('Could not read the tasks due at a time:', error),
    );
  };
  watch();
  const timer = setInterval(watch, REFRESH_MS);
  return () => {
    clearInterval(timer);
    off();
  };
}
