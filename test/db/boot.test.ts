import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { bootPick } from '../../renderer/db/boot';
import { KineticDb, toRow } from '../../renderer/db/schema';
import { DB_NAME } from '../../renderer/db/version';
import { makeTestTask } from './fixtures/helpers';

const NOW = new Date(2026, 10, 27, 10, 0).getTime();

function databases(): Promise<string[]> {
  return indexedDB.databases().then((list) => list.map((d) => d.name ?? ''));
}

afterEach(async () => {
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
});

describe('bootPick (the first paint without Dexie)', () => {
  it('answers undefined on first start and does not create an empty database', async () => {
    expect(await bootPick(NOW)).toBeUndefined();
    expect(await databases()).not.toContain(DB_NAME);
  });

  it('answers undefined while a schema upgrade is pending, and leaves the upgrade to Dexie', async () => {
    const old = new KineticDb(DB_NAME, { upTo: 2 });
    await old.tasks.add(toRow(makeTestTask('a', NOW - 1000, { title: 'From version 2' })));
    old.close();
    expect(await bootPick(NOW)).toBeUndefined();
    const current = new KineticDb(DB_NAME);
    expect((await current.tasks.get('a'))?.title).toBe('From version 2');
    current.close();
  });

  it('gives the same next action as the repository on the current schema, and closes its connection', async () => {
    const db = new KineticDb(DB_NAME);
    await db.transaction('rw', db.tasks, db.meta, () =>
      db.tasks.bulkAdd(
        [
          makeTestTask('later', NOW - 1000, { title: 'Later' }),
          makeTestTask('first', NOW - 500, { title: 'First', priority: 1 }),
        ].map(toRow),
      ),
    );
    db.close();
    const booted = await bootPick(NOW);
    expect(booted?.task.title).toBe('First');
    expect(booted?.reason).toBe('Top priority');
    // Its connection is closed: a schema upgrade would not be blocked.
    const again = new KineticDb(DB_NAME);
    expect(await again.tasks.count()).toBe(2);
    again.close();
  });
});
