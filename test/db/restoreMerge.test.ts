/**
 * A restore checks what it makes, not only the file (issue 24): a file that is valid alone can,
 * merged with what is already here, make a task a step of itself or a chain too deep. Such a
 * restore is refused whole; and a database that already holds a cycle is repaired at start, so a
 * backup of it can always be restored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../renderer/db';
import { RestoreRefused } from '../../renderer/db/backup';
import { repairTree } from '../../renderer/db/repair';
import { rowsFor, type KineticDb } from '../../renderer/db/schema';
import { backupText, makeBackup, parseBackup } from '../../shared/backup';
import { MAX_DEPTH } from '../../shared/nextAction';
import { openTask, type Task } from '../../shared/types';
import { openTestDb, uniqueDbName } from './fixtures/helpers';

const NOW = new Date(2025, 2, 12, 10, 0).getTime();
const HOUR = 3_600_000;

const opened: KineticDb[] = [];
function fresh(): Repositories {
  const db = openTestDb(uniqueDbName('restore-merge'));
  opened.push(db);
  return createRepositories(db);
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.delete()));
});

/** Every table's rows, as text: equal before and after means nothing changed. */
export async function dump(db: KineticDb): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return JSON.stringify(out);
}

async function put(r: Repositories, tasks: Task[]): Promise<void> {
  const { db } = r;
  await db.transaction('rw', db.tasks, db.meta, () => db.tasks.bulkPut(rowsFor(tasks, NOW)));
}

/** The app's own next backup of `r`, through the file, as a restore would read it. */
async function nextBackupParses(r: Repositories): Promise<boolean> {
  return parseBackup(backupText(makeBackup(await r.backup.read(), NOW))).ok;
}

const task = (id: string, title: string, at: number, parentId: string | null = null): Task =>
  openTask(id, title, at, { parentId });

describe('restore checks the merged tree', () => {
  it('refuses a file that would make a task a step of itself, and changes nothing', async () => {
    const r = fresh();
    await put(r, [
      task('a', 'Plan the trip', NOW - 2 * HOUR),
      task('b', 'Book the train', NOW - 2 * HOUR, 'a'),
    ]);
    const before = await dump(r.db);
    // Alone the file is fine: A is a (newer) step of B.
    const file = makeBackup(
      {
        tasks: [task('b', 'Book the train', NOW - 3 * HOUR), task('a', 'Plan the trip', NOW - HOUR, 'b')],
        sessions: [],
        reflections: [],
      },
      NOW,
    );
    const parsed = parseBackup(backupText(file));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;

    const refusal = r.backup.restore(parsed.backup, NOW);
    await expect(refusal).rejects.toBeInstanceOf(RestoreRefused);
    await expect(refusal).rejects.toThrow(
      /^Restoring this backup would make “Plan the trip” a step of itself\.$/,
    );
    expect(await dump(r.db)).toBe(before);
    expect(await nextBackupParses(r)).toBe(true);
  });

  it('refuses a file that would make a chain too deep, and changes nothing', async () => {
    const r = fresh();
    const here = Array.from({ length: 10 }, (_, i) =>
      task(`h${i}`, `Here ${i}`, NOW - 2 * HOUR, i === 0 ? null : `h${i - 1}`),
    );
    await put(r, here);
    const before = await dump(r.db);
    // The file has the last task here, older, as a top-level task, and ten steps below it.
    const there = [
      task('h9', 'Here 9', NOW - 3 * HOUR),
      ...Array.from({ length: 10 }, (_, i) =>
        task(`t${i}`, `There ${i}`, NOW - HOUR, i === 0 ? 'h9' : `t${i - 1}`),
      ),
    ];
    const parsed = parseBackup(backupText(makeBackup({ tasks: there, sessions: [], reflections: [] }, NOW)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;

    await expect(r.backup.restore(parsed.backup, NOW)).rejects.toThrow(
      new RegExp(`^Restoring this backup would make “There \\d” more than ${MAX_DEPTH} steps deep\\.$`),
    );
    expect(await dump(r.db)).toBe(before);
    expect(await nextBackupParses(r)).toBe(true);
  });
});

describe('repairing the tree at start', () => {
  it('detaches the newest link of a cycle, says so, and the next backup restores', async () => {
    const r = fresh();
    await put(r, [
      task('a', 'Plan the trip', NOW - 3 * HOUR, 'c'),
      task('b', 'Book the train', NOW - 2 * HOUR, 'a'),
      task('c', 'Pack', NOW - HOUR, 'b'),
      task('d', 'Unrelated', NOW - HOUR),
    ]);
    expect(await nextBackupParses(r)).toBe(false);

    const repairs = await repairTree(r.db, NOW);
    expect(repairs).toEqual([
      expect.stringMatching(/^Detached “Pack” from “Book the train”: .*step of itself/),
    ]);
    expect((await r.tasks.get('c'))?.parentId).toBeNull();
    expect((await r.tasks.get('a'))?.parentId).toBe('c');
    expect(await nextBackupParses(r)).toBe(true);
    // Repaired once: nothing more to do.
    expect(await repairTree(r.db, NOW)).toEqual([]);
  });

  it('detaches the link below the deepest allowed step of a chain too deep', async () => {
    const r = fresh();
    await put(
      r,
      Array.from({ length: MAX_DEPTH + 3 }, (_, i) =>
        task(`t${i}`, `Level ${i}`, NOW - HOUR, i === 0 ? null : `t${i - 1}`),
      ),
    );
    expect(await nextBackupParses(r)).toBe(false);
    expect(await repairTree(r.db, NOW)).toHaveLength(1);
    expect((await r.tasks.get(`t${MAX_DEPTH + 1}`))?.parentId).toBeNull();
    expect(await nextBackupParses(r)).toBe(true);
  });

  it('detaches a step whose task is not here, so the next backup restores', async () => {
    const r = fresh();
    await put(r, [task('a', 'Plan', NOW - HOUR), task('b', 'Book', NOW - HOUR, 'gone')]);
    expect(await nextBackupParses(r)).toBe(false);
    expect(await repairTree(r.db, NOW)).toEqual(['Detached “Book” from a task that is not here.']);
    expect((await r.tasks.get('b'))?.parentId).toBeNull();
    expect(await nextBackupParses(r)).toBe(true);
  });

  it('changes nothing in a sound database', async () => {
    const r = fresh();
    await put(r, [task('a', 'Plan', NOW - HOUR), task('b', 'Book', NOW - HOUR, 'a')]);
    const before = await dump(r.db);
    expect(await repairTree(r.db, NOW)).toEqual([]);
    expect(await dump(r.db)).toBe(before);
  });
});
