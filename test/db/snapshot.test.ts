/**
 * The copy of the pick's row of floors and front in localStorage (pick.ts `readSnapshot`), and
 * the pick over it that the main window paints before IndexedDB opens (boot.ts `snapshotPick`).
 */
import { markReplay } from '../../renderer/db/oplog/record';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBKeyRange } from 'fake-indexeddb';
import { createRepositories, type Repositories } from '../../renderer/db';
import { snapshotPick } from '../../renderer/db/boot';
import { FLOORS_ID, STAMP_ID, floorKeys, forgetFloors, type Stamp } from '../../renderer/db/pick';
import { fromRow, type KineticDb } from '../../renderer/db/schema';
import { SCHEMA_VERSION } from '../../renderer/db/version';
import { pickNextAction } from '../../shared/nextAction';
import type { Priority } from '../../shared/types';
import { dayKey } from '../../shared/days';
import { memoryStorage, newTaskInput, openTestDb, uniqueDbName } from './fixtures/helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const START = new Date(2026, 10, 25, 9, 0).getTime();

const { storage, entries: store } = memoryStorage();
let previousStorage: Storage | undefined;

let db: KineticDb;
let repos: Repositories;
const copyKey = (): string => `kinetic:pickSnapshot:${db.name}`;
/** The copy is made in a task of its own after the pick. */
const copied = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
/** A window that has just started: it knows only what localStorage holds. */
const newWindowPick = (now: number): ReturnType<typeof snapshotPick> => {
  forgetFloors(db.name);
  return snapshotPick(now, db.name, IDBKeyRange);
};
const input = newTaskInput;

beforeEach(() => {
  previousStorage = (globalThis as { localStorage?: Storage }).localStorage;
  (globalThis as { localStorage?: Storage }).localStorage = storage;
  store.clear();
  db = openTestDb(uniqueDbName('snapshot'));
  repos = createRepositories(db);
});

afterEach(() => {
  db.close();
  forgetFloors(db.name);
  (globalThis as { localStorage?: Storage }).localStorage = previousStorage;
});

/** Writes that leave a front (adds alone keep one, but do not make one). */
async function withFront(...titles: [string, Priority | null][]): Promise<void> {
  const extra = await repos.tasks.add(input('Extra'), START - HOUR);
  for (const [i, [title, priority]] of titles.entries())
    await repos.tasks.add(input(title, priority), START + i);
  await repos.tasks.complete(extra.id, START + titles.length);
}

describe('the copy of the front', () => {
  it('is made after a pick, and a new window picks the same action from it without IndexedDB', async () => {
    await withFront(['Later', null], ['First', 1]);
    expect(await newWindowPick(START + MIN)).toBeUndefined();

    const picked = await repos.tasks.nextAction(START + MIN);
    await copied();
    const copy = JSON.parse(store.get(copyKey())!) as {
      version: number;
      stamp: string;
      floors: { id: string };
    };
    expect(copy.version).toBe(SCHEMA_VERSION);
    expect(copy.stamp).toBe(((await db.meta.get(STAMP_ID as typeof FLOORS_ID)) as unknown as Stamp).stamp);
    expect(copy.floors).toEqual(await db.meta.get(FLOORS_ID));

    // With the database closed: the answer comes from the copy alone.
    db.close();
    const early = await newWindowPick(START + MIN);
    expect(early?.task.title).toBe('First');
    expect(early).toEqual(picked);
  });

  it('is behind a write until the next pick, and then follows it', async () => {
    await withFront(['First', 1], ['Second', 2]);
    const first = (await repos.tasks.nextAction(START + MIN))!.task;
    await copied();
    await repos.tasks.complete(first.id, START + 2 * MIN);
    // Out of date: the main window paints it, then repaints with IndexedDB's answer.
    expect((await newWindowPick(START + 2 * MIN))?.task.title).toBe('First');
    expect((await repos.tasks.nextAction(START + 2 * MIN))?.task.title).toBe('Second');
    await copied();
    expect((await newWindowPick(START + 2 * MIN))?.task.title).toBe('Second');
  });

  it('gives no answer where the front does not decide: another day, or a pin for today', async () => {
    await withFront(['Task', null]);
    const task = (await repos.tasks.nextAction(START + MIN))!.task;
    await copied();
    expect((await newWindowPick(START + MIN))?.task.title).toBe('Task');
    // The front holds the due times of the day it was written: tomorrow needs IndexedDB.
    expect(await newWindowPick(START + DAY)).toBeUndefined();

    // A pin for tomorrow is in the copy's floors: tomorrow it has to be read.
    await repos.tasks.pin(task.id, dayKey(START + DAY), START + 2 * MIN);
    await repos.tasks.nextAction(START + 2 * MIN);
    await copied();
    expect((await newWindowPick(START + 2 * MIN))?.task.title).toBe('Task');
    const morning = new Date(START + DAY).setHours(8, 0, 0, 0);
    expect(await newWindowPick(morning)).toBeUndefined();
  });

  it('is dropped when the row read has no front, and ignored when it is not a copy of this schema', async () => {
    await withFront(['Task', null]);
    await repos.tasks.nextAction(START + MIN);
    await copied();
    const good = store.get(copyKey())!;

    const floors = (await db.meta.get(FLOORS_ID))!;
    await db.meta.put(floorKeys(floors));
    expect((await repos.tasks.nextAction(START + MIN))?.task.title).toBe('Task');
    await copied();
    expect(store.has(copyKey())).toBe(false);

    const copy = JSON.parse(good) as { version: number; floors: Record<string, unknown> };
    const bad = [
      'not json',
      'null',
      JSON.stringify({ ...copy, version: SCHEMA_VERSION - 1 }),
      JSON.stringify({ ...copy, stamp: undefined }),
      JSON.stringify({ ...copy, floors: { ...copy.floors, front: undefined } }),
      JSON.stringify({ ...copy, floors: { ...copy.floors, a: 'a' } }),
      JSON.stringify({ ...copy, floors: { ...copy.floors, a: ['r'] } }),
      JSON.stringify({ ...copy, floors: { ...copy.floors, a: ['a', {}] } }),
      JSON.stringify({ ...copy, floors: { ...copy.floors, id: 'other' } }),
    ];
    for (const text of bad) {
      store.set(copyKey(), text);
      expect(await newWindowPick(START + MIN), text.slice(0, 40)).toBeUndefined();
    }
    store.set(copyKey(), good);
    expect((await newWindowPick(START + MIN))?.task.title).toBe('Task');
  });

  it('answers as the pure policy over all tasks, or not at all, at any time after the pick', async () => {
    const taskArb = fc.record({
      priority: fc.constantFrom<Priority | null>(null, 1, 2, 3),
      dueIn: fc.option(fc.integer({ min: -DAY, max: 2 * DAY }), { nil: null }),
      timed: fc.boolean(),
      estimate: fc.constantFrom(null, 5, 15, 60),
      skipFor: fc.option(fc.integer({ min: MIN, max: DAY }), { nil: null }),
      steps: fc.nat({ max: 2 }),
      done: fc.boolean(),
    });
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(taskArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 2 * DAY }), { minLength: 1, maxLength: 4 }),
        async (tasks, laters) => {
          // A fresh start for each run: a reset, not a user's write (ops never delete).
          await db.transaction('rw', db.tasks, db.meta, async (tx) => {
            markReplay(tx.idbtrans);
            await db.tasks.clear();
            await db.meta.clear();
          });
          forgetFloors(db.name);
          store.clear();
          let now = START;
          for (const [i, t] of tasks.entries()) {
            now += MIN;
            const due = t.dueIn === null ? null : { at: START + t.dueIn, hasTime: t.timed };
            const task = await repos.tasks.add(
              { title: `T${i}`, due, estimateMin: t.estimate, tags: [], priority: t.priority },
              now,
            );
            if (t.steps > 0) {
              await repos.tasks.addSteps(
                task.id,
                Array.from({ length: t.steps }, (_, k) => input(`T${i}.${k}`)),
                now,
              );
            }
            if (t.skipFor !== null) await repos.tasks.skip(task.id, now, null, now + t.skipFor);
            if (t.done) await repos.tasks.complete(task.id, now);
          }
          await repos.tasks.nextAction(now);
          await copied();
          const all = (await db.tasks.toArray()).map(fromRow);
          for (const later of [0, ...laters]) {
            const at = now + later;
            const early = await newWindowPick(at);
            if (early === undefined) continue;
            answered++;
            expect(early?.task.id ?? null).toBe(pickNextAction(all, at)?.task.id ?? null);
          }
        },
      ),
      { numRuns: 60 },
    );
    // The copy answered often enough for the property to say something.
    expect(answered).toBeGreaterThan(40);
  }, 120_000);
});
