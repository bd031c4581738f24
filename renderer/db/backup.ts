/**
 * Backing up and restoring everything the user wrote (shared/backup.ts has the file's format).
 *
 * A restore merges: it never deletes and never goes back in time. A task or reflection in the
 * backup is written when the database lacks it or holds an older version of it (by `updatedAt`);
 * a focus session when the database lacks it. So restoring the same file twice, or an old file
 * over newer work, changes nothing that is newer. It is one strict transaction: all of it is on
 * disk when the promise resolves, none of it when it rejects. A restore that would make a task a
 * step of itself, or a chain too deep, once merged, is refused (RestoreRefused).
 */
import type { IndexableType, Table } from 'dexie';
import type { Backup, BackupData } from '../../shared/backupFormat';
import { describeFault, treeFault } from '../../shared/tree';
import { quoted } from '../../shared/text';
import type { Task } from '../../shared/types';
import { raiseFloors } from './floors';
import { same } from './rowCache';
import { fromRow, rowsFor, type KineticDb, type TaskRow } from './schema';

/**
 * A restore that would break the tree: the file is fine alone, but merged with what is here a
 * task would be a step of itself or too deep. Refused whole; its message is one sentence.
 */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

export interface RestoreCounts {
  tasksAdded: number;
  tasksUpdated: number;
  sessionsAdded: number;
  reflectionsAdded: number;
  reflectionsUpdated: number;
}

/**
 * Rows per read of `read()`. Each read is one request whose rows the window decodes in one task;
 * between them the window answers keys. Read in one request, 100k tasks took 540–730 ms of the
 * window's main thread in one piece (bench page, Chromium).
 */
export const BACKUP_READ_PAGE = 1000;

/**
 * Every row of `table` in primary-key order, as `map` makes it, BACKUP_READ_PAGE rows per request;
 * inside a transaction.
 */
async function inPages<Row, Key extends IndexableType, Insert, Out>(
  table: Table<Row, Key, Insert>,
  keyOf: (row: Row) => Key,
  map: (row: Row) => Out,
): Promise<Out[]> {
  const out: Out[] = [];
  let page = await table.orderBy(':id').limit(BACKUP_READ_PAGE).toArray();
  while (page.length > 0) {
    for (const row of page) out.push(map(row));
    if (page.length < BACKUP_READ_PAGE) break;
    page = await table
      .where(':id')
      .above(keyOf(page[page.length - 1]!))
      .limit(BACKUP_READ_PAGE)
      .toArray();
  }
  return out;
}

const asIs = <T>(row: T): T => row;

export class BackupRepository {
  constructor(private readonly db: KineticDb) {}

  /**
   * Everything, as of one moment: one read transaction, read in pages (BACKUP_READ_PAGE) so that a
   * large database does not hold the window still while it is read.
   */
  async read(): Promise<BackupData> {
    const { tasks, sessions, reflections } = this.db;
    return this.db.transaction('r', tasks, sessions, reflections, async () => ({
      tasks: await inPages(tasks, (row) => row.id, fromRow),
      sessions: await inPages(sessions, (row) => row.id, asIs),
      reflections: await inPages(reflections, (row) => row.day, asIs),
    }));
  }

  /** Merges a checked backup (shared/backup.ts `parseBackup`) into the database; see above. */
  async restore(backup: Backup, now: number): Promise<RestoreCounts> {
    const { tasks, sessions, reflections, meta } = this.db;
    return this.db.write([tasks, sessions, reflections, meta], async () => {
      const counts: RestoreCounts = {
        tasksAdded: 0,
        tasksUpdated: 0,
        sessionsAdded: 0,
        reflectionsAdded: 0,
        reflectionsUpdated: 0,
      };

      const stored = new Map((await tasks.toArray()).map((row) => [row.id, row]));
      const merged = new Map<string, Task>([...stored].map(([id, row]) => [id, fromRow(row)]));
      for (const task of backup.tasks) {
        const current = merged.get(task.id);
        if (current && current.updatedAt >= task.updatedAt) continue;
        merged.set(task.id, task);
        if (current) counts.tasksUpdated++;
        else counts.tasksAdded++;
      }
      if (counts.tasksAdded + counts.tasksUpdated > 0) {
        // Checked here, inside the transaction, on the union of both: a file checked alone can
        // still close a loop or lengthen a chain that is here. Thrown, it aborts everything.
        const fault = treeFault(merged);
        if (fault) {
          const titleOf = (id: string): string => quoted(merged.get(id)!.title);
          throw new RestoreRefused(`Restoring this backup would make ${describeFault(fault, titleOf)}.`);
        }
        // Every row's caches as of now, from the whole merged tree (a restored step changes the
        // caches of the tasks above it); only the rows that differ are written.
        const changed: TaskRow[] = rowsFor([...merged.values()], now).filter(
          (row) => !same(row, stored.get(row.id)),
        );
        await tasks.bulkPut(changed);
        await raiseFloors(this.db, now);
      }

      const sessionIds = new Set(await sessions.toCollection().primaryKeys());
      const newSessions = backup.sessions.filter((s) => !sessionIds.has(s.id));
      await sessions.bulkAdd(newSessions);
      counts.sessionsAdded = newSessions.length;

      const days = new Map((await reflections.toArray()).map((r) => [r.day, r]));
      const newer = backup.reflections.filter((r) => {
        const current = days.get(r.day);
        if (current && current.updatedAt >= r.updatedAt) return false;
        if (current) counts.reflectionsUpdated++;
        else counts.reflectionsAdded++;
        return true;
      });
      await reflections.bulkPut(newer);
      return counts;
    });
  }
}
