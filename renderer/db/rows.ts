/**
 * Task rows as stored in IndexedDB: the domain task plus derived index keys and caches. No Dexie
 * here, so the main window's boot script (pick.ts) can use it before Dexie has loaded.
 */
import { taskIndexKeys, type TaskIndexKeys } from '../../shared/nextAction';
import type { Task } from '../../shared/types';

/**
 * Caches the repositories keep on each task row so the next-action pick needs fewer reads.
 * Absent means unknown (the pick then reads what it needs), never a guess.
 */
export interface RowCache {
  /** How many open or waiting steps the task has. */
  openSteps?: number;
  /** The `workedAt` of the task's parent (steps only). */
  parentWorkedAt?: number | null;
}

/**
 * One entry of the multi-entry `soonKeys` index. The entries are ordered so that one key range,
 * from ['a', since] to the end, holds every task worked on since then with its open steps, and
 * every pin (see pick.ts):
 *   ['a', workedAt, '', 0, 0, id]                                  a task worked on at that time
 *   ['a', parentWorkedAt, parentId, order, createdAt, id]            a step of a task worked on then
 *   ['b', pinnedFor, createdAt, id]                                  a pinned task
 */
export type SoonKey = (string | number)[];

/** A stored task: the domain task, its derived index keys, and the repositories' caches. */
export type TaskRow = Task & TaskIndexKeys & RowCache & { soonKeys?: SoonKey[] };

export const DERIVED: (keyof TaskRow)[] = [
  'rankKey',
  'stepKey',
  'timedDueKey',
  'momentumKey',
  'pinKey',
  'soonKeys',
  'openSteps',
  'parentWorkedAt',
];

/** The `soonKeys` entries of an open task (none for a closed one). */
export function soonKeys(task: Task, parentWorkedAt: number | null | undefined): SoonKey[] | undefined {
  if (task.status !== 'open' && task.status !== 'waiting') return undefined;
  const keys: SoonKey[] = [];
  if (task.workedAt !== null) keys.push(['a', task.workedAt, '', 0, 0, task.id]);
  if (task.parentId !== null && typeof parentWorkedAt === 'number') {
    keys.push(['a', parentWorkedAt, task.parentId, task.order, task.createdAt, task.id]);
  }
  if (task.pinnedFor !== null) keys.push(['b', task.pinnedFor, task.createdAt, task.id]);
  return keys.length > 0 ? keys : undefined;
}

/** The row to store for a task: derived keys recomputed, keys that do not apply removed, caches unknown. */
export function toRow(task: Task): TaskRow {
  return toCountedRow(task, {});
}

/** The row to store for a task with the caches the caller knows. */
export function toCountedRow(task: Task, cache: RowCache): TaskRow {
  const row: TaskRow = { ...task };
  for (const key of DERIVED) delete row[key];
  Object.assign(row, taskIndexKeys(task));
  if (cache.openSteps !== undefined) row.openSteps = cache.openSteps;
  if (cache.parentWorkedAt !== undefined && task.parentId !== null) row.parentWorkedAt = cache.parentWorkedAt;
  const soon = soonKeys(task, row.parentWorkedAt);
  if (soon) row.soonKeys = soon;
  return row;
}

/** The caches of a stored row, to keep them on a write that does not change steps or parents. */
export const cacheOf = (row: TaskRow): RowCache => ({
  openSteps: row.openSteps,
  parentWorkedAt: row.parentWorkedAt,
});

/** The domain task of a row (derived keys and caches stripped). */
export function fromRow(row: TaskRow): Task {
  const task: TaskRow = { ...row };
  for (const key of DERIVED) delete task[key];
  return task;
}
