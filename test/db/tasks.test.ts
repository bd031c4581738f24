import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createRepositories, type NewTask, type Repositories } from '../../renderer/db';
import { MAX_TITLE, TaskInputError } from '../../renderer/db/tasks';
import {
  cacheOf,
  fromRow,
  toCountedRow,
  toRow,
  type KineticDb,
  type TaskRow,
} from '../../renderer/db/schema';
import { headKeys } from '../../renderer/db/rows';
import { dayKey, nextDayKey } from '../../shared/days';
import { pickNextAction } from '../../shared/nextAction';
import type { Task } from '../../shared/types';
import { makeTestSession, makeTestTask, openTestDb, uniqueDbName } from './fixtures/helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Wednesday 12 March 2025, 10:00 in Berlin. */
const NOW = new Date(2025, 2, 12, 10, 0).getTime();

function input(title: string, overrides: Partial<NewTask> = {}): NewTask {
  return { title, due: null, estimateMin: null, tags: [], priority: null, ...overrides };
}

let repos: Repositories;
let db: KineticDb;

beforeEach(() => {
  db = openTestDb(uniqueDbName('tasks'));
  repos = createRepositories(db);
});

afterEach(async () => {
  await db.delete();
});

async function allTasks(): Promise<Task[]> {
  return (await db.tasks.toArray()).map(fromRow);
}

async function row(id: string): Promise<TaskRow> {
  const found = await db.tasks.get(id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

/**
 * Every stored row carries exactly the derived keys its task calls for, and caches that are
 * either absent (unknown) or right: its open-step count, and (for a step) its parent's keys.
 */
async function expectKeysInSync(): Promise<void> {
  const rows = await db.tasks.toArray();
  for (const r of rows) {
    expect(r).toEqual(toCountedRow(fromRow(r), cacheOf(r)));
    if (r.openSteps !== undefined) {
      const open = rows.filter((c) => c.parentId === r.id && (c.status === 'open' || c.status === 'waiting'));
      expect(r.openSteps, `open steps of ${r.title}`).toBe(open.length);
    }
    const active = r.status === 'open' || r.status === 'waiting';
    if (r.parentId !== null && active && r.parentHeads !== undefined) {
      const parent = rows.find((p) => p.id === r.parentId);
      expect(r.parentHeads, `parent keys of ${r.title}`).toEqual(
        parent ? headKeys(fromRow(parent), parent) : [],
      );
    }
  }
}

const indexCount = (
  index: 'rankKey' | 'stepKey' | 'timedDueKey' | 'momentumKey' | 'pinKey',
): Promise<number> => db.tasks.where(index).aboveOrEqual(Dexie.minKey).count();

/** The indexed pick, checked against the pure policy over the whole table. */
async function next(now: number): Promise<{ id: string; rule: string; reason: string } | null> {
  const indexed = await repos.tasks.nextAction(now);
  const pure = pickNextAction(await allTasks(), now);
  expect(indexed && { id: indexed.task.id, rule: indexed.rule, reason: indexed.reason }).toEqual(
    pure && { id: pure.task.id, rule: pure.rule, reason: pure.reason },
  );
  return indexed && { id: indexed.task.id, rule: indexed.rule, reason: indexed.reason };
}

describe('add', () => {
  it('stores a new open task with the title cleaned', async () => {
    const due = { at: new Date(2025, 2, 13).getTime(), hasTime: false };
    const task = await repos.tasks.add(
      input('  call \n Sam\t about  the lease ', { due, estimateMin: 15, tags: ['home'], priority: 2 }),
      NOW,
    );
    expect(task).toMatchObject({
      title: 'call Sam about the lease',
      status: 'open',
      parentId: null,
      due,
      estimateMin: 15,
      tags: ['home'],
      priority: 2,
      skipCount: 0,
      skipReasons: [],
      snoozedUntil: null,
      waitingNote: null,
      pinnedFor: null,
      workedAt: null,
      createdAt: NOW,
      updatedAt: NOW,
      doneAt: null,
    });
    expect(await repos.tasks.get(task.id)).toEqual(task);
    expect((await row(task.id)).rankKey).toEqual([2, due.at, 0, 0, NOW, task.id]);
    expect(await repos.tasks.count()).toBe(1);
    expect(await next(NOW)).toEqual({ id: task.id, rule: 'ranked', reason: 'Priority 2 · Due tomorrow' });
  });

  it('gives every task its own id', async () => {
    const a = await repos.tasks.add(input('a'), NOW);
    const b = await repos.tasks.add(input('a'), NOW);
    expect(a.id).not.toBe(b.id);
    expect(await repos.tasks.count()).toBe(2);
  });

  it('rejects an empty title and writes nothing', async () => {
    await expect(repos.tasks.add(input(''), NOW)).rejects.toBeInstanceOf(TaskInputError);
    await expect(repos.tasks.add(input(' \n\t '), NOW)).rejects.toThrow('Give it a few words first.');
    expect(await repos.tasks.count()).toBe(0);
  });

  it('rejects a title over the limit and writes nothing, but accepts one at the limit', async () => {
    await expect(repos.tasks.add(input('x'.repeat(MAX_TITLE + 1)), NOW)).rejects.toBeInstanceOf(
      TaskInputError,
    );
    expect(await repos.tasks.count()).toBe(0);
    const atLimit = await repos.tasks.add(input(`  ${'y'.repeat(MAX_TITLE)}   `), NOW);
    expect(atLimit.title).toHaveLength(MAX_TITLE);
    expect(await repos.tasks.count()).toBe(1);
  });

  it('copies the tags instead of keeping the caller’s array', async () => {
    const tags = ['work'];
    const task = await repos.tasks.add(input('t', { tags }), NOW);
    tags.push('later');
    expect((await repos.tasks.get(task.id))?.tags).toEqual(['work']);
    expect(task.tags).toEqual(['work']);
  });
});

describe('complete', () => {
  it('marks the task and everything under it done, and leaves the indexes', async () => {
    const parent = await repos.tasks.add(input('Move flat', { due: { at: NOW + HOUR, hasTime: true } }), NOW);
    const [a, b] = await repos.tasks.addSteps(parent.id, [input('pack'), input('van')], NOW);
    const [b1] = await repos.tasks.addSteps(b!.id, [input('call rental')], NOW);
    const doneEarlier = (await repos.tasks.complete(a!.id, NOW + MIN)).task;
    expect(await indexCount('rankKey')).toBe(1);
    expect(await indexCount('stepKey')).toBe(2);
    expect(await indexCount('timedDueKey')).toBe(1);
    const before = await db.tasks.toArray();

    const result = await repos.tasks.complete(parent.id, NOW + 2 * MIN);
    expect(result.task).toMatchObject({ id: parent.id, status: 'done', doneAt: NOW + 2 * MIN });
    expect(result.parent).toBeNull();
    expect(result.parentHasOpenSteps).toBe(false);
    for (const id of [parent.id, b!.id, b1!.id]) {
      expect(await repos.tasks.get(id)).toMatchObject({ status: 'done', doneAt: NOW + 2 * MIN });
    }
    // A step done earlier keeps the time it was done.
    expect(await repos.tasks.get(a!.id)).toEqual(doneEarlier);
    for (const index of ['rankKey', 'stepKey', 'timedDueKey', 'momentumKey', 'pinKey'] as const) {
      expect(await indexCount(index)).toBe(0);
    }
    await expectKeysInSync();
    expect(await next(NOW + 3 * MIN)).toBeNull();

    // Undo puts back the task and the steps it closed; the step done before stays as it was.
    expect(result.previous.map((t) => t.id)).toEqual([parent.id, b!.id, b1!.id]);
    await repos.tasks.restore(result.previous);
    const byId = (rows: TaskRow[]): TaskRow[] => [...rows].sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(byId(await db.tasks.toArray())).toEqual(byId(before));
    await expectKeysInSync();
    expect((await next(NOW + 3 * MIN))?.id).toBe(b1!.id);
  });

  it('touches every ancestor as worked on (momentum) and clears a snooze', async () => {
    const root = await repos.tasks.add(input('root'), NOW - DAY);
    const [mid] = await repos.tasks.addSteps(root.id, [input('mid')], NOW - DAY);
    const [leaf, leaf2] = await repos.tasks.addSteps(mid!.id, [input('leaf'), input('leaf2')], NOW - DAY);
    await repos.tasks.snooze(leaf!.id, NOW + DAY, NOW - HOUR);

    const result = await repos.tasks.complete(leaf!.id, NOW);
    expect(result.task.snoozedUntil).toBeNull();
    expect((await repos.tasks.get(mid!.id))?.workedAt).toBe(NOW);
    // Each level up one millisecond earlier: the nearest parent is the most recent.
    expect((await repos.tasks.get(root.id))?.workedAt).toBe(NOW - 1);
    expect((await row(mid!.id)).momentumKey).toEqual([NOW, mid!.id]);
    expect((await row(root.id)).momentumKey).toEqual([NOW - 1, root.id]);
    expect(result.parent?.id).toBe(mid!.id);
    expect(result.parentHasOpenSteps).toBe(true);
    await expectKeysInSync();
    // Momentum: the most recently worked task with open steps shows its next step: mid's, not
    // root's first step (whatever the ids).
    expect(await next(NOW + MIN)).toEqual({ id: leaf2!.id, rule: 'momentum', reason: 'Next step of “mid”' });
  });

  it('reports that the parent has no open steps when the last step is completed', async () => {
    const parent = await repos.tasks.add(input('parent'), NOW);
    const [s1, s2] = await repos.tasks.addSteps(parent.id, [input('one'), input('two')], NOW);
    const first = await repos.tasks.complete(s1!.id, NOW + MIN);
    expect(first.parentHasOpenSteps).toBe(true);
    const last = await repos.tasks.complete(s2!.id, NOW + 2 * MIN);
    expect(last.parent).toMatchObject({ id: parent.id, status: 'open', workedAt: NOW + 2 * MIN });
    expect(last.parentHasOpenSteps).toBe(false);
    // The parent is now shown itself.
    expect(await next(NOW + 3 * MIN)).toEqual({ id: parent.id, rule: 'ranked', reason: 'Next in line' });
  });

  it('counts a waiting or snoozed sibling as an open step', async () => {
    const parent = await repos.tasks.add(input('parent'), NOW);
    const [s1, s2] = await repos.tasks.addSteps(parent.id, [input('one'), input('two')], NOW);
    await repos.tasks.setWaiting(s2!.id, 'parts', NOW + DAY, NOW);
    expect((await repos.tasks.complete(s1!.id, NOW + MIN)).parentHasOpenSteps).toBe(true);
  });

  it('rejects a task that does not exist and changes nothing', async () => {
    const t = await repos.tasks.add(input('t'), NOW);
    await expect(repos.tasks.complete('missing', NOW)).rejects.toBeInstanceOf(TaskInputError);
    expect(await repos.tasks.get(t.id)).toEqual(t);
  });
});

describe('skip, snooze and waiting', () => {
  it('counts the skip, records the reason and sets the task aside until the given time', async () => {
    const a = await repos.tasks.add(input('a', { priority: 1 }), NOW);
    const b = await repos.tasks.add(input('b'), NOW);
    const once = await repos.tasks.skip(a.id, NOW, null, NOW + HOUR);
    expect(once).toMatchObject({
      skipCount: 1,
      skipReasons: [{ at: NOW, reason: null }],
      snoozedUntil: NOW + HOUR,
    });
    const twice = await repos.tasks.skip(a.id, NOW + MIN, 'too-big', NOW + 2 * HOUR);
    expect(twice).toMatchObject({
      skipCount: 2,
      skipReasons: [
        { at: NOW, reason: null },
        { at: NOW + MIN, reason: 'too-big' },
      ],
      snoozedUntil: NOW + 2 * HOUR,
      updatedAt: NOW + MIN,
    });
    expect(await repos.tasks.get(a.id)).toEqual(twice);
    expect((await row(a.id)).rankKey?.[3]).toBe(2);
    await expectKeysInSync();
    expect((await next(NOW + MIN))?.id).toBe(b.id);
    expect(await next(NOW + 2 * HOUR)).toEqual({ id: a.id, rule: 'ranked', reason: 'Top priority' });
  });

  it('keeps only the last 50 skip reasons', async () => {
    const a = await repos.tasks.add(input('a'), NOW);
    for (let i = 0; i < 52; i++) await repos.tasks.skip(a.id, NOW + i, 'not-now', null);
    const t = await repos.tasks.get(a.id);
    expect(t?.skipCount).toBe(52);
    expect(t?.skipReasons).toHaveLength(50);
    expect(t?.skipReasons[0]).toEqual({ at: NOW + 2, reason: 'not-now' });
    expect(t?.snoozedUntil).toBeNull();
  });

  it('snoozes until a time', async () => {
    const a = await repos.tasks.add(input('a'), NOW);
    await repos.tasks.snooze(a.id, NOW + HOUR, NOW);
    expect(await next(NOW)).toBeNull();
    expect((await next(NOW + HOUR))?.id).toBe(a.id);
  });

  it('sets a task waiting with a cleaned note until its check-back time', async () => {
    const a = await repos.tasks.add(input('Lease', { priority: 1 }), NOW);
    const other = await repos.tasks.add(input('other'), NOW);
    const waiting = await repos.tasks.setWaiting(a.id, '  reply from\n landlord ', NOW + DAY, NOW);
    expect(waiting).toMatchObject({
      status: 'waiting',
      waitingNote: 'reply from landlord',
      snoozedUntil: NOW + DAY,
    });
    expect(await repos.tasks.get(a.id)).toEqual(waiting);
    expect((await row(a.id)).rankKey).toBeDefined();
    await expectKeysInSync();
    expect((await next(NOW))?.id).toBe(other.id);
    expect(await next(NOW + DAY)).toEqual({
      id: a.id,
      rule: 'ranked',
      reason: 'Check back: reply from landlord · Top priority',
    });
    const noNote = await repos.tasks.setWaiting(other.id, '   ', NOW + HOUR, NOW);
    expect(noNote.waitingNote).toBeNull();
  });

  it('unsnoozes every snoozed open task but leaves waiting tasks alone', async () => {
    const a = await repos.tasks.add(input('a'), NOW);
    const b = await repos.tasks.add(input('b'), NOW);
    const w = await repos.tasks.add(input('w'), NOW);
    const expired = await repos.tasks.add(input('expired'), NOW);
    await repos.tasks.snooze(a.id, NOW + HOUR, NOW);
    await repos.tasks.skip(b.id, NOW, 'blocked', NOW + DAY);
    await repos.tasks.setWaiting(w.id, 'x', NOW + DAY, NOW);
    await repos.tasks.snooze(expired.id, NOW - MIN, NOW - HOUR);

    expect(await repos.tasks.unsnoozeAll(NOW + MIN)).toBe(2);
    expect(await repos.tasks.get(a.id)).toMatchObject({ snoozedUntil: null, updatedAt: NOW + MIN });
    expect(await repos.tasks.get(b.id)).toMatchObject({ snoozedUntil: null, skipCount: 1 });
    expect(await repos.tasks.get(w.id)).toMatchObject({ status: 'waiting', snoozedUntil: NOW + DAY });
    expect(await repos.tasks.get(expired.id)).toMatchObject({
      snoozedUntil: NOW - MIN,
      updatedAt: NOW - HOUR,
    });
    await expectKeysInSync();
    expect(await repos.tasks.unsnoozeAll(NOW + 2 * MIN)).toBe(0);
  });
});

describe('archive and restore', () => {
  it('archives a task with its steps and puts everything back on undo', async () => {
    const parent = await repos.tasks.add(input('Garden', { priority: 1 }), NOW);
    const [s1, s2] = await repos.tasks.addSteps(parent.id, [input('seeds'), input('soil')], NOW);
    await repos.tasks.complete(s1!.id, NOW + MIN);
    const other = await repos.tasks.add(input('other'), NOW);
    const before = await db.tasks.toArray();

    const { task, previous } = await repos.tasks.archive(parent.id, NOW + 2 * MIN);
    expect(task).toMatchObject({ id: parent.id, status: 'archived', updatedAt: NOW + 2 * MIN });
    // The step done before stays done; only active tasks are archived (and remembered for undo).
    expect(previous.map((t) => t.id)).toEqual([parent.id, s2!.id]);
    expect((await repos.tasks.get(s1!.id))?.status).toBe('done');
    expect((await repos.tasks.get(s2!.id))?.status).toBe('archived');
    expect(await indexCount('rankKey')).toBe(1);
    expect(await indexCount('stepKey')).toBe(0);
    expect(await indexCount('momentumKey')).toBe(0);
    await expectKeysInSync();
    expect((await next(NOW + 3 * MIN))?.id).toBe(other.id);

    await repos.tasks.restore(previous);
    const after = await db.tasks.toArray();
    const byId = (rows: TaskRow[]): TaskRow[] => [...rows].sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(byId(after)).toEqual(byId(before));
    expect(await next(NOW + 3 * MIN)).toEqual({
      id: s2!.id,
      rule: 'momentum',
      reason: 'Next step of “Garden”',
    });
  });
});

describe('steps', () => {
  it('adds steps in order after the existing ones, and the first becomes the next action', async () => {
    const parent = await repos.tasks.add(input('Taxes'), NOW - DAY);
    const other = await repos.tasks.add(input('other', { priority: 1 }), NOW - DAY);
    expect((await next(NOW))?.id).toBe(other.id);

    const steps = await repos.tasks.addSteps(parent.id, [input(' find  forms '), input('fill in')], NOW);
    expect(steps.map((s) => [s.title, s.order, s.parentId])).toEqual([
      ['find forms', 0, parent.id],
      ['fill in', 1, parent.id],
    ]);
    expect((await repos.tasks.get(parent.id))?.workedAt).toBe(NOW);
    expect(await next(NOW + MIN)).toEqual({
      id: steps[0]!.id,
      rule: 'momentum',
      reason: 'Next step of “Taxes”',
    });

    const more = await repos.tasks.addSteps(parent.id, [input('send')], NOW + MIN);
    expect(more[0]?.order).toBe(2);
    expect((await repos.tasks.steps(parent.id)).map((s) => s.title)).toEqual([
      'find forms',
      'fill in',
      'send',
    ]);
    await expectKeysInSync();
  });

  it('places new steps after the highest open order, and ignores done steps', async () => {
    const parent = await repos.tasks.add(input('p'), NOW);
    await db.transaction('rw', db.tasks, db.meta, () =>
      db.tasks.bulkPut(
        [
          makeTestTask('s5', NOW, { parentId: parent.id, order: 5 }),
          makeTestTask('s9done', NOW, { parentId: parent.id, order: 9, status: 'done', doneAt: NOW }),
        ].map(toRow),
      ),
    );
    const [added] = await repos.tasks.addSteps(parent.id, [input('x')], NOW);
    expect(added?.order).toBe(6);
  });

  it('rejects an empty list of steps, or a missing parent, without writing', async () => {
    const parent = await repos.tasks.add(input('p'), NOW);
    await expect(repos.tasks.addSteps(parent.id, [], NOW)).rejects.toBeInstanceOf(TaskInputError);
    await expect(repos.tasks.addSteps('missing', [input('x')], NOW)).rejects.toBeInstanceOf(TaskInputError);
    await expect(repos.tasks.addSteps(parent.id, [input('ok'), input('  ')], NOW)).rejects.toBeInstanceOf(
      TaskInputError,
    );
    expect(await repos.tasks.count()).toBe(1);
    expect(await repos.tasks.get(parent.id)).toEqual(parent);
  });

  it('adds a new first step before the others and makes the parent available again', async () => {
    const parent = await repos.tasks.add(input('Essay'), NOW - DAY);
    const [s1] = await repos.tasks.addSteps(parent.id, [input('draft'), input('edit')], NOW - DAY);
    await repos.tasks.snooze(parent.id, NOW + DAY, NOW - HOUR);
    expect(await next(NOW)).toBeNull();

    const first = await repos.tasks.addFirstStep(parent.id, input('open the doc'), NOW);
    expect(first.order).toBe(s1!.order - 1);
    expect(await repos.tasks.get(parent.id)).toMatchObject({
      snoozedUntil: null,
      workedAt: NOW,
      updatedAt: NOW,
    });
    expect((await repos.tasks.steps(parent.id)).map((s) => s.title)).toEqual([
      'open the doc',
      'draft',
      'edit',
    ]);
    expect(await next(NOW + MIN)).toEqual({ id: first.id, rule: 'momentum', reason: 'Next step of “Essay”' });
    await expectKeysInSync();
  });

  it('adds a first step with order 0 to a task without steps', async () => {
    const parent = await repos.tasks.add(input('Essay'), NOW);
    const first = await repos.tasks.addFirstStep(parent.id, input('open the doc'), NOW);
    expect(first).toMatchObject({ order: 0, parentId: parent.id, estimateMin: null });
    await expect(repos.tasks.addFirstStep('missing', input('x'), NOW)).rejects.toBeInstanceOf(TaskInputError);
    expect(await repos.tasks.count()).toBe(2);
  });
});

describe('pin and unpin', () => {
  it('pins a task as the first action of a day and unpins it', async () => {
    const a = await repos.tasks.add(input('a', { priority: 1 }), NOW);
    const b = await repos.tasks.add(input('b'), NOW);
    const today = dayKey(NOW);
    const pinned = await repos.tasks.pin(b.id, today, NOW + MIN);
    expect(pinned).toMatchObject({ pinnedFor: today, updatedAt: NOW + MIN });
    expect((await row(b.id)).pinKey).toEqual([today, NOW, b.id]);
    expect(await next(NOW + MIN)).toEqual({
      id: b.id,
      rule: 'pinned',
      reason: 'Your first tiny step for today',
    });

    const unpinned = await repos.tasks.unpin(b.id, NOW + 2 * MIN);
    expect(unpinned).toMatchObject({ pinnedFor: null, updatedAt: NOW + 2 * MIN });
    expect(await indexCount('pinKey')).toBe(0);
    expect((await next(NOW + 2 * MIN))?.id).toBe(a.id);
    await expectKeysInSync();
  });

  it('leaves an unpinned task untouched when unpinning it', async () => {
    const a = await repos.tasks.add(input('a'), NOW);
    expect(await repos.tasks.unpin(a.id, NOW + HOUR)).toEqual(a);
    expect(await repos.tasks.get(a.id)).toEqual(a);
  });

  it('drops a pinned task from the pin index once it is done', async () => {
    const a = await repos.tasks.add(input('a'), NOW);
    await repos.tasks.pin(a.id, dayKey(NOW), NOW);
    expect(await indexCount('pinKey')).toBe(1);
    await repos.tasks.complete(a.id, NOW + MIN);
    expect(await indexCount('pinKey')).toBe(0);
    expect(await indexCount('rankKey')).toBe(0);
    expect(await next(NOW + 2 * MIN)).toBeNull();
  });
});

describe('rename and queries', () => {
  it('renames with the same title rules', async () => {
    const a = await repos.tasks.add(input('a', { due: { at: NOW + HOUR, hasTime: true } }), NOW);
    expect((await repos.tasks.rename(a.id, '  new   name ', NOW + MIN)).title).toBe('new name');
    await expect(repos.tasks.rename(a.id, '', NOW + MIN)).rejects.toBeInstanceOf(TaskInputError);
    expect((await repos.tasks.get(a.id))?.title).toBe('new name');
    expect(await next(NOW)).toEqual({ id: a.id, rule: 'dueSoon', reason: 'Due at 11 am' });
  });

  it('finds tasks changed since a time and tasks done in a range', async () => {
    const a = await repos.tasks.add(input('a'), NOW);
    const b = await repos.tasks.add(input('b'), NOW + HOUR);
    await repos.tasks.complete(a.id, NOW + 2 * HOUR);
    expect((await repos.tasks.changedSince(NOW + HOUR)).map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
    expect((await repos.tasks.doneBetween(NOW, NOW + 3 * HOUR)).map((t) => t.id)).toEqual([a.id]);
    expect(await repos.tasks.doneBetween(NOW + 2 * HOUR + 1, NOW + 3 * HOUR)).toEqual([]);
  });
});

describe('SessionRepository.record', () => {
  const session = makeTestSession;

  it('writes a session once and marks its task and the tasks above it as worked on', async () => {
    const root = await repos.tasks.add(input('root'), NOW - DAY);
    const [mid] = await repos.tasks.addSteps(root.id, [input('mid')], NOW - DAY);
    const [leaf, leaf2] = await repos.tasks.addSteps(mid!.id, [input('leaf'), input('leaf2')], NOW - DAY);
    const s = session('s1', leaf!.id, NOW);

    expect(await repos.sessions.record(s)).toBe(true);
    // The session's task at its end, each level above one millisecond earlier.
    expect((await repos.tasks.get(leaf!.id))?.workedAt).toBe(NOW);
    expect((await repos.tasks.get(mid!.id))?.workedAt).toBe(NOW - 1);
    expect((await repos.tasks.get(root.id))?.workedAt).toBe(NOW - 2);
    expect((await repos.tasks.get(leaf2!.id))?.workedAt).toBeNull();
    await expectKeysInSync();

    // Resending the same session (even changed) writes nothing.
    expect(await repos.sessions.record({ ...s, endedAt: NOW + HOUR, note: 'again' })).toBe(false);
    expect(await db.sessions.count()).toBe(1);
    expect(await db.sessions.get('s1')).toEqual(s);
    expect((await repos.tasks.get(root.id))?.workedAt).toBe(NOW - 2);
    expect(await repos.sessions.forTask(leaf!.id)).toEqual([s]);
    expect(await repos.sessions.endedBetween(NOW, NOW + 1)).toEqual([s]);
    expect(await next(NOW + MIN)).toEqual({ id: leaf!.id, rule: 'momentum', reason: 'Next step of “mid”' });
  });

  it('never moves workedAt back for an older session', async () => {
    const t = await repos.tasks.add(input('t'), NOW - DAY);
    expect(await repos.sessions.record(session('new', t.id, NOW))).toBe(true);
    expect(await repos.sessions.record(session('old', t.id, NOW - HOUR))).toBe(true);
    expect((await repos.tasks.get(t.id))?.workedAt).toBe(NOW);
    expect((await repos.sessions.forTask(t.id)).map((x) => x.id)).toEqual(['old', 'new']);
  });

  it('records a session of a task that no longer exists', async () => {
    expect(await repos.sessions.record(session('orphan', 'gone', NOW))).toBe(true);
    expect(await db.sessions.count()).toBe(1);
    expect(await repos.tasks.count()).toBe(0);
  });
});

describe('ReflectionRepository.save', () => {
  const day = dayKey(NOW);
  const tomorrow = nextDayKey(day);
  const tomorrowMorning = new Date(2025, 2, 13, 8, 0).getTime();
  const reflection = (tomorrowStep: string): Parameters<Repositories['reflections']['save']>[0] => ({
    day,
    moved: ' the report ',
    inTheWay: 'meetings',
    tomorrowStep,
    morningTrigger: true,
  });

  it('creates a task pinned for the next day', async () => {
    const other = await repos.tasks.add(input('other', { priority: 1 }), NOW - DAY);
    const { reflection: saved, step } = await repos.reflections.save(reflection('  open   the draft '), NOW);
    expect(step).toMatchObject({
      title: 'open the draft',
      pinnedFor: tomorrow,
      status: 'open',
      estimateMin: 2,
    });
    expect(saved).toEqual({
      day,
      moved: 'the report',
      inTheWay: 'meetings',
      tomorrowStep: 'open the draft',
      tomorrowStepTaskId: step!.id,
      morningTrigger: true,
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(await repos.reflections.get(day)).toEqual(saved);
    expect(await repos.tasks.get(step!.id)).toEqual(step);
    await expectKeysInSync();
    // Not yet today, but first thing tomorrow.
    expect((await next(NOW + MIN))?.id).toBe(other.id);
    expect(await next(tomorrowMorning)).toEqual({
      id: step!.id,
      rule: 'pinned',
      reason: 'Your first tiny step for today',
    });
  });

  it('updates the same task when reflecting again the same day', async () => {
    const first = await repos.reflections.save(reflection('open the draft'), NOW);
    const second = await repos.reflections.save(reflection('write one sentence'), NOW + HOUR);
    expect(second.step?.id).toBe(first.step?.id);
    expect(second.step).toMatchObject({
      title: 'write one sentence',
      pinnedFor: tomorrow,
      updatedAt: NOW + HOUR,
    });
    expect(await repos.tasks.count()).toBe(1);
    expect(second.reflection).toMatchObject({
      createdAt: NOW,
      updatedAt: NOW + HOUR,
      tomorrowStepTaskId: first.step?.id,
    });
    expect(await db.reflections.count()).toBe(1);
    expect((await next(tomorrowMorning))?.id).toBe(first.step?.id);
  });

  it('unpins the task when the step is cleared, keeping the task', async () => {
    const first = await repos.reflections.save(reflection('open the draft'), NOW);
    const cleared = await repos.reflections.save(reflection('  '), NOW + HOUR);
    expect(cleared.step).toBeNull();
    expect(cleared.reflection).toMatchObject({
      tomorrowStep: '',
      tomorrowStepTaskId: null,
      morningTrigger: false,
    });
    expect(await repos.tasks.get(first.step!.id)).toMatchObject({ pinnedFor: null, status: 'open' });
    expect(await indexCount('pinKey')).toBe(0);
  });

  it('creates a new task when the earlier step is already done', async () => {
    const first = await repos.reflections.save(reflection('open the draft'), NOW);
    await repos.tasks.complete(first.step!.id, NOW + MIN);
    const second = await repos.reflections.save(reflection('write the intro'), NOW + HOUR);
    expect(second.step?.id).not.toBe(first.step?.id);
    expect(await repos.tasks.count()).toBe(2);
    expect((await repos.tasks.get(first.step!.id))?.status).toBe('done');
  });

  it('leaves an earlier step that was set waiting alone and creates a fresh one', async () => {
    const first = await repos.reflections.save(reflection('open the draft'), NOW);
    await repos.tasks.setWaiting(first.step!.id, 'the template', NOW + 3 * DAY, NOW + MIN);
    const second = await repos.reflections.save(reflection('write the intro'), NOW + HOUR);
    expect(second.step?.id).not.toBe(first.step?.id);
    expect(await repos.tasks.get(first.step!.id)).toMatchObject({
      status: 'waiting',
      title: 'open the draft',
    });
    // Tomorrow's step is the fresh one, not hidden behind the waiting task's check-back date.
    expect((await next(tomorrowMorning))?.id).toBe(second.step?.id);
  });
});

describe('depth', () => {
  it('refuses to add a first step below the deepest level and writes nothing', async () => {
    let parent = await repos.tasks.add(input('level 0'), NOW);
    for (let level = 1; level <= 15; level++) {
      parent = await repos.tasks.addFirstStep(parent.id, input(`level ${level}`), NOW);
    }
    const before = await repos.tasks.count();
    await expect(repos.tasks.addFirstStep(parent.id, input('too deep'), NOW)).rejects.toThrow(TaskInputError);
    await expect(repos.tasks.addSteps(parent.id, [input('too deep')], NOW)).rejects.toThrow(TaskInputError);
    expect(await repos.tasks.count()).toBe(before);
    expect((await next(NOW + MIN))?.id).toBe(parent.id);
  });
});

describe('together', () => {
  it('writes all or nothing: a refused later write takes the earlier ones back', async () => {
    let deepest = await repos.tasks.add(input('level 0'), NOW);
    for (let level = 1; level <= 15; level++) {
      deepest = await repos.tasks.addFirstStep(deepest.id, input(`level ${level}`), NOW);
    }
    const before = await repos.tasks.get(deepest.id);
    // "Too big" on the deepest step: the skip counts, then there is no room for a smaller step.
    await expect(
      repos.tasks.together(async (tasks) => {
        await tasks.skip(deepest.id, NOW + MIN, 'too-big', null);
        await tasks.addFirstStep(deepest.id, input('smaller'), NOW + MIN);
      }),
    ).rejects.toThrow(TaskInputError);
    expect(await repos.tasks.get(deepest.id)).toEqual(before);
    expect(await repos.tasks.count()).toBe(16);
    expect((await next(NOW + MIN))?.id).toBe(deepest.id);

    // One level up there is room: both writes land, and the last one's result comes back.
    const parentId = deepest.parentId!;
    const step = await repos.tasks.together(async (tasks) => {
      await tasks.skip(parentId, NOW + MIN, 'too-big', null);
      return tasks.addFirstStep(parentId, input('smaller'), NOW + MIN);
    });
    expect(await repos.tasks.get(parentId)).toMatchObject({
      skipCount: 1,
      skipReasons: [{ at: NOW + MIN, reason: 'too-big' }],
      snoozedUntil: null,
    });
    expect(await repos.tasks.get(step.id)).toMatchObject({ parentId, title: 'smaller' });
    expect((await next(NOW + 2 * MIN))?.id).toBe(step.id);
  });
});
