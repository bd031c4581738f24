/**
 * Kinetic's domain types. Pure data: every record is plain JSON, times are epoch milliseconds,
 * days are local `YYYY-MM-DD` keys (see shared/days.ts).
 */

export type TaskStatus = 'open' | 'done' | 'archived' | 'waiting';
export type Priority = 1 | 2 | 3;

export interface Due {
  /** Epoch ms. When `hasTime` is false this is local midnight at the start of the day. */
  at: number;
  hasTime: boolean;
}

/** Why a task was set aside, asked on the second "Not now". */
export const SKIP_REASONS = ['too-big', 'unclear', 'blocked', 'not-now', 'not-important'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SkipRecord {
  at: number;
  /** null for a plain "Not now" that asked no question. */
  reason: SkipReason | null;
}

export interface Task {
  id: string;
  title: string;
  status: TaskStatus;
  /** The task this is a step of, or null for a top-level task. */
  parentId: string | null;
  /** Position among its siblings (steps are shown in this order). */
  order: number;
  due: Due | null;
  estimateMin: number | null;
  tags: string[];
  priority: Priority | null;
  skipCount: number;
  skipReasons: SkipRecord[];
  /** Out of the running until this time (snooze, "not now", waiting check-back). */
  snoozedUntil: number | null;
  /** What the task is waiting on (status `waiting`). */
  waitingNote: string | null;
  /** Day key: the first next action of that day and every later day until done or dismissed. */
  pinnedFor: string | null;
  /** Last time work happened on this task or one of its steps (momentum). */
  workedAt: number | null;
  createdAt: number;
  updatedAt: number;
  doneAt: number | null;
}

/** The most tags a task has, and the longest tag (UTF-16 units); backups hold the same limits. */
export const MAX_TAGS = 100;
export const MAX_TAG = 100;

/** Why `tags` are over those limits, as a sentence for the user; null when they are within. */
export function tagProblem(tags: readonly string[]): string | null {
  if (tags.length > MAX_TAGS) return `Use at most ${MAX_TAGS} tags.`;
  if (tags.some((tag) => tag.length > MAX_TAG)) return `Keep each tag under ${MAX_TAG} characters.`;
  return null;
}

/** A task's own fields that every new task starts with (fresh arrays each call). */
export type NeutralTaskFields = Omit<Task, 'id' | 'title' | 'status' | 'createdAt' | 'updatedAt'>;

export function neutralTaskFields(): NeutralTaskFields {
  return {
    parentId: null,
    order: 0,
    due: null,
    estimateMin: null,
    tags: [],
    priority: null,
    skipCount: 0,
    skipReasons: [],
    snoozedUntil: null,
    waitingNote: null,
    pinnedFor: null,
    workedAt: null,
    doneAt: null,
  };
}

/** A new open task with neutral fields; `fields` sets the rest. */
export function openTask(id: string, title: string, createdAt: number, fields: Partial<Task> = {}): Task {
  return { ...neutralTaskFields(), id, title, status: 'open', createdAt, updatedAt: createdAt, ...fields };
}

export type SessionOutcome = 'completed' | 'stopped' | 'abandoned';
export type PauseReason = 'user' | 'suspend' | 'lock-screen';

export interface PauseRecord {
  at: number;
  resumedAt: number | null;
  reason: PauseReason;
}

export interface FocusSession {
  id: string;
  taskId: string;
  title: string;
  startedAt: number;
  endedAt: number;
  /** The session's length: the start duration plus every extension. */
  plannedMs: number;
  focusedMs: number;
  outcome: SessionOutcome;
  pauses: PauseRecord[];
  /** "Where I stopped", when given at stop. */
  note: string | null;
  /** Started with "just two minutes" (absent for a standard start, and on older records). */
  mode?: 'twoMinute';
  /** A "keep going" after the time was up: the id of the session it continues. */
  continues?: string;
}

export interface Reflection {
  /** Local day key of the day reflected on. */
  day: string;
  moved: string;
  inTheWay: string;
  tomorrowStep: string;
  /** The task created from `tomorrowStep`, pinned for the next day. */
  tomorrowStepTaskId: string | null;
  /** Show tomorrow's step when the laptop is first opened the next day. */
  morningTrigger: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A plain summary of a task, small enough to cross IPC (tray menu, focus window). */
/** A task due at a time, as main needs it for its notification. */
export interface DueItem {
  id: string;
  title: string;
  at: number;
}

export interface TaskRef {
  id: string;
  title: string;
  estimateMin: number | null;
}
