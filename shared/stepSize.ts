/**
 * Step sizes fitted to the person: when a task keeps being stopped early or was called too big,
 * the first thing offered is to make its first step smaller.
 */
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
