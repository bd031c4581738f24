/** The focus service's notifications (the texts; the service adds what a click does). */
import type { FocusMode } from '../../../shared/focus';
import type { PauseReason, TaskRef } from '../../../shared/types';

export const NOTICES = {
  nothingToFocus: { title: 'Nothing to focus on yet', body: 'Add one small thing to start with.' },
  /** A session sleep or the lock screen paused, with `left` (formatted) to go. */
  paused: (by: PauseReason, task: TaskRef | null, left: string) => ({
    title: by === 'suspend' ? 'Focus paused while your computer slept' : 'Focus paused while you were away',
    body: `Resume “${task?.title ?? 'your session'}”? ${left} left.`,
  }),
  finished: (mode: FocusMode, task: TaskRef | null) => ({
    title: mode === 'twoMinute' ? 'Two minutes done' : 'Focus session done',
    body: `“${task?.title ?? 'Your task'}”: keep going, mark it done, or make it smaller?`,
  }),
};
