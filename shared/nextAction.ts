/**
 * The next-action policy: which single action to show, and why, in a few words.
 *
 * In order:
 *  1. something due today with a time, from the lead time before it (`dueFirstMs`, from the
 *     settings, default DEFAULT_DUE_FIRST_MS) or already past today: a pinned step must not hide it;
 *  2. a task pinned for today or earlier (tomorrow's first step from a reflection), until done;
 *  3. something due today with a time, when it is near (within two hours, or already past today);
 *  4. keep momentum: the next open step of the task worked on most recently (last 12 hours);
 *  5. the open top-level tasks ranked by priority, due date, small estimate (≤ 15 min first),
 *     fewer skips, and age (older first). When the person's estimates are notably off
 *     (`estimateRatio` ≥ 1.5 or ≤ 0.67, from shared/momentum.ts), "small" is judged on the
 *     estimate times that ratio.
 * A task with open steps is never shown itself: its first available step is (recursively).
 * Snoozed tasks, and waiting tasks before their check-back time, are out until their time.
 *
 * Pure: `now` and the settings it depends on are passed in. The indexed pick in renderer/db must return the same task; the
 * ordering keys it stores come from `taskIndexKeys` below, so both share one definition.
 */
import { dayKey, startOfDay } from './days';
import { calibratedEstimate } from './momentumView';
import { explain } from './nextActionReason';
import type { Task } from './types';

export const NEAR_MS = 2 * 60 * 60_000;
/** From this long before its time, a task due at a time comes before a pinned step, unless set otherwise. */
export const DEFAULT_DUE_FIRST_MS = 30 * 60_000;
/** The lead times settings offers, in minutes. */
export const DUE_FIRST_CHOICES = [15, 30, 60, 120] as const;
export const MOMENTUM_MS = 12 * 60 * 60_000;
export const SMALL_MINUTES = 15;
/** A due date sorts before "no due date"; this is "no due date". */
export const NO_DUE = Number.MAX_SAFE_INTEGER;
/** How deep steps may nest; deeper chains are ignored (and never created by the app). */
export const MAX_DEPTH = 16;

export type NextActionRule = 'pinned' | 'dueSoon' | 'momentum' | 'ranked';

export interface NextAction {
  task: Task;
  rule: NextActionRule;
  /** The top-level (or pinned/due/momentum) task this action was reached from; equals `task` when it has no steps. */
  source: Task;
  reason: string;
}

export const isActive = (t: Pick<Task, 'status'>): boolean => t.status === 'open' || t.status === 'waiting';

export const isAvailable = (t: Pick<Task, 'status' | 'snoozedUntil'>, now: number): boolean =>
  isActive(t) && (t.snoozedUntil === null || t.snoozedUntil <= now);

/** Priority, due, small, skips, age, id: see `rankTuple`. */
export type RankTuple = [number, number, number, number, number, string];

/** Small enough to come first: the estimate, calibrated by a notable `estimateRatio`, is ≤ 15 min. */
export function isSmall(estimateMin: number | null, estimateRatio: number | null = null): boolean {
  const minutes = calibratedEstimate(estimateMin, estimateRatio);
  return minutes !== null && minutes <= SMALL_MINUTES;
}

/** Ranking tuple of a top-level task: lower sorts first. The id makes it total. */
export function rankTuple(t: Task, estimateRatio: number | null = null): RankTuple {
  return [
    t.priority ?? 4,
    t.due ? t.due.at : NO_DUE,
    isSmall(t.estimateMin, estimateRatio) ? 0 : 1,
    t.skipCount,
    t.createdAt,
    t.id,
  ];
}

export function compareTuples(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
}

/**
 * The derived index keys stored with each task row. A key is left out (undefined) when the task
 * cannot be a candidate for that rule, so IndexedDB keeps it out of that index entirely.
 */
export interface TaskIndexKeys {
  /** Active top-level tasks, in ranking order. */
  rankKey?: RankTuple;
  /** Active steps under their parent, in step order. */
  stepKey?: [string, number, number, string];
  /** Active tasks with a due time. */
  timedDueKey?: [number, string];
  /** Active tasks that were worked on. */
  momentumKey?: [number, string];
  /** Active pinned tasks. */
  pinKey?: [string, number, string];
}

export function taskIndexKeys(t: Task): TaskIndexKeys {
  if (!isActive(t)) return {};
  const keys: TaskIndexKeys = {};
  if (t.parentId === null) keys.rankKey = rankTuple(t);
  else keys.stepKey = [t.parentId, t.order, t.createdAt, t.id];
  if (t.due?.hasTime) keys.timedDueKey = [t.due.at, t.id];
  if (t.workedAt !== null) keys.momentumKey = [t.workedAt, t.id];
  if (t.pinnedFor !== null) keys.pinKey = [t.pinnedFor, t.createdAt, t.id];
  return keys;
}

/** The active steps of each task, in step order. */
export function stepsByParent(tasks: readonly Task[]): Map<string, Task[]> {
  const map = new Map<string, Task[]>();
  for (const t of tasks) {
    if (t.parentId === null || !isActive(t)) continue;
    let list = map.get(t.parentId);
    if (!list) map.set(t.parentId, (list = []));
    list.push(t);
  }
  for (const list of map.values()) {
    list.sort((a, b) => compareTuples(taskIndexKeys(a).stepKey!, taskIndexKeys(b).stepKey!));
  }
  return map;
}

/**
 * What to actually show for a candidate: itself when it has no active steps, else its first
 * available step, resolved the same way. Null when it has active steps but none is available.
 */
export function resolveAction(
  task: Task,
  steps: (parentId: string) => readonly Task[],
  now: number,
  depth = 0,
): Task | null {
  const children = depth < MAX_DEPTH ? steps(task.id) : [];
  if (children.length === 0) return task;
  for (const step of children) {
    if (!isAvailable(step, now)) continue;
    const found = resolveAction(step, steps, now, depth + 1);
    if (found) return found;
  }
  return null;
}

export interface PolicyOptions {
  /** `estimateCalibration(...).ratio`; only a notable one changes the ranking. */
  estimateRatio?: number | null;
  /**
   * From how long before its time a task due at a time comes before a pinned step (the setting
   * `dueFirstMinutes`); default DEFAULT_DUE_FIRST_MS.
   */
  dueFirstMs?: number;
}

/**
 * The lead time in effect, within 0..NEAR_MS: a task that may come first must also be one the
 * due-soon rule considers, so the indexed pick's reads (up to NEAR_MS ahead) cover it.
 */
export function dueFirstMsOf(options: Pick<PolicyOptions, 'dueFirstMs'> = {}): number {
  const ms = options.dueFirstMs ?? DEFAULT_DUE_FIRST_MS;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), NEAR_MS) : DEFAULT_DUE_FIRST_MS;
}

/** The pure policy over all tasks. */
export function pickNextAction(
  tasks: readonly Task[],
  now: number,
  options: PolicyOptions = {},
): NextAction | null {
  const ratio = options.estimateRatio ?? null;
  const byParent = stepsByParent(tasks);
  const steps = (id: string): readonly Task[] => byParent.get(id) ?? [];
  const available = tasks.filter((t) => isAvailable(t, now));
  const first = (candidates: Task[], rule: NextActionRule, needsSteps = false): NextAction | null => {
    for (const source of candidates) {
      if (needsSteps && steps(source.id).length === 0) continue;
      const task = resolveAction(source, steps, now);
      if (task) return { task, rule, source, reason: explain(rule, task, source, now, ratio) };
    }
    return null;
  };
  const k = (t: Task): TaskIndexKeys => taskIndexKeys(t);

  const today = dayKey(now);
  const pinned = available
    .filter((t) => t.pinnedFor !== null && t.pinnedFor <= today)
    .sort((a, b) => compareTuples(k(a).pinKey!, k(b).pinKey!));
  const dayStart = startOfDay(now);
  const dueSoon = available
    .filter((t) => t.due?.hasTime && t.due.at >= dayStart && t.due.at <= now + NEAR_MS)
    .sort((a, b) => compareTuples(k(a).timedDueKey!, k(b).timedDueKey!));
  // Most recent first; a tie (never made by the app) goes to the smaller id.
  const momentum = available
    .filter((t) => t.workedAt !== null && t.workedAt >= now - MOMENTUM_MS)
    .sort((a, b) => compareTuples([-a.workedAt!, a.id], [-b.workedAt!, b.id]));
  const ranked = available
    .filter((t) => t.parentId === null)
    .sort((a, b) => compareTuples(rankTuple(a, ratio), rankTuple(b, ratio)));

  const dueFirstMs = dueFirstMsOf(options);
  const dueFirst = dueSoon.filter((t) => t.due!.at <= now + dueFirstMs);

  return (
    first(dueFirst, 'dueSoon') ??
    first(pinned, 'pinned') ??
    first(dueSoon, 'dueSoon') ??
    first(momentum, 'momentum', true) ??
    first(ranked, 'ranked')
  );
}

export { explain, formatClock, formatDay, formatDue } from './nextActionReason';
