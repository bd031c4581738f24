import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../renderer/db';
import type { KineticDb } from '../../renderer/db/schema';
import { buildBackup, nextTask } from '../../renderer/store/backup/build';
import { backupText, backupTextPieces, makeBackup, parseBackup } from '../../shared/backup';
import { newTaskInput, openTestDb, uniqueDbName } from '../db/fixtures/helpers';

const NOW = new Date(2026, 10, 28, 9, 0).getTime();
let db: KineticDb;
let repos: Repositories;

beforeEach(() => {
  db = openTestDb(uniqueDbName('build-backup'));
  repos = createRepositories(db);
});

afterEach(async () => {
  await db.delete();
});

describe('building a backup in the main window', () => {
  it('builds the whole file, with a pause after each piece for the window’s other work', async () => {
    for (const title of ['Write the report', 'Call Sam', 'Book the dentist']) {
      await repos.tasks.add(newTaskInput(title), NOW - 1000);
    }
    let paused = 0;
    const { data, text } = await buildBackup(repos, NOW, () => {
      paused++;
      return Promise.resolve();
    });
    const backup = makeBackup(data, NOW);
    expect(text).toBe(backupText(backup));
    expect(parseBackup(text)).toEqual({ ok: true, backup });
    expect(data.tasks.map((t) => t.title).sort()).toEqual([
      'Book the dentist',
      'Call Sam',
      'Write the report',
    ]);
    expect(paused).toBe([...backupTextPieces(backup)].length);
    expect(paused).toBeGreaterThan(1);
  });

  it('a pause ends in a task of its own, after work queued before it', async () => {
    const order: string[] = [];
    const pause = nextTask().then(() => order.push('pause'));
    queueMicrotask(() => order.push('microtask'));
    await pause;
    expect(order).toEqual(['microtask', 'pause']);
  });
});
