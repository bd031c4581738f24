/**
 * The op log from the database's side: every write records its ops, the log is the second copy,
 * and the database can always be brought back to `materialize` of the log — through crashes
 * between IndexedDB's commit and the log's acknowledgement, and after a reset.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { createRepositories, observeTasks, type NewTask, type Repositories } from '../../renderer/db';
import { fromRow, type KineticDb } from '../../renderer/db/schema';
import { connectLog, type LogLink } from '../../renderer/db/oplog/link';
import { applyOps } from '../../renderer/db/oplog/apply';
import { fieldStamps, packStamps } from '../../renderer/db/oplog/stamps';
import { OplogService } from '../../electron/main/services/oplog';
import { materialize, nextHlc, type SyncOp } from '../../shared/sync';
import { openTask, type FocusSession } from '../../shared/types';
import { MemoryLogFolder } from '../fakes/memoryLogFolder';
import { MemoryStore } from '../fakes/memoryStore';
import { dbContents, openTestDb, uniqueDbName } from './fixtures/helpers';

const MIN = 60_000;
const NOW = new Date(2025, 2, 12, 10, 0).getTime();
const input = (title: string): NewTask => ({ title, due: null, estimateMin: null, tags: [], priority: null });

const opened: KineticDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

/** Main's side: the real log service on a folder in memory. */
async function mainLog(folder = new MemoryLogFolder(), store = new MemoryStore()): Promise<OplogService> {
  let ids = 0;
  const service = new OplogService(folder, store, { warn: () => undefined }, () => `device-${++ids}`);
  await service.load();
  return service;
}

type Fault = 'none' | 'beforeAppend' | 'afterAppend';

/** A window's link to the service; `fault` makes the next append die before or after main wrote it. */
function linkTo(service: OplogService, fault: { next: Fault } = { next: 'none' }): LogLink {
  return {
    hello: () => Promise.resolve({ device: service.deviceId() }),
    append: async ({ ops }) => {
      const mode = fault.next;
      fault.next = 'none';
      if (mode === 'beforeAppend') throw new Error('crashed before the append');
      const result = await service.append(ops);
      if (mode === 'afterAppend') throw new Error('crashed before the acknowledgement');
      return result;
    },
    read: ({ after, cursor }) => service.read(after, cursor),
    recovered: () => Promise.resolve(null),
  };
}

/** A window: its own connection to the database named `name`, linked to main. */
async function window(name: string, link: LogLink): Promise<{ db: KineticDb; repos: Repositories }> {
  const db = openTestDb(name);
  opened.push(db);
  const durable = connectLog(db, link, { now: () => NOW });
  await durable.ready;
  return { db, repos: createRepositories(db) };
}

async function logOps(service: OplogService): Promise<SyncOp[]> {
  const ops: SyncOp[] = [];
  for (let cursor: number | null = 0; cursor !== null;) {
    const page = await service.read({}, cursor);
    ops.push(...page.ops);
    cursor = page.next;
  }
  return ops;
}

function session(id: string, taskId: string, endedAt: number): FocusSession {
  return {
    id,
    taskId,
    title: 'focus',
    startedAt: endedAt - 10 * MIN,
    endedAt,
    plannedMs: 10 * MIN,
    focusedMs: 10 * MIN,
    outcome: 'completed',
    pauses: [],
    note: null,
  };
}

describe('every write records its ops', () => {
  it('queues one op per changed record in the same transaction, with only the fields that changed', async () => {
    const db = openTestDb(uniqueDbName('oplog'));
    opened.push(db);
    const repos = createRepositories(db);
    const task = await repos.tasks.add(input('write the report'), NOW);
    await repos.tasks.rename(task.id, 'write the short report', NOW + MIN);
    const outbox = (await db.table('outbox').toArray()) as SyncOp[];
    expect(outbox).toHaveLength(2);
    expect(outbox[0]!.set).toEqual({ ...task });
    expect(outbox[1]!.set).toEqual({ title: 'write the short report', updatedAt: NOW + MIN });
    expect(outbox[0]!.hlc < outbox[1]!.hlc).toBe(true);
    // A write that changes only caches (settling) is no op.
    expect(materialize(outbox).tasks[task.id]).toEqual(fromRow((await db.tasks.get(task.id))!));
  });

  it('refuses to delete a record, and a refused write queues nothing', async () => {
    const db = openTestDb(uniqueDbName('oplog'));
    opened.push(db);
    const repos = createRepositories(db);
    const task = await repos.tasks.add(input('keep me'), NOW);
    await expect(db.transaction('rw', db.tasks, db.meta, () => db.tasks.delete(task.id))).rejects.toThrow(
      /never deletes/,
    );
    await expect(repos.tasks.rename('missing', 'x', NOW)).rejects.toThrow();
    expect(await db.table('outbox').count()).toBe(1);
    expect(await db.tasks.count()).toBe(1);
  });

  it('resolves a write only once main has its ops on disk, and then the outbox is empty', async () => {
    const service = await mainLog();
    const { db, repos } = await window(uniqueDbName('oplog'), linkTo(service));
    const task = await repos.tasks.add(input('call Sam'), NOW);
    expect(await db.table('outbox').count()).toBe(0);
    expect(materialize(await logOps(service)).tasks[task.id]).toEqual(task);
  });

  it('keeps a write whose ops did not reach the log in the outbox, and sends them at the next start', async () => {
    const service = await mainLog();
    const fault = { next: 'beforeAppend' as Fault };
    const name = uniqueDbName('oplog');
    const first = await window(name, linkTo(service, fault));
    await expect(first.repos.tasks.add(input('not yet in the log'), NOW)).rejects.toThrow(/crashed/);
    expect(await first.db.table('outbox').count()).toBe(1);
    first.db.close();
    const again = await window(name, linkTo(service));
    expect(await again.db.table('outbox').count()).toBe(0);
    expect(Object.values(materialize(await logOps(service)).tasks).map((t) => t['title'])).toEqual([
      'not yet in the log',
    ]);
  });
});

describe('a window sees its own write', () => {
  it('once the write is reported done (both copies on disk), not at its commit', async () => {
    const db = openTestDb(uniqueDbName('oplog'));
    opened.push(db);
    const repos = createRepositories(db);
    let release: (() => void) | null = null;
    db.afterWrite = () => new Promise<void>((resolve) => (release = resolve));
    const seen: number[] = [];
    const stop = observeTasks(
      db,
      () => db.tasks.count(),
      (n) => seen.push(n),
      () => undefined,
    );
    await vi.waitFor(() => expect(seen).toContain(0));
    const adding = repos.tasks.add(input('water the plants'), NOW);
    await vi.waitFor(() => expect(release).not.toBeNull());
    // Committed in IndexedDB, not yet in main's log: the screen still shows the state before it.
    expect(await db.tasks.count()).toBe(1);
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).not.toContain(1);
    release!();
    await adding;
    await vi.waitFor(() => expect(seen.at(-1)).toBe(1));
    stop();
  });
});

describe('ops of another device id', () => {
  it('are stamped again as this device’s and reach the log (written unlinked, or before a new device id)', async () => {
    const name = uniqueDbName('oplog');
    const unlinked = openTestDb(name);
    opened.push(unlinked);
    const task = await createRepositories(unlinked).tasks.add(input('written before the link'), NOW);
    expect(((await unlinked.table('outbox').toArray()) as SyncOp[]).map((op) => op.device)).toEqual([
      'local',
    ]);
    unlinked.close();
    const service = await mainLog();
    const { db, repos } = await window(name, linkTo(service));
    expect(await db.table('outbox').count()).toBe(0);
    const more = await repos.tasks.add(input('and after it'), NOW + MIN);
    const log = await logOps(service);
    expect(log.every((op) => op.device === service.deviceId())).toBe(true);
    expect(materialize(log).tasks).toEqual({ [task.id]: task, [more.id]: more });
    expect(await dbContents(db)).toEqual(materialize(log));
  });
});

describe('rebuilding from the log', () => {
  it('brings back everything when the database comes back empty, and says it rebuilt', async () => {
    const service = await mainLog();
    const name = uniqueDbName('oplog');
    const { db, repos } = await window(name, linkTo(service));
    const parent = await repos.tasks.add(input('plan the trip'), NOW);
    await repos.tasks.addSteps(parent.id, [input('book the train'), input('pack')], NOW + MIN);
    await repos.sessions.record(session('s1', parent.id, NOW + 2 * MIN));
    await repos.reflections.save(
      {
        day: '2025-03-12',
        moved: 'the trip',
        inTheWay: 'nothing',
        tomorrowStep: 'pack',
        morningTrigger: false,
      },
      NOW + 3 * MIN,
    );
    const before = await dbContents(db);
    const next = await repos.tasks.nextAction(NOW + 4 * MIN);
    await db.delete();

    const reset = openTestDb(name);
    opened.push(reset);
    const durable = connectLog(reset, linkTo(service), { now: () => NOW + 5 * MIN });
    const recovery = await durable.ready;
    expect(recovery.rebuilt).toBe(true);
    expect(await dbContents(reset)).toEqual(before);
    expect((await createRepositories(reset).tasks.nextAction(NOW + 4 * MIN))?.task.id).toBe(next?.task.id);
    // New writes after the rebuild stamp later than everything in the log.
    const more = await createRepositories(reset).tasks.add(input('after the reset'), NOW + 6 * MIN);
    expect(materialize(await logOps(service)).tasks[more.id]).toEqual(more);
  });

  it('takes back only what a database lost at its end, without a rebuild', async () => {
    const service = await mainLog();
    const name = uniqueDbName('oplog');
    const { db, repos } = await window(name, linkTo(service));
    const kept = await repos.tasks.add(input('kept'), NOW);
    const clock = await db.table('oplog').get('clock');
    const lost = await repos.tasks.add(input('lost in a crash'), NOW + MIN);
    // As LevelDB drops a torn tail: the last commit is gone, clock and all.
    await db.transaction('rw', [db.tasks, db.meta, db.table('oplog'), db.table('stamps')], async (tx) => {
      const { markReplay } = await import('../../renderer/db/oplog/record');
      markReplay(tx.idbtrans);
      await db.tasks.delete(lost.id);
      await db.table('oplog').put(clock);
    });
    db.close();
    const again = openTestDb(name);
    opened.push(again);
    const recovery = await connectLog(again, linkTo(service), { now: () => NOW }).ready;
    expect(recovery).toMatchObject({ rebuilt: false, ops: 1 });
    expect((await dbContents(again)).tasks).toEqual({ [kept.id]: kept, [lost.id]: lost });
  });

  it('gives records written before the log existed their first op (schema v6 upgrade)', async () => {
    const name = uniqueDbName('oplog-v5');
    const old = openTestDb(name, 5);
    await old.open();
    const task = openTask('old-task', 'from before the log', NOW);
    await old.transaction('rw', old.tables, () => old.table('tasks').add(task));
    old.close();
    const service = await mainLog();
    const { db } = await window(name, linkTo(service));
    expect(await db.table('oplog').get('genesis')).toBeUndefined();
    expect(materialize(await logOps(service)).tasks['old-task']).toEqual(task);
  });
});

type Step =
  | { kind: 'add'; title: string }
  | { kind: 'rename'; pick: number; title: string }
  | { kind: 'done'; pick: number }
  | { kind: 'skip'; pick: number }
  | { kind: 'steps'; pick: number; titles: string[] }
  | { kind: 'session'; pick: number }
  | { kind: 'crash'; fault: Exclude<Fault, 'none'> };

const title = fc.string({ minLength: 1, maxLength: 12 }).filter((t) => t.trim() !== '');
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), title }),
  fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), title }),
  fc.record({ kind: fc.constant('done' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('skip' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('steps' as const),
    pick: fc.nat(),
    titles: fc.array(title, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('session' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('crash' as const),
    fault: fc.constantFrom('beforeAppend' as const, 'afterAppend' as const),
  }),
);

describe('the database always ends equal to materialize of the log', () => {
  it('through random writes with crashes between the commit and the acknowledgement', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 14 }), async (steps) => {
        const service = await mainLog();
        const name = uniqueDbName('oplog-prop');
        const fault = { next: 'none' as Fault };
        let win = await window(name, linkTo(service, fault));
        let now = NOW;
        let sessions = 0;
        for (const step of steps) {
          now += MIN;
          const ids = (await win.db.tasks.toCollection().primaryKeys()) as string[];
          const id = ids.length ? ids[('pick' in step ? step.pick : 0) % ids.length]! : null;
          const write = async (): Promise<unknown> => {
            switch (step.kind) {
              case 'add':
                return win.repos.tasks.add(input(step.title), now);
              case 'rename':
                return id && win.repos.tasks.rename(id, step.title, now);
              case 'done':
                return id && win.repos.tasks.complete(id, now);
              case 'skip':
                return id && win.repos.tasks.skip(id, now, null, now + 60 * MIN);
              case 'steps':
                return id && win.repos.tasks.addSteps(id, step.titles.map(input), now);
              case 'session':
                return id && win.repos.sessions.record(session(`s${++sessions}`, id, now));
              case 'crash':
                // The next write commits, then the window dies before (or right after) main wrote its ops.
                fault.next = step.fault;
                await win.repos.tasks.add(input('written as it crashed'), now).catch(() => undefined);
                win.db.close();
                win = await window(name, linkTo(service, fault));
                return;
            }
          };
          await write().catch((error: unknown) => {
            // Writes the app refuses (too deep, gone) change nothing; anything else is a failure.
            if (!(error instanceof Error) || error.name !== 'TaskInputError') throw error;
          });
        }
        win.db.close();
        const last = await window(name, linkTo(service));
        const log = materialize(await logOps(service));
        expect(await dbContents(last.db)).toEqual(log);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('after applying any ops of several devices in any batches and any order', async () => {
    const devices = ['laptop', 'desktop', 'phone'];
    const opsArb = fc
      .array(
        fc.record({
          device: fc.constantFrom(...devices),
          id: fc.constantFrom('a', 'b', 'c'),
          wall: fc.integer({ min: 0, max: 50 }),
          title: title,
          status: fc.constantFrom('open', 'done', 'archived'),
          whole: fc.boolean(),
        }),
        { minLength: 1, maxLength: 20 },
      )
      .map((specs) => {
        const clocks = new Map<string, string | null>();
        const ops: SyncOp[] = [];
        for (const s of specs) {
          const hlc = nextHlc(clocks.get(s.device) ?? null, NOW + s.wall * 1000, s.device);
          clocks.set(s.device, hlc);
          const set = s.whole
            ? { ...openTask(s.id, s.title, NOW), status: s.status }
            : { title: s.title, status: s.status };
          ops.push({ hlc, device: s.device, table: 'tasks', id: s.id, set });
        }
        // Every record is created somewhere, so the whole log makes whole records.
        for (const id of new Set(ops.map((o) => o.id))) {
          const hlc = nextHlc(clocks.get('laptop') ?? null, NOW, 'laptop');
          clocks.set('laptop', hlc);
          ops.push({
            hlc,
            device: 'laptop',
            table: 'tasks',
            id,
            set: { ...openTask(id, `created ${id}`, NOW) },
          });
        }
        return ops;
      });
    await fc.assert(
      fc.asyncProperty(
        opsArb.chain((ops) =>
          fc.tuple(
            fc.constant(ops),
            fc.shuffledSubarray(ops, { minLength: ops.length, maxLength: ops.length }),
            fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 10 }),
          ),
        ),
        async ([ops, shuffled, sizes]) => {
          const db = openTestDb(uniqueDbName('oplog-apply'));
          opened.push(db);
          // Duplicates too: a batch may come again.
          const delivery = [...shuffled, ...shuffled.slice(0, sizes[0])];
          for (let i = 0, b = 0; i < delivery.length; b++) {
            const size = sizes[b % sizes.length]!;
            await applyOps(db, delivery.slice(i, i + size), NOW);
            i += size;
          }
          expect((await dbContents(db)).tasks).toEqual(materialize(ops).tasks);
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe('stamp rows', () => {
  const stamp = fc
    .tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom('dev-a', 'dev-b'))
    .map(([n, device]) => nextHlc(null, NOW + n, device));

  it('give back every field’s stamp, packed with the most common one apart', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('title', 'status', 'due', 'tags', 'note'), stamp),
        (stamps) => {
          const row = packStamps('tasks/t1', stamps);
          expect(fieldStamps(row, Object.keys(stamps))).toEqual(stamps);
          // A field the record does not have has no stamp, whatever the row's common one.
          expect(fieldStamps(row, Object.keys(stamps))['missing']).toBeUndefined();
        },
      ),
    );
  });

  it('written before the packed form (every field named) still merge per field', async () => {
    const db = openTestDb(uniqueDbName('oplog'));
    opened.push(db);
    const task = openTask('t1', 'old title', NOW);
    const older = nextHlc(null, NOW, 'dev-a');
    const newer = nextHlc(null, NOW + MIN, 'dev-b');
    await applyOps(db, [{ hlc: older, device: 'dev-a', table: 'tasks', id: 't1', set: { ...task } }], NOW);
    // The row as schema v6 first wrote it: each field by name, no common stamp.
    await db.transaction('rw', db.table('stamps'), () =>
      db
        .table('stamps')
        .put({ key: 'tasks/t1', f: Object.fromEntries(Object.keys(task).map((k) => [k, older])) }),
    );
    const stale = nextHlc(null, NOW - MIN, 'dev-b');
    await applyOps(
      db,
      [
        { hlc: newer, device: 'dev-b', table: 'tasks', id: 't1', set: { title: 'new title' } },
        { hlc: stale, device: 'dev-b', table: 'tasks', id: 't1', set: { status: 'done' } },
      ],
      NOW,
    );
    expect(fromRow((await db.tasks.get('t1'))!)).toEqual({ ...task, title: 'new title' });
  });
});
