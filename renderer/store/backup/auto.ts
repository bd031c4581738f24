/**
 * The main window's part of the automatic backups (electron/main/services/autoBackup.ts): soon
 * after it starts and then every hour, it asks main whether today's backup is kept, and if not,
 * builds it and hands it over. It never hands over a backup of an empty database: after a lost
 * database, empty backups would otherwise replace the good ones day by day.
 */
import type { KineticApi } from '../../../shared/api';
import { dayKey } from '../../../shared/days';
import type { Repositories } from '../../db';
import { buildBackup } from './build';

export const AUTO_BACKUP_FIRST_MS = 30_000;
export const AUTO_BACKUP_EVERY_MS = 60 * 60_000;

export type AutoBackupOutcome = 'kept' | 'already kept' | 'nothing to keep';

export async function autoBackupOnce(deps: {
  repos: () => Promise<Pick<Repositories, 'backup'>>;
  api: KineticApi;
  now: () => number;
}): Promise<AutoBackupOutcome> {
  const at = deps.now();
  const today = dayKey(at);
  const status = await deps.api.backup.autoStatus();
  // Equal, not later: a backup dated ahead by a wrong clock must not stop today's.
  if (status.lastDay === today) return 'already kept';
  const { data, text } = await buildBackup(await deps.repos(), at);
  if (data.tasks.length + data.sessions.length + data.reflections.length === 0) return 'nothing to keep';
  await deps.api.backup.autoKeep({ day: today, text });
  return 'kept';
}

/** Runs `autoBackupOnce` after AUTO_BACKUP_FIRST_MS and then every AUTO_BACKUP_EVERY_MS; returns the stop. */
export function startAutoBackup(
  deps: Parameters<typeof autoBackupOnce>[0],
  onError: (error: unknown) => void,
): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const run = (): void => {
    autoBackupOnce(deps)
      .catch(onError)
      .finally(() => (timer = setTimeout(run, AUTO_BACKUP_EVERY_MS)));
  };
  timer = setTimeout(run, AUTO_BACKUP_FIRST_MS);
  return () => clearTimeout(timer);
}
