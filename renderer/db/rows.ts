/**
 * Task rows as stored in IndexedDB: the domain task plus derived index keys and caches. No Dexie
 * here, so the main window's boot script (pick.ts) can use it before Dexie has loaded.
 */
import { MAX_DEPTH, isActive, rankTuple, taskIndexKeys, type TaskIndexKeys } from '../../shared/nextAction';
import type { Task } from '../../shared/types';

/**
 * Caches the repositories keep on each task row so the next-action pick reads only a few rows.
 * Absent means unknown: the pick then reads what it needs, never guesses. rowCache.ts keeps them
 * right on every write; `rowsFor` computes them for a whole set of tasks.
 */
export interface RowCache {
  /** How many open or waiting steps the task has. */
  openSteps?: number;
  /** Steps: the parent's head entries (see PickKey), which the step's own entries follow. */
  parentHeads?: PickKey[];
  /**
   * The earliest time the task (with its steps) can give a next action: null when it can any
   * time. Never later than the truth, so a task set aside until then cannot be missed.
   */
  readyAt?: number | null;
  /** How many levels of open steps are below the task (capped at MAX_DEPTH). */
  height?: number;
  /**
   * Set when the task could not give an action when last written: it is out of play (no momentum
   * or ranking entry) and waits in the wake section until then. Absent: in play.
   */
  wakeAt?: number;
}

/**
 * One entry of the multi-entry `pickKeys` index. An open task has a head entry in each section
 * it belongs to, and each of its open steps has an entry right after it: the head followed by
 * [order, createdAt, stepId]. Sections, in key order:
 *   ['a', -workedAt, id]              momentum: in play, worked on, with steps (most recent first)
 *   ['d', dueAt, id]                  due at a time
 *   ['p', pinnedFor, createdAt, id]   pinned
 *   ['q', wakeAt, id]                 set aside until wakeAt (no step entries)
 *   ['r', ...rankTuple]               ranking: top-level and in play
 * So each read of a section gives its tasks with their steps beside them (see pick.ts).
 */
export type PickKey = (string | number)[];

/** Length of a head entry per section; a longer entry is a step's. */
export const HEAD_LENGTH: Readonly<Record<string, number>> = { a: 3, d: 3, p: 4, q: 3, r: 7 };

/** A stored task: the domain task, its derived index keys, and the repositories' caches. */
export type TaskRow = Task & TaskIndexKeys & RowCache & { pickKeys?: PickKey[] };

/**
 * Where every synced record keeps its per-field stamps (oplog/stamps.ts). Not part of the task:
 * reads outside the log's own code never see it (oplog/record.ts), and `fromRow` leaves it out.
 */
export const STAMPS = '_stamps';

/** Stored fields that are not the task's own (soonKeys and parentWorkedAt are schema v4's). */
export const DERIVED: readonly string[] = [
  'rankKey',
  'stepKey',
  'timedDueKey',
  'momentumKey',
  'pinKey',
  'soonKeys',
  'pickKeys',
  'openSteps',
  'parentWorkedAt',
  'parentHeads',
  'readyAt',
  'height',
  'wakeAt',
];

const CACHE_FIELDS = ['openSteps', 'parentHeads', 'readyAt', 'height', 'wakeAt'] as const;

/** A row as a plain record, for deleting and setting fields by name. */
const fields = (row: TaskRow): Record<string, unknown> => row as unknown as Record<string, unknown>;

/** The head entries of an open task with these caches: the keys its steps follow. */
export function headKeys(task: Task, cache: RowCache): PickKey[] {
  if (!isActive(task)) return [];
  const inPlay = cache.wakeAt === undefined;
  const keys: PickKey[] = [];
  if (inPlay && task.workedAt !== null && cache.openSteps !== 0) keys.push(['a', -task.workedAt, task.id]);
  if (task.due?.hasTime) keys.push(['d', task.due.at, task.id]);
  if (task.pinnedFor !== null) keys.push(['p', task.pinnedFor, task.createdAt, task.id]);
  if (inPlay && task.parentId === null) keys.push(['r', ...rankTuple(task)]);
  return keys;
}

/** The `pickKeys` entries of a task with these caches (none for a closed task). */
export function pickKeys(task: Task, cache: RowCache): PickKey[] | undefined {
  if (!isActive(task)) return undefined;
  const keys = headKeys(task, cache);
  if (cache.wakeAt !== undefined) keys.push(['q', cache.wakeAt, task.id]);
  if (task.parentId !== null) {
    for (const head of cache.parentHeads ?? []) keys.push([...head, task.order, task.createdAt, task.id]);
  }
  return keys.length > 0 ? keys : undefined;
}

/** The row to store for a task: derived keys recomputed, keys that do not apply removed, caches unknown. */
export function toRow(task: Task): TaskRow {
  return toCountedRow(task, {});
}

/** The row to store for a task with the caches the caller knows. */
export function toCountedRow(task: Task, cache: RowCache): TaskRow {
  const row: TaskRow = { ...task };
  for (const key of DERIVED) delete fields(row)[key];
  Object.assign(row, taskIndexKeys(task));
  for (const key of CACHE_FIELDS) {
    if (cache[key] === undefined) continue;
    // The parent's keys belong to steps only.
    if (key === 'parentHeads' && task.parentId === null) continue;
    fields(row)[key] = cache[key];
  }
  const keys = pickKeys(task, row);
  if (keys) row.pickKeys = keys;
  return row;
}

/** The caches of a stored row, to keep them on a write (rowCache.ts `settle` then brings them up to date). */
export function cacheOf(row: TaskRow): RowCache {
  const cache: RowCache = {};
  for (const key of CACHE_FIELDS) if (row[key] !== undefined) Object.assign(cache, { [key]: row[key] });
  return cache;
}

/** The domain task of a row (derived keys and caches stripped). */
export function fromRow(row: TaskRow): Task {
  const task: TaskRow = { ...row };
  for (const key of DERIVED) delete fields(task)[key];
  delete fields(task)[STAMPS];
  return task;
}

/** The caches a task's own row gets from its open steps, and the ones it hands down to them. */
export interface Settled {
  own: Pick<RowCache, 'openSteps' | 'readyAt' | 'height' | 'wakeAt'>;
  forSteps: Pick<RowCache, 'parentHeads'>;
}

/**
 * The caches of `task` given its open steps (with their own caches) as of `asOf`, the time of
 * the write. A step whose caches are unknown counts as ready at any time and as deep as allowed,
 * which can only keep a task in play longer than needed, never hide it.
 */
export function settledCache(task: Task, steps: readonly RowCache[], asOf: number): Settled {
  if (!isActive(task)) {
    return { own: { openSteps: steps.length }, forSteps: { parentHeads: [] } };
  }
  const snooze = task.snoozedUntil;
  const height =
    steps.length === 0 ? 0 : Math.min(MAX_DEPTH, 1 + Math.max(...steps.map((s) => s.height ?? MAX_DEPTH)));
  let readyAt: number | null = snooze;
  // Past the depth the policy looks at, only the task's own snooze is a safe bound.
  if (steps.length > 0 && height < MAX_DEPTH - 1) {
    let earliest: number | null = Number.POSITIVE_INFINITY;
    for (const s of steps) {
      const at = s.readyAt === undefined ? null : s.readyAt;
      if (at === null) {
        earliest = null;
        break;
      }
      earliest = Math.min(earliest, at);
    }
    readyAt = earliest === null ? snooze : snooze === null ? earliest : Math.max(snooze, earliest);
  }
  // Only tasks that would have a momentum or ranking entry are ever set aside.
  const candidate = task.parentId === null || (task.workedAt !== null && steps.length > 0);
  const wakeAt = candidate && readyAt !== null && readyAt > asOf ? readyAt : undefined;
  const own: Settled['own'] = { openSteps: steps.length, readyAt, height };
  if (wakeAt !== undefined) own.wakeAt = wakeAt;
  return { own, forSteps: { parentHeads: headKeys(task, own) } };
}

/**
 * The rows for a whole set of tasks with every cache computed, as of `asOf` (schema upgrades,
 * the benchmark's seed, tests). Cycles and chains deeper than MAX_DEPTH are cut, not followed.
 */
export function* rowsOf(tasks: readonly Task[], asOf: number): Generator<TaskRow> {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const steps = new Map<string, Task[]>();
  for (const t of tasks) {
    if (t.parentId === null || !isActive(t)) continue;
    const list = steps.get(t.parentId);
    if (list) list.push(t);
    else steps.set(t.parentId, [t]);
  }
  const settled = new Map<string, Settled>();
  const visiting = new Set<string>();
  const settle = (t: Task): Settled => {
    const done = settled.get(t.id);
    if (done) return done;
    visiting.add(t.id);
    // A step already on the way down (a cycle) is unknown: ready any time, as deep as allowed.
    const below = (steps.get(t.id) ?? []).map((s): RowCache => (visiting.has(s.id) ? {} : settle(s).own));
    visiting.delete(t.id);
    const result = settledCache(t, below, asOf);
    settled.set(t.id, result);
    return result;
  };
  for (const t of tasks) {
    const parent = t.parentId === null ? undefined : byId.get(t.parentId);
    const fromParent = parent ? settle(parent).forSteps : { parentHeads: [] };
    yield toCountedRow(t, { ...settle(t).own, ...fromParent });
  }
}

/** The rows of `tasks`, in their order: `rowsOf` all at once. */
export function rowsFor(tasks: readonly Task[], asOf: number): TaskRow[] {
  return [...rowsOf(tasks, asOf)];
}
