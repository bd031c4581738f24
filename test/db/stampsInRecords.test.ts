/**
 * Schema v7: each record keeps its per-field stamps inside itself (renderer/db/oplog/stamps.ts),
 * so a write, a merge or a rebuild writes one row per record. The v6 fixture holds the stamps in
 * their own table, as v6 stored them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRepositories } from '../../renderer/db';
import { applyOps } from '../../renderer/db/oplog/apply';
import { markReplay } from '../../renderer/db/oplog/record';
import { STAMPS, type StampRow } from '../../renderer/db/oplog/stamps';
import { SCHEMA_VERSIONS, type KineticDb } from '../../renderer/db/schema';
import { nextHlc, type SyncOp } from '../../shared/sync';
import { makeTestTask, newTaskInput, openTestDb, uniqueDbName } from './fixtures/helpers';

interface V6Fixture {
  tasks: Record<string, unknown>[];
  sessions: Record<string, unknown>[];
  reflections: Record<string, unknown>[];
  stamps: StampRow[];
  oplog: Record<string, unknown>[];
}
// Loaded through Vite's glob import: the JSON file stays out of the TypeScript project.
const v6 = Object.values(
  import.meta.glob<unknown>('./fixtures/v6.json', { eager: true, import: 'default' }),
)[0] as V6Fixture;
const NOW = 1739500000000;

const opened: KineticDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function upgradedV6(): Promise<KineticDb> {
  const name = uniqueDbName('stamps-v7');
  const old = openTestDb(name, 6);
  await old.open();
  await old.transaction('rw', old.tables, async (tx) => {
    markReplay(tx.idbtrans);
    for (const table of ['tasks', 'sessions', 'reflections', 'stamps', 'oplog'] as const) {
      await old.table(table).bulkAdd(structuredClone(v6[table]));
    }
  });
  old.close();
  const db = openTestDb(name);
  opened.push(db);
  await db.open();
  return db;
}

/** A record as stored, stamps and all (as only the log's own replays read it). */
async function stored(
  db: KineticDb,
  table: string,
  key: string,
): Promise<Record<string, unknown> | undefined> {
  return db.transaction('r', db.table(table), (tx) => {
    markReplay(tx.idbtrans);
    return db.table(table).get(key) as Promise<Record<string, unknown> | undefined>;
  });
}

const keyOf = (row: StampRow): [string, string] => {
  const slash = row.key.indexOf('/');
  return [row.key.slice(0, slash), row.key.slice(slash + 1)];
};

describe('schema v7', () => {
  it('is the current version, with nothing new to index', () => {
    expect(SCHEMA_VERSIONS.at(-1)).toMatchObject({ version: 7, stores: {} });
  });

  it('moves each record’s stamps into the record, and records no op for it', async () => {
    const db = await upgradedV6();
    const whole = v6.stamps.filter((row) => row.p === undefined);
    expect(whole.length).toBe(v6.tasks.length + v6.sessions.length + v6.reflections.length);
    for (const row of whole) {
      const [table, id] = keyOf(row);
      const record = await stored(db, table, id);
      expect(record?.[STAMPS]).toEqual({ f: row.f, ...(row.h !== undefined ? { h: row.h } : {}) });
    }
    // Only the record the log holds in part stays in the table; the clock is as it was.
    expect(await db.table('stamps').toArray()).toEqual(v6.stamps.filter((row) => row.p !== undefined));
    expect(await db.table('outbox').count()).toBe(0);
    expect(await db.table('oplog').get('clock')).toEqual(v6.oplog[0]);
  });

  it('hides the stamps from every read but the log’s own', async () => {
    const db = await upgradedV6();
    const repos = createRepositories(db);
    const task = v6.tasks[3]!;
    expect(await db.tasks.get(String(task['id']))).not.toHaveProperty(STAMPS);
    expect((await db.tasks.toArray()).some((row) => STAMPS in row)).toBe(false);
    expect((await db.sessions.toArray()).some((row) => STAMPS in row)).toBe(false);
    expect(await db.reflections.get(String(v6.reflections[0]!['day']))).toEqual(v6.reflections[0]);
    expect(await repos.tasks.get(String(task['id']))).not.toHaveProperty(STAMPS);
    // Through a cursor too (Dexie reads with one when it filters).
    const seen: object[] = [];
    await db.tasks.filter(() => true).each((row) => void seen.push(row));
    expect(seen).toHaveLength(v6.tasks.length);
    expect(seen.some((row) => STAMPS in row)).toBe(false);
  });

  it('still decides merges field by field', async () => {
    const db = await upgradedV6();
    const first = v6.stamps[0]!;
    const [, id] = keyOf(first);
    // Newer than the record's common stamp, older than the phone's stamp on its priority.
    const hlc = nextHlc(null, Number(first.f['priority']!.slice(0, 13)) - 10_000, 'tablet-9');
    expect(hlc > first.h! && hlc < first.f['priority']!).toBe(true);
    const before = await db.tasks.get(id);
    await applyOps(
      db,
      [{ hlc, device: 'tablet-9', table: 'tasks', id, set: { title: 'Slides v2', priority: 3 } }],
      NOW,
    );
    const after = await db.tasks.get(id);
    expect(after).toMatchObject({ title: 'Slides v2', priority: before!.priority });
    expect((await stored(db, 'tasks', id))?.[STAMPS]).toEqual({
      f: { priority: first.f['priority'], title: hlc },
      h: first.h,
    });
  });

  it('keeps a record known only in part in the stamps table until it is whole, then moves it in', async () => {
    const db = await upgradedV6();
    const part = v6.stamps.find((row) => row.p !== undefined)!;
    const [, id] = keyOf(part);
    const rest: Record<string, unknown> = { ...makeTestTask(id, NOW - 86_400_000) };
    delete rest['title'];
    const hlc = nextHlc(part.h!, NOW, 'phone-21bc');
    const op: SyncOp = { hlc, device: 'phone-21bc', table: 'tasks', id, set: rest };
    expect(await applyOps(db, [op], NOW)).toMatchObject({ changed: 1, pending: 0 });
    expect(await db.tasks.get(id)).toMatchObject({ title: 'Book the train' });
    expect(await db.table('stamps').count()).toBe(0);
    const stamps = (await stored(db, 'tasks', id))?.[STAMPS] as { f: Record<string, string>; h: string };
    expect(stamps).toEqual({ f: { title: part.h }, h: hlc });
  });
});

describe('a local write', () => {
  it('stamps the record it writes: one row per record, its op in the outbox', async () => {
    const db = openTestDb(uniqueDbName('stamps-local'));
    opened.push(db);
    const repos = createRepositories(db);
    const task = await repos.tasks.add(newTaskInput('Water the plants'), NOW);
    const [op] = (await db.table('outbox').toArray()) as SyncOp[];
    expect(op).toMatchObject({ table: 'tasks', id: task.id });
    expect((await stored(db, 'tasks', task.id))?.[STAMPS]).toEqual({ f: {}, h: op!.hlc });
    expect(await db.table('stamps').count()).toBe(0);

    await repos.tasks.rename(task.id, 'Water the ferns', NOW + 1);
    const ops = (await db.table('outbox').toArray()) as SyncOp[];
    expect(ops[1]?.set).toEqual({ title: 'Water the ferns', updatedAt: NOW + 1 });
    expect((await stored(db, 'tasks', task.id))?.[STAMPS]).toEqual({
      f: { title: ops[1]!.hlc, updatedAt: ops[1]!.hlc },
      h: op!.hlc,
    });
    // A write that changes nothing of the task's own (a cache) keeps its stamps as they were.
    const row = await db.tasks.get(task.id);
    await db.transaction('rw', db.tasks, db.meta, () => db.tasks.put({ ...row!, openSteps: 0 }));
    expect(await db.table('outbox').count()).toBe(2);
    expect((await stored(db, 'tasks', task.id))?.[STAMPS]).toEqual({
      f: { title: ops[1]!.hlc, updatedAt: ops[1]!.hlc },
      h: op!.hlc,
    });
  });
});
