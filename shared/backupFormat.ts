/**
 * The backup file's format without its checks (shared/backup.ts has those, and zod): what the
 * main window needs to write a backup, every day, without loading the schemas.
 */
import { isDayKey } from './days';
import type { FocusSession, Reflection, Task } from './types';

export const BACKUP_KIND = 'kinetic-backup';
/** Bumped when the file's shape changes; older formats stay readable. */
export const BACKUP_FORMAT = 1;
/** How many days of automatic backups main keeps. */
export const AUTO_BACKUP_DAYS = 7;

export interface Backup {
  kind: typeof BACKUP_KIND;
  format: typeof BACKUP_FORMAT;
  exportedAt: number;
  tasks: Task[];
  sessions: FocusSession[];
  reflections: Reflection[];
}

/** What `parseBackup` (shared/backup.ts) answers: the backup, or why the file is refused. */
export type ParsedBackup = { ok: true; backup: Backup } | { ok: false; error: string };

export type BackupData = Pick<Backup, 'tasks' | 'sessions' | 'reflections'>;

export function makeBackup(data: BackupData, now: number): Backup {
  return { kind: BACKUP_KIND, format: BACKUP_FORMAT, exportedAt: now, ...data };
}

/** The file's text: one record per line, so a backup reads (and diffs) well. */
export function backupText(backup: Backup): string {
  return [...backupTextPieces(backup)].join('');
}

/** Records per piece of `backupTextPieces`: about 2–4 ms of JSON at a time. */
export const BACKUP_TEXT_PIECE = 500;

/**
 * `backupText` in pieces, in order, each with at most `perPiece` records, so that a caller can let
 * other work run between them: at 100k tasks, the whole text took 400–850 ms in one piece
 * (Chromium).
 */
export function* backupTextPieces(backup: Backup, perPiece = BACKUP_TEXT_PIECE): Generator<string> {
  function* list(name: string, items: readonly unknown[], last: boolean): Generator<string> {
    const end = last ? '' : ',';
    if (items.length === 0) {
      yield `  "${name}": []${end}\n`;
      return;
    }
    for (let from = 0; from < items.length; from += perPiece) {
      const lines = items.slice(from, from + perPiece).map((item) => `    ${JSON.stringify(item)}`);
      const open = from === 0 ? `  "${name}": [\n` : ',\n';
      yield open + lines.join(',\n');
    }
    yield `\n  ]${end}\n`;
  }
  yield [
    '{',
    `  "kind": ${JSON.stringify(backup.kind)},`,
    `  "format": ${backup.format},`,
    `  "exportedAt": ${backup.exportedAt},`,
    '',
  ].join('\n');
  yield* list('tasks', backup.tasks, false);
  yield* list('sessions', backup.sessions, false);
  yield* list('reflections', backup.reflections, true);
  yield '}\n';
}

/** The backup file of a day: `kinetic-backup-2026-11-28.json`. */
export function backupFileName(day: string): string {
  return `kinetic-backup-${day}.json`;
}

/** The day of a backup file named by `backupFileName`; null for any other name. */
export function backupFileDay(name: string): string | null {
  const day = /^kinetic-backup-(.+)\.json$/.exec(name)?.[1];
  return day !== undefined && isDayKey(day) ? day : null;
}
