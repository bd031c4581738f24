/** What the focus service persists (focus.json), and the session a segment of it becomes. */
import { z } from 'zod';
import { focusedMs, initialTimer, isTimerState, type TimerState } from '../../../shared/focusTimer';
import type { FocusMode } from '../../../shared/focus';
import { idSchema, pauseSchema, taskRefSchema, timeSchema } from '../../../shared/schemas';
import type { FocusSession, PauseReason, PauseRecord, SessionOutcome, TaskRef } from '../../../shared/types';

/**
 * The part of a session not yet written to the log. A session that runs out is logged at once
 * (as completed); "keep going" then opens a new segment, so no minute is logged twice.
 */
export interface Segment {
  id: string;
  startedAt: number;
  /** Focused and planned time already logged before this segment began. */
  baseFocusedMs: number;
  basePlannedMs: number;
  pauses: PauseRecord[];
  /** Set on a "keep going" stretch: the session it continues. */
  continues?: string;
}

export interface FocusDoc {
  timer: TimerState;
  task: TaskRef | null;
  mode: FocusMode;
  pausedBy: PauseReason | null;
  segment: Segment | null;
  /** The session written last, which a "keep going" continues. */
  lastSessionId?: string;
}

export const focusDocSchema: z.ZodType<FocusDoc> = z.object({
  timer: z.custom<TimerState>(isTimerState, 'Not a timer state'),
  task: taskRefSchema.nullable(),
  mode: z.enum(['standard', 'twoMinute']),
  pausedBy: z.enum(['user', 'suspend', 'lock-screen']).nullable(),
  segment: z
    .object({
      id: idSchema,
      startedAt: timeSchema,
      baseFocusedMs: z.number().int().min(0),
      basePlannedMs: z.number().int().min(0),
      pauses: z.array(pauseSchema),
      continues: idSchema.optional(),
    })
    .nullable(),
  lastSessionId: idSchema.optional(),
});

export const IDLE_DOC: FocusDoc = {
  timer: initialTimer(),
  task: null,
  mode: 'standard',
  pausedBy: null,
  segment: null,
};

/** The open segment as a session for the log, ended at `endedAt`; null when there is none. */
export function segmentSession(
  d: FocusDoc,
  outcome: SessionOutcome,
  note: string | null,
  endedAt: number,
): FocusSession | null {
  if (d.segment === null || d.task === null || d.timer.phase !== 'active') return null;
  return {
    id: d.segment.id,
    taskId: d.task.id,
    title: d.task.title,
    startedAt: d.segment.startedAt,
    endedAt,
    plannedMs: d.timer.totalMs - d.segment.basePlannedMs,
    focusedMs: Math.max(0, focusedMs(d.timer, endedAt) - d.segment.baseFocusedMs),
    outcome,
    pauses: d.segment.pauses,
    note: note && note.trim() ? note.trim() : null,
    ...(d.mode === 'twoMinute' ? { mode: 'twoMinute' as const } : {}),
    ...(d.segment.continues ? { continues: d.segment.continues } : {}),
  };
}

/** Paused by the user or the system (`reason`) at `now`. */
export const paused = (d: FocusDoc, reason: PauseReason, now: number): FocusDoc => ({
  ...d,
  pausedBy: reason === 'user' ? null : reason,
  segment: d.segment && {
    ...d.segment,
    pauses: [...d.segment.pauses, { at: now, resumedAt: null, reason }],
  },
});

export const resumed = (d: FocusDoc, now: number): FocusDoc => ({
  ...d,
  pausedBy: null,
  segment: d.segment && {
    ...d.segment,
    pauses: d.segment.pauses.map((p, i, all) =>
      i === all.length - 1 && p.resumedAt === null ? { ...p, resumedAt: now } : p,
    ),
  },
});

/** "Keep going" after the finish: a new segment `id`, continuing the session logged last. */
export const keptGoing = (d: FocusDoc, before: TimerState, now: number, id: string): FocusDoc => ({
  ...d,
  segment: {
    id,
    startedAt: now,
    baseFocusedMs: focusedMs(before, now),
    basePlannedMs: before.phase === 'active' ? before.totalMs : 0,
    pauses: [],
    ...(d.lastSessionId ? { continues: d.lastSessionId } : {}),
  },
});
