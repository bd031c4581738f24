/**
 * The focus-timer state machine: pure, serializable, and clock-free.
 *
 * Nothing ticks. The state records *when* the timer last started running and how much running
 * time was banked before that; every reading (remaining, focused, phase) is derived from the state
 * and a `nowMs` (wall-clock epoch milliseconds) the caller passes in. The state is plain JSON, so
 * the main process can persist it as-is and validate it with {@link isTimerState} when loading.
 *
 * Rules every function here follows:
 * - Never reads the clock; never throws (also for malformed events or odd clock values).
 * - Never mutates its input. An event that does not apply returns the SAME state object.
 * - A clock that goes backwards (`nowMs < runningSince`) counts as zero elapsed time.
 * - While not idle: `focusedMs + remainingMs === totalMs` (start duration plus accepted extends).
 */

/** Inputs to {@link reduceTimer}. Malformed events are tolerated and simply do not apply. */
export type TimerEvent =
  | { type: 'start'; taskId: string; durationMs: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'extend'; ms: number }
  | { type: 'stop' };

/** The phase as seen at a given instant; see {@link timerPhase}. */
export type TimerPhase = 'idle' | 'running' | 'paused' | 'finished';

/** No session. */
export interface IdleTimer {
  phase: 'idle';
}

/**
 * A session that is running, paused or finished. Which one is not stored: it is derived from
 * these fields and `nowMs` (a running timer becomes finished without any event).
 */
export interface ActiveTimer {
  phase: 'active';
  taskId: string;
  /** `nowMs` of the start event. */
  startedAt: number;
  /** Start duration plus all accepted extends. */
  totalMs: number;
  /** Running time banked before `runningSince` (always between 0 and `totalMs`). */
  accumulatedMs: number;
  /** `nowMs` when it last started/resumed running; `null` while paused. */
  runningSince: number | null;
}

/** The persisted timer state: plain JSON. */
export type TimerState = IdleTimer | ActiveTimer;

/** The state before any session. */
export function initialTimer(): TimerState {
  return { phase: 'idle' };
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isPositiveFinite(value: unknown): value is number {
  return isFiniteNumber(value) && value > 0;
}

/** Wall time since `runningSince`; 0 while paused, and never negative (or NaN) if the clock went back. */
function elapsedSince(runningSince: number | null, nowMs: number): number {
  if (runningSince === null) return 0;
  const delta = nowMs - runningSince;
  return delta > 0 ? delta : 0;
}

/**
 * Running time spent in the current session at `nowMs`, capped at `totalMs`.
 * 0 when idle.
 */
export function focusedMs(state: TimerState, nowMs: number): number {
  if (state.phase === 'idle') return 0;
  return Math.min(state.totalMs, state.accumulatedMs + elapsedSince(state.runningSince, nowMs));
}

/** Time left at `nowMs` (`totalMs - focusedMs`); counts down only while running. 0 when idle. */
export function remainingMs(state: TimerState, nowMs: number): number {
  if (state.phase === 'idle') return 0;
  return state.totalMs - focusedMs(state, nowMs);
}

/**
 * The phase at `nowMs`: 'finished' once nothing remains (no event needed), otherwise 'running'
 * or 'paused' depending on `runningSince`; 'idle' without a session.
 */
export function timerPhase(state: TimerState, nowMs: number): TimerPhase {
  if (state.phase === 'idle') return 'idle';
  if (remainingMs(state, nowMs) <= 0) return 'finished';
  return state.runningSince === null ? 'paused' : 'running';
}

/**
 * The wall-clock ms at which a running timer reaches 0 (`runningSince + totalMs - accumulatedMs`);
 * in the past if it already finished. `null` when idle or paused. Useful for scheduling the one
 * "finished" notification instead of ticking.
 */
export function finishesAt(state: TimerState): number | null {
  if (state.phase === 'idle' || state.runningSince === null) return null;
  return state.runningSince + (state.totalMs - state.accumulatedMs);
}

/**
 * Structural guard for state loaded from disk: `{ phase: 'idle' }`, or an active timer with a
 * non-empty `taskId`, finite numbers, `totalMs > 0`, `0 <= accumulatedMs <= totalMs` and
 * `runningSince` finite or null. Extra keys are tolerated (the next transition drops them).
 */
export function isTimerState(value: unknown): value is TimerState {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if (v.phase === 'idle') return true;
  if (v.phase !== 'active') return false;
  return (
    typeof v.taskId === 'string' &&
    v.taskId.length > 0 &&
    isFiniteNumber(v.startedAt) &&
    isPositiveFinite(v.totalMs) &&
    isFiniteNumber(v.accumulatedMs) &&
    v.accumulatedMs >= 0 &&
    v.accumulatedMs <= v.totalMs &&
    (v.runningSince === null || isFiniteNumber(v.runningSince))
  );
}

/** Builds an active state with exactly the documented keys (so stray keys never survive). */
function active(
  taskId: string,
  startedAt: number,
  totalMs: number,
  accumulatedMs: number,
  runningSince: number | null,
): ActiveTimer {
  return { phase: 'active', taskId, startedAt, totalMs, accumulatedMs, runningSince };
}

/**
 * Applies `event` at `nowMs` and returns the next state, or the SAME `state` object when the
 * event does not apply:
 * - `start` (valid non-empty `taskId`, finite `durationMs > 0`): only when idle or finished; a new session.
 * - `pause`: only when running; banks the elapsed time.
 * - `resume`: only when paused.
 * - `extend` (finite `ms > 0`): adds `ms` when running or paused; when finished it runs again with
 *   exactly `ms` remaining ("keep going"), not counting the time since it finished.
 * - `stop`: back to idle from any phase (idle stays the same object).
 *
 * Malformed events (unknown type, NaN/Infinity/negative numbers, non-objects) and a non-finite
 * `nowMs` (for anything but `stop`) leave the state unchanged. Never throws, never mutates.
 */
export function reduceTimer(state: TimerState, event: TimerEvent, nowMs: number): TimerState {
  // Read the event defensively: callers may hand over unvalidated data (e.g. from IPC).
  const raw: unknown = event;
  if (typeof raw !== 'object' || raw === null) return state;
  const e = raw as Record<string, unknown>;

  if (e.type === 'stop') return state.phase === 'idle' ? state : initialTimer();
  if (!isFiniteNumber(nowMs)) return state;

  const phase = timerPhase(state, nowMs);
  switch (e.type) {
    case 'start': {
      if (phase !== 'idle' && phase !== 'finished') return state;
      if (typeof e.taskId !== 'string' || e.taskId.length === 0 || !isPositiveFinite(e.durationMs)) {
        return state;
      }
      return active(e.taskId, nowMs, e.durationMs, 0, nowMs);
    }
    case 'pause': {
      if (state.phase === 'idle' || phase !== 'running') return state;
      return active(state.taskId, state.startedAt, state.totalMs, focusedMs(state, nowMs), null);
    }
    case 'resume': {
      if (state.phase === 'idle' || phase !== 'paused') return state;
      return active(state.taskId, state.startedAt, state.totalMs, state.accumulatedMs, nowMs);
    }
    case 'extend': {
      if (state.phase === 'idle' || !isPositiveFinite(e.ms)) return state;
      const totalMs = state.totalMs + e.ms;
      // An extend that overflows, or is too small to change the total, does not apply.
      if (!Number.isFinite(totalMs) || totalMs <= state.totalMs) return state;
      if (phase === 'finished') {
        // Keep going: bank the whole old total so exactly `ms` remains from now on.
        return active(state.taskId, state.startedAt, totalMs, state.totalMs, nowMs);
      }
      return active(state.taskId, state.startedAt, totalMs, state.accumulatedMs, state.runningSince);
    }
    default:
      return state;
  }
}
