/**
 * A backup of everything in the database, as the file's text, for the automatic backups and for
 * "Back up…". It is built in slices (the repository reads in pages, the text comes in pieces) with
 * the window's other work in between: at 100k tasks, built in one go, it held the window still
 * for 0.9–1.5 s (Chromium).
 */
import { backupTextPieces, makeBackup, type BackupData } from '../../../shared/backupFormat';
import type { Repositories } from '../../db';

/**
 * Resolves in a task of its own, after what is already queued (keys, paints). A message, not a
 * timer: a hidden window's timers run at most once a second.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export async function buildBackup(
  repos: Pick<Repositories, 'backup'>,
  at: number,
  pause: () => Promise<void> = nextTask,
): Promise<{ data: BackupData; text: string }> {
  const data = await repos.backup.read();
  const pieces: string[] = [];
  for (const piece of backupTextPieces(makeBackup(data, at))) {
    pieces.push(piece);
    await pause();
  }
  return { data, text: pieces.join('') };
}
