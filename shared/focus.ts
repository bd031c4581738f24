import type { PauseReason, PauseRecord, TaskRef } from './types';
import type { TimerState } from './focusTimer';

export const TWO_MINUTES_MS = 2 * 60_000;

export type FocusMode = 'standard' | 'twoMinute';

/** What the focus service tells every window on each transition (never per second). */
export interface FocusSnapshot {
  timer: TimerState;
  task: TaskRef | null;
  mode: FocusMode;
  pauses: PauseRecord[];
  /** Set when the system paused the session (sleep, lock): the focus window asks whether to resume. */
  pausedBy: PauseReason | null;
  /** Minutes "Keep going" adds. */
  keepGoingMinutes: number;
}

/**
 * The length of a new session: the default from settings, or the task's estimate when shorter;
 * "just two minutes" is always two minutes.
 */
export function sessionLengthMs(mode: FocusMode, defaultMinutes: number, estimateMin: number | null): number {
  if (mode === 'twoMinute') return TWO_MINUTES_MS;
  const minutes =
    estimateMin !== null && estimateMin > 0 ? Math.min(estimateMin, defaultMinutes) : defaultMinutes;
  return minutes * 60_000;
}

/** `mm:ss` (or `h:mm:ss`) for a countdown; rounds up so 0:00 shows only at the end. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
