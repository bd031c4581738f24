/**
 * The caches behind the indexed pick (open-step counts, readiness, the parent's keys on steps)
 * are kept right by every repository write: after any sequence of writes at any times, the
 * indexed pick equals the pure policy over all tasks, now and at later and earlier times.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRepositories, type Repositories } from '../../renderer/db';
import {
  fromRow,
  rowsFor,
  toCountedRow,
  toRow,
  type KineticDb,
  type PickKey,
  type TaskRow,
} from '../../renderer/db/schema';
import { headKeys } from '../../renderer/db/rows';
import {
  FLOORS_ID,
  FLOOR_SECTIONS,
  compareKeys,
  dueWindow,
  frontRows,
  floorKeys,
  forgetFloors,
  groupEnd,
  pickIndexed,
  rememberFloors,
  sectionEnd,
  type PickTrace,
} from '../../renderer/db/pick';
import { dayKey, startOfDay } from '../../shared/days';
import { MOMENTUM_MS, NEAR_MS, pickNextAction } from '../../shared/nextAction';
import type { Priority, Task } from '../../shared/types';
import { IDBKeyRange } from 'fake-indexeddb';
import { makeTestTask, memoryStorage, newTaskInput, openTestDb, uniqueDbName } from './fixtures/helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const START = new Date(2025, 2, 12, 9, 0).getTime();

type Op =
  | { kind: 'add'; priority: Priority | null; dueIn: number | null; estimate: number | null }
  | { kind: 'addSteps'; target: number; count: number }
  | { kind: 'addFirstStep'; target: number }
  | { kind: 'skip'; target: number; until: number | null }
  | { kind: 'snooze'; target: number; until: number }
  | { kind: 'setWaiting'; target: number; until: number }
  | { kind: 'complete'; target: number }
  | { kind: 'archive'; target: number; undo: boolean }
  | { kind: 'unsnoozeAll' }
  | { kind: 'pin'; target: number; days: number }
  | { kind: 'unpin'; target: number }
  | { kind: 'session'; target: number };

const target = fc.nat({ max: 1000 });
/** Snoozes around the times the checks look at, often just past the next write. */
const until = fc.oneof(fc.integer({ min: -2 * HOUR, max: 2 * DAY }), fc.constantFrom(1, MIN, 10 * MIN, HOUR));

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      priority: fc.constantFrom<Priority | null>(null, 1, 2, 3),
      dueIn: fc.option(fc.integer({ min: -DAY, max: 3 * DAY }), { nil: null }),
      estimate: fc.constantFrom(null, 5, 15, 60),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('addSteps' as const),
      target,
      count: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('addFirstStep' as const), target }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('skip' as const),
      target,
      until: fc.option(until, { nil: null }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('snooze' as const), target, until }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('setWaiting' as const), target, until }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('complete' as const), target }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('archive' as const), target, undo: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unsnoozeAll' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('pin' as const),
      target,
      days: fc.integer({ min: -1, max: 1 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unpin' as const), target }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('session' as const), target }) },
);

/** Time between writes: mostly forward, sometimes a long gap, now and then the clock steps back. */
const gapArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 30 * MIN }) },
  { weight: 2, arbitrary: fc.integer({ min: HOUR, max: 14 * HOUR }) },
  { weight: 1, arbitrary: fc.integer({ min: -HOUR, max: 0 }) },
);

const scenarioArb = fc.array(fc.record({ op: opArb, gap: gapArb }), { minLength: 1, maxLength: 30 });

/** Times to check the pick at, around the last write. */
const CHECKS = [0, 1, MIN, 30 * MIN, NEAR_MS, 5 * HOUR, MOMENTUM_MS + 1, DAY + HOUR, -10 * MIN];

const active = (t: Task): boolean => t.status === 'open' || t.status === 'waiting';

/** The caches on every row agree with the tasks (whatever time they were written at). */
function expectCachesRight(rows: TaskRow[]): void {
  const truth = new Map(rowsFor(rows.map(fromRow), START).map((r) => [r.id, r]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const row of rows) {
    const want = truth.get(row.id)!;
    expect(row.openSteps, `open steps of ${row.title}`).toBe(want.openSteps);
    if (!active(row)) continue;
    expect(row.readyAt, `readiness of ${row.title}`).toEqual(want.readyAt);
    expect(row.height, `height of ${row.title}`).toBe(want.height);
    if (row.wakeAt !== undefined) expect(row.wakeAt).toBe(row.readyAt);
    const parent = row.parentId === null ? undefined : byId.get(row.parentId);
    if (!parent) continue;
    expect(row.parentHeads, `parent's keys on ${row.title}`).toEqual(headKeys(fromRow(parent), parent));
  }
}

const sortedById = (rows: readonly TaskRow[]): TaskRow[] => [...rows].sort((x, y) => (x.id < y.id ? -1 : 1));
/** What a range of a front holds: the rows with an entry in [lower, upper] as copied there, by id. */
const holding = (rows: readonly TaskRow[], lower: PickKey, upper: PickKey): TaskRow[] =>
  sortedById(frontRows(rows, lower, upper));

describe('pick caches after repository writes', () => {
  it('the indexed pick equals the pure one after any writes, at any time', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (steps) => {
        const db = openTestDb(uniqueDbName('maintain'));
        const repos = createRepositories(db);
        let now = START;
        let n = 0;
        try {
          for (const { op, gap } of steps) {
            now += gap;
            const tasks = (await db.tasks.toArray()).map(fromRow);
            const pickFrom = (i: number, filter: (t: Task) => boolean = active): Task | undefined => {
              const list = tasks.filter(filter);
              return list.length ? list[i % list.length] : undefined;
            };
            const t = 'target' in op ? pickFrom(op.target) : undefined;
            switch (op.kind) {
              case 'add':
                await repos.tasks.add(
                  {
                    title: `Task ${n++}`,
                    due: op.dueIn === null ? null : { at: now + op.dueIn, hasTime: op.dueIn % 2 === 0 },
                    estimateMin: op.estimate,
                    tags: [],
                    priority: op.priority,
                  },
                  now,
                );
                break;
              case 'addSteps':
                if (t)
                  await repos.tasks.addSteps(
                    t.id,
                    Array.from({ length: op.count }, () => ({
                      title: `Step ${n++}`,
                      due: null,
                      estimateMin: 5,
                      tags: [],
                      priority: null,
                    })),
                    now,
                  );
                break;
              case 'addFirstStep':
                if (t)
                  await repos.tasks.addFirstStep(
                    t.id,
                    { title: `First ${n++}`, due: null, estimateMin: 2, tags: [], priority: null },
                    now,
                  );
                break;
              case 'skip':
                if (t) await repos.tasks.skip(t.id, now, null, op.until === null ? null : now + op.until);
                break;
              case 'snooze':
                if (t) await repos.tasks.snooze(t.id, now + op.until, now);
                break;
              case 'setWaiting':
                if (t) await repos.tasks.setWaiting(t.id, 'parts', now + op.until, now);
                break;
              case 'complete':
                if (t) await repos.tasks.complete(t.id, now);
                break;
              case 'archive':
                if (t) {
                  const { previous } = await repos.tasks.archive(t.id, now);
                  if (op.undo) await repos.tasks.restore(previous);
                }
                break;
              case 'unsnoozeAll':
                await repos.tasks.unsnoozeAll(now);
                break;
              case 'pin':
                if (t) await repos.tasks.pin(t.id, dayKey(now + op.days * DAY), now);
                break;
              case 'unpin':
                if (t) await repos.tasks.unpin(t.id, now);
                break;
              case 'session':
                if (t)
                  await repos.sessions.record({
                    id: `s${n++}`,
                    taskId: t.id,
                    title: t.title,
                    startedAt: now - 25 * MIN,
                    endedAt: now,
                    plannedMs: 25 * MIN,
                    focusedMs: 25 * MIN,
                    outcome: 'completed',
                    pauses: [],
                    note: null,
                  });
                break;
            }
            const rows = await db.tasks.toArray();
            expectCachesRight(rows);
            // The floors are below every entry of their sections, and tight after each write
            // (no floors before the first write: the sections' starts).
            const floors = await db.meta.get(FLOORS_ID);
            for (const section of floors ? FLOOR_SECTIONS : []) {
              const keys = rows.flatMap((r) => r.pickKeys ?? []).filter((k) => k[0] === section);
              const first = keys.sort(compareKeys)[0] ?? sectionEnd(section);
              expect(floors?.[section], `floor of ${section} after ${op.kind}`).toEqual(first);
            }
            // The front (stored by every repository write) is what reading its ranges gives now.
            if (floors?.front) {
              // (Its day is the writer's: an undo writes as of the restored versions' time.)
              const { day, a, r, d } = floors.front;
              const groupOf = (floor: PickKey, section: string): TaskRow[] =>
                holding(rows, floor, groupEnd(floor, sectionEnd(section)));
              expect(sortedById(a), 'front a').toEqual(groupOf(floors.a, 'a'));
              expect(sortedById(r), 'front r').toEqual(groupOf(floors.r, 'r'));
              expect(sortedById(d), 'front d').toEqual(holding(rows, ...dueWindow(day)));
            }
            const all = rows.map(fromRow);
            for (const offset of CHECKS) {
              const at = now + offset;
              const indexed = await repos.tasks.nextAction(at);
              const pure = pickNextAction(all, at);
              expect(
                indexed && [indexed.task.id, indexed.rule, indexed.reason],
                `${op.kind} then pick at +${offset}`,
              ).toEqual(pure && [pure.task.id, pure.rule, pure.reason]);
            }
          }
        } finally {
          await db.delete();
        }
      }),
      { numRuns: 120 },
    );
  }, 180_000);
});

describe('pick floors', () => {
  let db: KineticDb;
  let repos: Repositories;

  beforeEach(() => {
    db = openTestDb(uniqueDbName('floors'));
    repos = createRepositories(db);
  });

  afterEach(async () => {
    await db.delete();
  });

  it('reads again from the stored floors when another window wrote below the ones this window saw', async () => {
    const input = newTaskInput;
    const later = await repos.tasks.add(input('Later', 3), START);
    // (Adding alone never raises floors: the first write that changes a task stores them.)
    await repos.tasks.rename(later.id, 'Later', START);
    expect((await repos.tasks.nextAction(START))?.task.title).toBe('Later');
    const seen = await db.meta.get(FLOORS_ID);
    expect(seen?.r[1]).toBe(3);
    // Another window adds a better task; this window still remembers the old floors. The write
    // stored the front: one read of it gives the new task.
    const urgent = await repos.tasks.add(input('Urgent', 1), START + MIN);
    rememberFloors(db.name, seen!);
    const trace: PickTrace = { rounds: 0, requests: 0 };
    const picked = await pickIndexed(db.backendDB(), START + MIN, IDBKeyRange, trace);
    expect(picked?.task.id).toBe(urgent.id);
    expect(trace).toEqual({ rounds: 1, requests: 1 });
    // A put that does not store the front again (as any code writing tasks directly) drops it
    // and lowers the floor: the pick reads the ranking again, from the stored floor. (An add
    // keeps the front, with the new row in the ranges it belongs to.)
    const due = { at: START + DAY, hasTime: false };
    const direct = toCountedRow(makeTestTask('direct', START + 2 * MIN, { priority: 1, due }), {
      openSteps: 0,
      readyAt: null,
      height: 0,
    });
    await db.transaction('rw', db.tasks, db.meta, () => db.tasks.put(direct));
    expect((await db.meta.get(FLOORS_ID))?.front).toBeUndefined();
    const fallback = await pickIndexed(db.backendDB(), START + 2 * MIN, IDBKeyRange, trace);
    expect(fallback?.task.id).toBe('direct');
    expect(trace.rounds).toBe(2);
    // Without a front, a pick reads the sections from the floors at once: one round.
    await pickIndexed(db.backendDB(), START + 2 * MIN, IDBKeyRange, trace);
    expect(trace.rounds).toBe(1);
    // Stored again by the next repository write: an edit of the task the front holds.
    await repos.tasks.rename('direct', 'Direct, renamed', START + 3 * MIN);
    const renamed = await pickIndexed(db.backendDB(), START + 3 * MIN, IDBKeyRange, trace);
    expect(renamed?.task.title).toBe('Direct, renamed');
    // (This window's own write said so: only the row of floors is read.)
    expect(trace).toEqual({ rounds: 1, requests: 1 });
    // Another window pins a task for today: this window's floors say there is no pin yet.
    const before = await db.meta.get(FLOORS_ID);
    expect(before?.p).toEqual(sectionEnd('p'));
    await repos.tasks.pin(urgent.id, dayKey(START), START + 2 * MIN);
    rememberFloors(db.name, before!);
    const pinned = await pickIndexed(db.backendDB(), START + 2 * MIN, IDBKeyRange, trace);
    expect(pinned && [pinned.task.id, pinned.rule]).toEqual([urgent.id, 'pinned']);
    expect(trace.rounds).toBe(2);
  });

  it('keep the front through adds, with each new row in the ranges it has entries in', async () => {
    const input = { title: 'Top', due: null, estimateMin: null, tags: [], priority: 1 as Priority };
    const top = await repos.tasks.add(input, START);
    await repos.tasks.rename(top.id, 'Top', START);
    // Rows added straight to the table (as a bulk add would): a step of the ranking's first
    // task, and a task due at a time today.
    const [, step] = rowsFor(
      [fromRow((await db.tasks.get(top.id))!), makeTestTask('step', START + 1, { parentId: top.id })],
      START,
    );
    const timed = rowsFor(
      [makeTestTask('timed', START + 2, { due: { at: START + HOUR, hasTime: true } })],
      START,
    );
    await db.transaction('rw', db.tasks, db.meta, () => db.tasks.bulkAdd([step!, ...timed]));
    const floors = (await db.meta.get(FLOORS_ID))!;
    const rows = await db.tasks.toArray();
    const ids = (list: readonly TaskRow[] | undefined): string[] =>
      sortedById(list ?? []).map((row) => row.id);
    expect(ids(floors.front?.r)).toEqual([top.id, 'step']);
    expect(ids(floors.front?.r)).toEqual(ids(holding(rows, floors.r, groupEnd(floors.r, sectionEnd('r')))));
    expect(ids(floors.front?.d)).toEqual(['timed']);
    expect(ids(floors.front?.d)).toEqual(ids(holding(rows, ...dueWindow(floors.front!.day))));
  });

  it('copy into the front each task with its caches and its entries there, not what only writes use', async () => {
    const due = { at: START + HOUR, hasTime: true };
    const top = await repos.tasks.add({ title: 'Top', due, estimateMin: null, tags: [], priority: 1 }, START);
    const step = { title: 'Step', due: null, estimateMin: null, tags: [], priority: null };
    await repos.tasks.addSteps(top.id, [step], START + 1);
    const { front } = (await db.meta.get(FLOORS_ID))!;
    const stored = new Map((await db.tasks.toArray()).map((row) => [row.id, row]));
    for (const [section, copies] of Object.entries({ a: front!.a, r: front!.r, d: front!.d })) {
      // The task worked on (momentum), the ranking's first and the one due today: each with its step.
      expect(copies.map((copy) => copy.title).sort(), section).toEqual(['Step', 'Top']);
      for (const copy of copies) {
        const row = stored.get(copy.id)!;
        expect(fromRow(copy)).toEqual(fromRow(row));
        expect([copy.openSteps, copy.readyAt, copy.stepKey]).toEqual([
          row.openSteps,
          row.readyAt,
          row.stepKey,
        ]);
        for (const field of ['rankKey', 'timedDueKey', 'momentumKey', 'pinKey', 'parentHeads']) {
          expect(copy, `${section}: ${copy.title}`).not.toHaveProperty(field);
        }
        expect(copy.pickKeys!.length).toBeGreaterThan(0);
        expect(copy.pickKeys!.every((key) => key[0] === section)).toBe(true);
        expect(row.pickKeys).toEqual(expect.arrayContaining(copy.pickKeys!));
      }
    }
  });

  it('stay below every live entry through writes, and raise past the stale ones at the front', async () => {
    const tasks = [];
    for (let i = 0; i < 5; i++) {
      tasks.push(
        await repos.tasks.add(
          { title: `T${i}`, due: null, estimateMin: null, tags: [], priority: 1 },
          START + i,
        ),
      );
    }
    // Doing the first task moves the ranking's floor to the next one.
    await repos.tasks.complete(tasks[0]!.id, START + HOUR);
    expect((await db.meta.get(FLOORS_ID))?.r.at(-1)).toBe(tasks[1]!.id);
    // Snoozing it sets it aside: the floor moves on again.
    await repos.tasks.snooze(tasks[1]!.id, START + DAY, START + HOUR);
    expect((await db.meta.get(FLOORS_ID))?.r.at(-1)).toBe(tasks[2]!.id);
    // Once it is back in play, a write brings the floor down to it.
    await repos.tasks.rename(tasks[4]!.id, 'Renamed', START + DAY + 1);
    expect((await db.meta.get(FLOORS_ID))?.r.at(-1)).toBe(tasks[1]!.id);
  });

  it("start a new window's first pick from the floors another window left in localStorage", async () => {
    const { storage, entries: store } = memoryStorage();
    const previous = (globalThis as { localStorage?: Storage }).localStorage;
    (globalThis as { localStorage?: Storage }).localStorage = storage;
    try {
      const first = await repos.tasks.add(newTaskInput('T', 1), START);
      await repos.tasks.add(newTaskInput('U', 1), START + 1);
      await repos.tasks.complete(first.id, START + MIN);
      const floors = await db.meta.get(FLOORS_ID);
      // The hint holds the floors, not the front.
      expect(JSON.parse(store.get(`kinetic:pickFloors:${db.name}`)!)).toEqual(floorKeys(floors!));

      forgetFloors(db.name);
      const trace: PickTrace = { rounds: 0, requests: 0 };
      expect((await pickIndexed(db.backendDB(), START + MIN, IDBKeyRange, trace))?.task.title).toBe('U');
      // From the floors' hint: no pins or set-aside read. The write stored a front, and said so
      // in a hint too: only the row of floors is read, with its stamp (a new window knows no row).
      expect(trace).toEqual({ rounds: 1, requests: 2 });
      store.delete(`kinetic:pickFront:${db.name}`);
      forgetFloors(db.name);
      expect((await pickIndexed(db.backendDB(), START + MIN, IDBKeyRange, trace))?.task.title).toBe('U');
      // Without it: the ranking's first task and the due window as well.
      expect(trace).toEqual({ rounds: 1, requests: 4 });
      expect(store.get(`kinetic:pickFront:${db.name}`)).toBe(String(startOfDay(START + MIN)));

      // A hint that is not floors is ignored; one that is too high is corrected by the stored ones.
      for (const hint of ['{"a":[{}]}', 'not json', JSON.stringify({ ...floors, r: sectionEnd('r') })]) {
        store.set(`kinetic:pickFloors:${db.name}`, hint);
        forgetFloors(db.name);
        expect((await pickIndexed(db.backendDB(), START + MIN, IDBKeyRange))?.task.title).toBe('U');
      }
    } finally {
      (globalThis as { localStorage?: Storage }).localStorage = previous;
    }
  });

  it('refuse a write to tasks whose transaction leaves out the meta table', async () => {
    await repos.tasks.add({ title: 'First', due: null, estimateMin: null, tags: [], priority: null }, START);
    await expect(db.tasks.put(toRow(makeTestTask('direct', START)))).rejects.toThrow(/meta table/);
    expect(await db.tasks.get('direct')).toBeUndefined();
  });
});
