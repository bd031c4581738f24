/**
 * Step sizes fitted to the person: when a task keeps being stopped early or was called too big,
 * the first thing offered is to make its first step smaller.
 */
import { median } from './momentumView';
import type { FocusSession, Task } from './types';

/** A session stopped before this much focus is a start that did not take. */
export const SHORT_STOP_MS = 5 * 60_000;
/** This many short stops make the step too big. */
export const SHORT_STOPS = 2;

/** Offer "Make the first step smaller" first: skipped as "too big", or stopped early twice. */
export function needsSmallerStep(
  task: Pick<Task, 'id' | 'skipReasons'>,
  sessions: readonly Pick<FocusSession, 'taskId' | 'outcome' | 'focusedMs'>[],
): boolean {
  if (task.skipReasons.some((s) => s.reason === 'too-big')) return true;
  let short = 0;
  for (const s of sessions) {
    if (s.taskId === task.id && s.outcome === 'stopped' && s.focusedMs < SHORT_STOP_MS) short++;
  }
  return short >= SHORT_STOPS;
}

export interface TwoMinuteStarts {
  /** Sessions started with "just two minutes" in the period (their "keep going" stretches not counted). */
  starts: number;
  /** Of those, the ones continued with "keep going". */
  keptGoing: number;
}

/** Two-minute starts begun from `start` up to `end` (epoch ms), and how many were kept going. */
export function twoMinuteStarts(
  sessions: readonly Pick<FocusSession, 'id' | 'startedAt' | 'mode' | 'continues'>[],
  start: number,
  end: number,
): TwoMinuteStarts {
  const continued = new Set<string>();
  for (const s of sessions) if (s.continues) continued.add(s.continues);
  let starts = 0;
  let keptGoing = 0;
  for (const s of sessions) {
    if (s.mode !== 'twoMinute' || s.continues || s.startedAt < start || s.startedAt >= end) continue;
    starts++;
    if (continued.has(s.id)) keptGoing++;
  }
  return { starts, keptGoing };
}

/** "2-minute starts kept going 7 of 10 times this month", or null with none. */
export function twoMinuteWords({ starts, keptGoing }: TwoMinuteStarts, period = 'this month'): string | null {
  if (starts === 0) return null;
  return `2-minute starts kept going ${keptGoing} of ${starts} time${starts === 1 ? '' : 's'} ${period}`;
}

/** The focus-length suggestion looks at this many days of sessions. */
export const FOCUS_LOOKBACK_MS = 14 * 24 * 60 * 60_000;
/** At least this many completed sessions before suggesting anything. */
export const FOCUS_MIN_SAMPLES = 3;

/**
 * A shorter default focus length when the completed sessions of the last 14 days (two-minute
 * starts left out: they are two minutes by design) had a median focused time under two thirds
 * of `focusMinutes`: that median rounded to 5 minutes (at least 5). Null otherwise.
 */
export function suggestFocusLength(
  sessions: readonly Pick<FocusSession, 'startedAt' | 'focusedMs' | 'outcome' | 'mode' | 'continues'>[],
  now: number,
  focusMinutes: number,
): number | null {
  const focused = sessions
    .filter(
      (s) =>
        s.outcome === 'completed' &&
        s.mode !== 'twoMinute' &&
        s.startedAt >= now - FOCUS_LOOKBACK_MS &&
        s.startedAt <= now,
    )
    .map((s) => s.focusedMs);
  const middle = median(focused);
  if (middle === null || focused.length < FOCUS_MIN_SAMPLES) return null;
  if (middle >= (2 / 3) * focusMinutes * 60_000) return null;
  const minutes = Math.max(5, Math.round(middle / (5 * 60_000)) * 5);
  return minutes < focusMinutes ? minutes : null;
}
