/**
 * Words and small derived figures around the momentum measures (shared/momentum.ts): the history's
 * range figures, the calibration note, the calibrated estimate the policy ranks by.
 */
import { addDays, startOfDayKey } from './days';
import type { FocusSession, Task } from './types';

/** The median; an even count gives the mean of the middle two. Null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Estimates are called off when tasks take this many times as long, or this fraction. */
export const CALIBRATION_LONG = 1.5;
export const CALIBRATION_SHORT = 0.67;

/** The calibration ratio when it is far enough from 1 to act on, else null. */
export function notableRatio(ratio: number | null): number | null {
  if (ratio === null || !Number.isFinite(ratio) || ratio <= 0) return null;
  return ratio >= CALIBRATION_LONG || ratio <= CALIBRATION_SHORT ? ratio : null;
}

/** "1.8", "0.5": one decimal, none when whole. */
const times = (ratio: number): string => String(Math.round(ratio * 10) / 10);

/** "your estimates run about 1.8× long", or null when the ratio is not notable. */
export function calibrationNote(ratio: number | null): string | null {
  const r = notableRatio(ratio);
  if (r === null) return null;
  return r >= CALIBRATION_LONG
    ? `your estimates run about ${times(r)}× long`
    : `your tasks take about ${times(r)}× your estimates`;
}

/** The estimate scaled by a notable calibration ratio; the estimate itself otherwise. */
export function calibratedEstimate(estimateMin: number | null, ratio: number | null): number | null {
  const r = notableRatio(ratio);
  return estimateMin === null || r === null ? estimateMin : estimateMin * r;
}

/** "9 am", "2:05 pm" for a minute of the day (from midnight). */
export function formatMinuteOfDay(minute: number): string {
  const h = Math.floor(minute / 60) % 24;
  const m = Math.floor(minute % 60);
  const suffix = h < 12 ? 'am' : 'pm';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${h12} ${suffix}` : `${h12}:${String(m).padStart(2, '0')} ${suffix}`;
}

/** "42 min", "3.5 h", "2 days": a wait in minutes, in words. */
export function formatWait(minutes: number): string {
  if (minutes < 90) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${Math.round((minutes / 60) * 10) / 10} h`;
  return `${Math.round(minutes / (24 * 60))} days`;
}

/**
 * The median minutes from capture to first start over the tasks first started in the days from
 * `fromDay` to `toDay` — the same waits `momentumByDay` takes a median of each day, over the range.
 */
export function captureToStartOver(
  tasks: readonly Task[],
  sessions: readonly FocusSession[],
  fromDay: string,
  toDay: string,
): number | null {
  const start = startOfDayKey(fromDay);
  const end = addDays(startOfDayKey(toDay), 1);
  const first = new Map<string, number>();
  for (const s of sessions) {
    const seen = first.get(s.taskId);
    if (seen === undefined || s.startedAt < seen) first.set(s.taskId, s.startedAt);
  }
  const waits: number[] = [];
  for (const t of tasks) {
    const at = first.get(t.id);
    if (at !== undefined && at >= start && at < end) waits.push(Math.max(0, (at - t.createdAt) / 60_000));
  }
  return median(waits);
}
