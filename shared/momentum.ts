/**
 * Measures of starting, computed from the records (pure; nothing reads the clock). Days are local
 * `YYYY-MM-DD` keys (shared/days.ts), so a day of a daylight-saving change is 23 or 25 hours long.
 */
import { addDays, dayKey, isDayKey, startOfDayKey } from './days';
import { median } from './momentumView';
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

const DAY_MS = 24 * 60 * 60_000;

/**
 * Index of the day holding `ms`, or -1 outside the range. The guess from 24-hour days is off by
 * one near a clock change at most; the loops correct it (and any larger jump of a time zone).
 */
function dayIndex(bounds: readonly number[], ms: number): number {
  const last = bounds.length - 1;
  if (!(ms >= bounds[0]! && ms < bounds[last]!)) return -1;
  let i = Math.min(last - 1, Math.floor((ms - bounds[0]!) / DAY_MS));
  while (bounds[i]! > ms) i--;
  while (bounds[i + 1]! <= ms) i++;
  return i;
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

  // A task's first session is its earliest over all sessions: one in range counts unless the task
  // also has one before the range (one after it cannot be earlier).
  const firstInRange = new Map<string, number>();
  const startedBefore: string[] = [];
  const rangeStart = bounds[0]!;
  for (const s of sessions) {
    const i = dayIndex(bounds, s.startedAt);
    if (i < 0) {
      if (s.startedAt < rangeStart) startedBefore.push(s.taskId);
      continue;
    }
    starts[i]!++;
    focusedMs[i]! += s.focusedMs;
    if (first[i] === null || s.startedAt < first[i]!) first[i] = s.startedAt;
    const seen = firstInRange.get(s.taskId);
    if (seen === undefined || s.startedAt < seen) firstInRange.set(s.taskId, s.startedAt);
  }
  if (firstInRange.size > 0) for (const id of startedBefore) firstInRange.delete(id);
  for (const t of tasks) {
    if (t.status === 'done' && t.doneAt !== null) {
      const i = dayIndex(bounds, t.doneAt);
      if (i >= 0) done[i]!++;
    }
    if (firstInRange.size === 0) continue;
    const startedAt = firstInRange.get(t.id);
    if (startedAt === undefined) continue;
    // A clock that ran behind can put the start before the capture: that wait counts as none.
    waits[dayIndex(bounds, startedAt)]!.push(Math.max(0, (startedAt - t.createdAt) / 60_000));
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
  // Sessions with no focused time add nothing to a sum; without negative times (which the
  // schemas refuse), "some session above 0" is then "the sum is above 0".
  const focused = new Map<string, number>();
  let positive: Set<string> | null = null;
  for (const s of sessions) {
    if (s.focusedMs === 0) continue;
    focused.set(s.taskId, (focused.get(s.taskId) ?? 0) + s.focusedMs);
    if (s.focusedMs < 0) positive ??= new Set();
  }
  if (positive) for (const s of sessions) if (s.focusedMs > 0) positive.add(s.taskId);
  const ratios: number[] = [];
  for (const t of tasks) {
    if (t.status !== 'done' || t.estimateMin === null || !(t.estimateMin > 0)) continue;
    const sum = focused.get(t.id);
    if (sum === undefined || (positive ? !positive.has(t.id) : sum <= 0)) continue;
    ratios.push(sum / (t.estimateMin * 60_000));
  }
  const ratio = ratios.length < MIN_CALIBRATION_SAMPLES ? null : median(ratios);
  return { ratio, samples: ratios.length };
}
