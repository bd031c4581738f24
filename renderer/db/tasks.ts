import Dexie from 'dexie';
import { MAX_DEPTH, isActive, type NextAction, type PolicyOptions } from '../../shared/nextAction';
import type { SkipReason, Task } from '../../shared/types';
import { cacheOf, fromRow, toCountedRow, toRow, type KineticDb } from './schema';
import { settle, stepRows } from './rowCache';
import { pickIndexed } from './pick';
import { MAX_TITLE, TaskInputError, cleanTitle, makeTask, type NewTask } from './taskInput';
import { depthOf, descendants } from './taskTree';

export { MAX_TITLE, TaskInputError, makeTask, type NewTask } from './taskInput';

/**
 * The only way to tasks. Every write is one strict transaction (see KineticDb), so when a promise
 * here resolves the change is on disk; when it rejects, nothing was changed.
 */
export class TaskRepository {
  constructor(private readonly db: KineticDb) {}

  async add(input: NewTask, now: number): Promise<Task> {
    const task = makeTask(input, now);
    // A new top-level task: its caches are known, no other row changes, and no entry goes stale,
    // so it needs no settling. The floors middleware lowers a floor if it ranks first, and puts it
    // in the pick's front where it belongs.
    await this.db.write([this.db.tasks, this.db.meta], () =>
      this.db.tasks.add(toCountedRow(task, { openSteps: 0, readyAt: null, height: 0 })),
    );
    return task;
  }

  /**
   * Several of the writes here as one strict transaction: all of them are on disk when the promise
   * resolves, none when it rejects. For answers that are more than one write ("too big" counts the
   * skip and adds the smaller first step): a crash or a refused second write must not leave the
   * first half done. `writes` may await only this repository (no other promise keeps the
   * transaction open).
   */
  async together<T>(writes: (tasks: this) => Promise<T>): Promise<T> {
    return this.db.write([this.db.tasks, this.db.meta], () => writes(this));
  }

  async get(id: string): Promise<Task | undefined> {
    const row = await this.db.tasks.get(id);
    return row && fromRow(row);
  }

  async count(): Promise<number> {
    return this.db.tasks.count();
  }

  /** Active steps of a task, in order. */
  async steps(parentId: string): Promise<Task[]> {
    return (await stepRows(this.db, parentId)).map(fromRow);
  }

  private async update(id: string, now: number, change: (task: Task) => Task | null): Promise<Task> {
    return this.db.write([this.db.tasks, this.db.meta], async () => {
      const row = await this.db.tasks.get(id);
      if (!row) throw new TaskInputError('That task no longer exists.');
      const next = change(fromRow(row));
      if (next === null) return fromRow(row);
      await this.db.tasks.put(toCountedRow(next, cacheOf(row)));
      await settle(this.db, [id], now);
      return next;
    });
  }

  /**
   * Marks the task and everything under it done; the tasks above it were just worked on.
   * `previous`: the task and the steps it closed, as they were (undo puts them back with `restore`).
   */
  async complete(
    id: string,
    now: number,
  ): Promise<{ task: Task; parent: Task | null; parentHasOpenSteps: boolean; previous: Task[] }> {
    return this.db.write([this.db.tasks, this.db.meta], async () => {
      const row = await this.db.tasks.get(id);
      if (!row) throw new TaskInputError('That task no longer exists.');
      const task: Task = { ...fromRow(row), status: 'done', doneAt: now, updatedAt: now, snoozedUntil: null };
      // Everything under it is done too: no open steps left.
      await this.db.tasks.put(toCountedRow(task, { ...cacheOf(row), openSteps: 0 }));
      const closed = (await descendants(this.db, id)).filter(isActive);
      for (const step of closed) {
        await this.db.tasks.put(
          toCountedRow({ ...step, status: 'done', doneAt: now, updatedAt: now }, { openSteps: 0 }),
        );
      }
      await this.touchAncestors(task, now);
      const parent = task.parentId ? await this.get(task.parentId) : undefined;
      const parentHasOpenSteps = parent ? (await this.steps(parent.id)).length > 0 : false;
      return { task, parent: parent ?? null, parentHasOpenSteps, previous: [fromRow(row), ...closed] };
    });
  }

  /** Puts back earlier versions of tasks (undo of done, archive, skip, snooze). */
  async restore(previous: readonly Task[]): Promise<void> {
    await this.db.write([this.db.tasks, this.db.meta], async () => {
      await this.db.tasks.bulkPut(previous.map((t) => toRow(t)));
      await settle(
        this.db,
        previous.map((t) => t.id),
        Math.max(...previous.map((t) => t.updatedAt)),
      );
    });
  }

  /** "Not now": counts the skip, records why, and sets the task aside until `until`. */
  async skip(id: string, now: number, reason: SkipReason | null, until: number | null): Promise<Task> {
    return this.update(id, now, (t) => ({
      ...t,
      skipCount: t.skipCount + 1,
      skipReasons: [...t.skipReasons, { at: now, reason }].slice(-50),
      snoozedUntil: until,
      updatedAt: now,
    }));
  }

  async snooze(id: string, until: number, now: number): Promise<Task> {
    return this.update(id, now, (t) => ({ ...t, snoozedUntil: until, updatedAt: now }));
  }

  /** Blocked: waiting on something, checked again at `checkBackAt`. */
  async setWaiting(id: string, note: string, checkBackAt: number, now: number): Promise<Task> {
    const clean = note.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE);
    return this.update(id, now, (t) => ({
      ...t,
      status: 'waiting',
      waitingNote: clean || null,
      snoozedUntil: checkBackAt,
      updatedAt: now,
    }));
  }

  /** Not important: archived with everything under it (undo puts the task back with `restore`). */
  async archive(id: string, now: number): Promise<{ task: Task; previous: Task[] }> {
    return this.db.write([this.db.tasks, this.db.meta], async () => {
      const row = await this.db.tasks.get(id);
      if (!row) throw new TaskInputError('That task no longer exists.');
      const affected = [fromRow(row), ...(await descendants(this.db, id)).filter(isActive)];
      for (const t of affected)
        await this.db.tasks.put(toCountedRow({ ...t, status: 'archived', updatedAt: now }, { openSteps: 0 }));
      await settle(this.db, [id], now);
      return { task: { ...affected[0]!, status: 'archived', updatedAt: now }, previous: affected };
    });
  }

  async rename(id: string, title: string, now: number): Promise<Task> {
    const clean = cleanTitle(title);
    return this.update(id, now, (t) => ({ ...t, title: clean, updatedAt: now }));
  }

  /** Pins a task as the first next action of `day` (and every later day until done). */
  async pin(id: string, day: string, now: number): Promise<Task> {
    return this.update(id, now, (t) => ({ ...t, pinnedFor: day, updatedAt: now }));
  }

  async unpin(id: string, now: number): Promise<Task> {
    return this.update(id, now, (t) =>
      t.pinnedFor === null ? null : { ...t, pinnedFor: null, updatedAt: now },
    );
  }

  /** How many open top-level tasks are set aside (snoozed) right now. */
  async setAsideCount(now: number): Promise<number> {
    return this.db.tasks
      .where('rankKey')
      .aboveOrEqual(Dexie.minKey)
      .filter((r) => r.status === 'open' && r.snoozedUntil !== null && r.snoozedUntil > now)
      .count();
  }

  /** Brings back every task set aside with a snooze (not waiting ones). */
  async unsnoozeAll(now: number): Promise<number> {
    return this.db.write([this.db.tasks, this.db.meta], async () => {
      const rows = await this.db.tasks
        .where('updatedAt')
        .aboveOrEqual(0)
        .filter((r) => r.status === 'open' && r.snoozedUntil !== null && r.snoozedUntil > now)
        .toArray();
      for (const row of rows) {
        await this.db.tasks.put(
          toCountedRow({ ...fromRow(row), snoozedUntil: null, updatedAt: now }, cacheOf(row)),
        );
      }
      await settle(
        this.db,
        rows.map((r) => r.id),
        now,
      );
      return rows.length;
    });
  }

  /** Break down: the lines become ordered steps after any existing ones; returns them in order. */
  async addSteps(parentId: string, steps: NewTask[], now: number): Promise<Task[]> {
    if (steps.length === 0) throw new TaskInputError('Type at least one step.');
    return this.db.write([this.db.tasks, this.db.meta], async () => {
      const parent = await this.db.tasks.get(parentId);
      if (!parent) throw new TaskInputError('That task no longer exists.');
      if ((await depthOf(this.db, fromRow(parent))) >= MAX_DEPTH - 1) {
        throw new TaskInputError('That is already a very small step — try doing it.');
      }
      const existing = await this.steps(parentId);
      const start = existing.length ? Math.max(...existing.map((s) => s.order)) + 1 : 0;
      const created = steps.map((s, i) => makeTask(s, now, parentId, start + i));
      await this.db.tasks.bulkAdd(
        created.map((t) => toCountedRow(t, { openSteps: 0, readyAt: null, height: 0 })),
      );
      await this.db.tasks.put(
        toCountedRow({ ...fromRow(parent), updatedAt: now, workedAt: now }, cacheOf(parent)),
      );
      await settle(this.db, [parentId], now);
      return created;
    });
  }

  /** A new first step (the 2-minute version, the very next physical action, "where I stopped"). */
  async addFirstStep(parentId: string, step: NewTask, now: number): Promise<Task> {
    return this.db.write([this.db.tasks, this.db.meta], async () => {
      const parent = await this.db.tasks.get(parentId);
      if (!parent) throw new TaskInputError('That task no longer exists.');
      if ((await depthOf(this.db, fromRow(parent))) >= MAX_DEPTH - 1) {
        throw new TaskInputError('That is already a very small step — try doing it.');
      }
      const existing = await this.steps(parentId);
      const order = existing.length ? Math.min(...existing.map((s) => s.order)) - 1 : 0;
      const created = makeTask(step, now, parentId, order);
      await this.db.tasks.add(toCountedRow(created, { openSteps: 0, readyAt: null, height: 0 }));
      // It becomes available again at once: a smaller first step is the point.
      await this.db.tasks.put(
        toCountedRow(
          { ...fromRow(parent), snoozedUntil: null, updatedAt: now, workedAt: now },
          cacheOf(parent),
        ),
      );
      await settle(this.db, [parentId], now);
      return created;
    });
  }

  /**
   * Momentum: the task's parents were worked on now. Each level up is marked one millisecond
   * earlier, so the nearest parent is the most recent and keeps the momentum (no tie between a
   * parent and a grandparent for the index to break by id).
   */
  async touchAncestors(task: Task, now: number): Promise<void> {
    let parentId = task.parentId;
    const touched: string[] = [];
    for (let i = 0; parentId && i < MAX_DEPTH; i++) {
      const row = await this.db.tasks.get(parentId);
      if (!row) break;
      await this.db.tasks.put(toCountedRow({ ...fromRow(row), workedAt: now - i }, cacheOf(row)));
      touched.push(row.id);
      parentId = row.parentId;
    }
    // Their steps carry their worked-on time (and the parent's step count changed).
    await settle(this.db, [task.id, ...touched], now);
  }

  /**
   * The next action, found through the indexes without loading all tasks (see pick.ts).
   * Returns the same task as `pickNextAction` over all tasks.
   */
  async nextAction(now: number, policy: Pick<PolicyOptions, 'dueFirstMs'> = {}): Promise<NextAction | null> {
    if (!this.db.isOpen()) await this.db.open();
    return pickIndexed(this.db.backendDB(), now, this.db.keyRange, undefined, policy);
  }

  /** Tasks changed since `since` (for the day's summary of skips). */
  async changedSince(since: number): Promise<Task[]> {
    return (await this.db.tasks.where('updatedAt').aboveOrEqual(since).toArray()).map(fromRow);
  }

  /** Active tasks due at a time from `from` to `to`, nearest first, at most `limit`. */
  async dueAtTimeBetween(from: number, to: number, limit: number): Promise<Task[]> {
    const rows = await this.db.tasks
      .where('timedDueKey')
      .between([from, Dexie.minKey], [to, Dexie.maxKey], true, true)
      .limit(limit)
      .toArray();
    return rows.map(fromRow);
  }

  async doneBetween(start: number, end: number): Promise<Task[]> {
    return (await this.db.tasks.where('doneAt').between(start, end, true, false).toArray()).map(fromRow);
  }
}
