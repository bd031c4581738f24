/**
 * Measures of starting, computed from the records (pure; nothing reads the clock). Days are local
 * `YYYY-MM-DD` keys (shared/days.ts), so a day of a daylight-saving change is 23 or 25 hours long.
 */
import { addDays, dayKey, isDayKey, startOfDayKey } from './days';
import type { FocusSession, Task } from './types';

export interface DayMomentum {
  day: string;
  /** Sessions started that day, any outcome. */
  starts: number;
  /** Whole minutes from local midnight to the day's earliest start, or null. */
  firstStartMin: number | null;
  /** Rounded minutes focused in the sessions started that day. */
  focusedMin: number;
  /** Tasks (steps included) done that day. */
  done: number;
  /** Median minutes from capture to first start, over tasks first started that day, or null. */
  captureToStartMin: number | null;
}

/** The median; an even count gives the mean of the middle two. Null for none. */
function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function checkDay(key: string): void {
  if (!isDayKey(key)) throw new Error(`Not a day key: ${key}`);
}

/** Local midnights of the days from `fromDay` to `toDay`, plus the midnight after the last one. */
function dayBounds(fromDay: string, toDay: string): { days: string[]; bounds: number[] } {
  const days: string[] = [];
  const bounds: number[] = [];
  for (let t = startOfDayKey(fromDay); ; t = addDays(t, 1)) {
    const day = dayKey(t);
    bounds.push(t);
    if (day > toDay) break;
    days.push(day);
  }
  return { days, bounds };
}

/** Index of the day holding `ms`, or -1 outside the range. */
function dayIndex(bounds: readonly number[], ms: number): number {
  if (ms < bounds[0]! || ms >= bounds[bounds.length - 1]!) return -1;
  let lo = 0;
  let hi = bounds.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid]! <= ms) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * One entry per local day from `fromDay` to `toDay` inclusive, in order. A session counts on the
 * day it started (one across midnight counts on its start day). Sessions whose task is not in
 * `tasks` count for `starts` and `focusedMin` only.
 */
export function momentumByDay(
  tasks: readonly Task[],
  sessions: readonly FocusSession[],
  fromDay: string,
  toDay: string,
): DayMomentum[] {
  checkDay(fromDay);
  checkDay(toDay);
  if (fromDay > toDay) return [];
  const { days, bounds } = dayBounds(fromDay, toDay);
  const n = days.length;
  const starts = new Array<number>(n).fill(0);
  const first = new Array<number | null>(n).fill(null);
  const focusedMs = new Array<number>(n).fill(0);
  const done = new Array<number>(n).fill(0);
  const waits: number[][] = days.map(() => []);

  // The first session of each task is its earliest start over all sessions, in range or not.
  const firstStart = new Map<string, number>();
  for (const s of sessions) {
    const seen = firstStart.get(s.taskId);
    if (seen === undefined || s.startedAt < seen) firstStart.set(s.taskId, s.startedAt);
    const i = dayIndex(bounds, s.startedAt);
    if (i < 0) continue;
    starts[i]!++;
    focusedMs[i]! += s.focusedMs;
    if (first[i] === null || s.startedAt < first[i]!) first[i] = s.startedAt;
  }
  for (const t of tasks) {
    if (t.status === 'done' && t.doneAt !== null) {
      const i = dayIndex(bounds, t.doneAt);
      if (i >= 0) done[i]!++;
    }
    const startedAt = firstStart.get(t.id);
    if (startedAt === undefined) continue;
    const i = dayIndex(bounds, startedAt);
    // A clock that ran behind can put the start before the capture: that wait counts as none.
    if (i >= 0) waits[i]!.push(Math.max(0, (startedAt - t.createdAt) / 60_000));
  }
  return days.map((day, i) => ({
    day,
    starts: starts[i]!,
    firstStartMin: first[i] === null ? null : Math.floor((first[i]! - bounds[i]!) / 60_000),
    focusedMin: Math.round(focusedMs[i]! / 60_000),
    done: done[i]!,
    captureToStartMin: median(waits[i]!),
  }));
}

const MIN_CALIBRATION_SAMPLES = 5;

/**
 * How long done tasks took against their estimates: each done task with an estimate and some
 * focused time gives (its sessions' focused time) / (its estimate). `ratio` is their median, null
 * with fewer than five samples.
 */
export function estimateCalibration(
  tasks: readonly Task[],
  sessions: readonly FocusSession[],
): { ratio: number | null; samples: number } {
  const focused = new Map<string, number>();
  const positive = new Set<string>();
  for (const s of sessions) {
    focused.set(s.taskId, (focused.get(s.taskId) ?? 0) + s.focusedMs);
    if (s.focusedMs > 0) positive.add(s.taskId);
  }
  const ratios: number[] = [];
  for (const t of tasks) {
    if (t.status !== 'done' || t.estimateMin === null || !(t.estimateMin > 0)) continue;
    if (!positive.has(t.id)) continue;
    ratios.push(focused.get(t.id)! / (t.estimateMin * 60_000));
  }
  const ratio = ratios.length < MIN_CALIBRATION_SAMPLES ? null : median(ratios);
  return { ratio, samples: ratios.length };
}
