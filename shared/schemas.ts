/**
 * One zod schema per record, and the limits and day-key check they share: used by the IPC
 * contract (shared/ipc.ts), backups (shared/backup.ts checks a file record by record with them)
 * and the documents main keeps on disk (outbox, focus, reflection, automatic backups, window
 * places). Text limits are in UTF-16 units (shared/text.ts), as the app counts them.
 */
import { z } from 'zod';
import { isDayKey } from './days';
import { unitsText } from './textSchema';
import {
  MAX_TAG,
  MAX_TAGS,
  SKIP_REASONS,
  type FocusSession,
  type PauseRecord,
  type Reflection,
  type Task,
  type TaskRef,
} from './types';

/** The most records of each kind a backup may hold, and the most entries of a record's lists. */
export const BACKUP_CAPS = {
  tasks: 1_000_000,
  sessions: 1_000_000,
  reflections: 100_000,
  /** The app keeps a task's last 50. */
  skipReasons: 1_000,
  tags: MAX_TAGS,
  pauses: 10_000,
} as const;

/** The longest id, title and estimate (a week) anywhere in the app. */
export const LIMITS = { id: 128, title: 1000, estimateMin: 10080 } as const;

/** A moment, ms since the epoch (up to the largest a Date holds). */
export const timeSchema = z.number().int().min(0).max(8.64e15);
export const idSchema = unitsText(LIMITS.id, { min: 1 });
export const dayKeySchema = z.string().max(10).refine(isDayKey, 'Expected a day key like 2026-11-27');
const time = timeSchema;
const id = idSchema;
const dayKey = dayKeySchema;
const longText = unitsText(20000);
const estimateMin = z.number().int().min(1).max(LIMITS.estimateMin);

/** A task as main knows it: what a session, the tray and tomorrow's step need. */
export const taskRefSchema = z.object({
  id,
  title: unitsText(LIMITS.title, { min: 1, trim: true }),
  estimateMin: estimateMin.nullable(),
}) satisfies z.ZodType<TaskRef>;

export const pauseSchema = z
  .object({ at: time, resumedAt: time.nullable(), reason: z.enum(['user', 'suspend', 'lock-screen']) })
  .strict() satisfies z.ZodType<PauseRecord>;

export const taskSchema = z
  .object({
    id,
    title: unitsText(LIMITS.title, { min: 1, trim: true }),
    status: z.enum(['open', 'done', 'archived', 'waiting']),
    parentId: id.nullable(),
    order: z.number().finite(),
    due: z.object({ at: time, hasTime: z.boolean() }).strict().nullable(),
    estimateMin: estimateMin.nullable(),
    tags: z.array(unitsText(MAX_TAG, { min: 1 })).max(BACKUP_CAPS.tags),
    priority: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
    skipCount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    skipReasons: z
      .array(z.object({ at: time, reason: z.enum(SKIP_REASONS).nullable() }).strict())
      .max(BACKUP_CAPS.skipReasons),
    snoozedUntil: time.nullable(),
    waitingNote: longText.nullable(),
    pinnedFor: dayKey.nullable(),
    workedAt: time.nullable(),
    createdAt: time,
    updatedAt: time,
    doneAt: time.nullable(),
  })
  .strict() satisfies z.ZodType<Task>;

export const sessionSchema = z
  .object({
    id,
    taskId: id,
    title: unitsText(LIMITS.title),
    startedAt: time,
    endedAt: time,
    plannedMs: z.number().int().min(0).max(8.64e15),
    focusedMs: z.number().int().min(0).max(8.64e15),
    outcome: z.enum(['completed', 'stopped', 'abandoned']),
    pauses: z.array(pauseSchema).max(BACKUP_CAPS.pauses),
    note: longText.nullable(),
    mode: z.literal('twoMinute').optional(),
    continues: id.optional(),
  })
  .strict() satisfies z.ZodType<FocusSession>;

export const reflectionSchema = z
  .object({
    day: dayKey,
    moved: longText,
    inTheWay: longText,
    tomorrowStep: longText,
    tomorrowStepTaskId: id.nullable(),
    morningTrigger: z.boolean(),
    createdAt: time,
    updatedAt: time,
  })
  .strict() satisfies z.ZodType<Reflection>;

/** The lists inside one record, with their caps: checked by length before the record is parsed. */
export const RECORD_LISTS = {
  tasks: { skipReasons: BACKUP_CAPS.skipReasons, tags: BACKUP_CAPS.tags },
  sessions: { pauses: BACKUP_CAPS.pauses },
  reflections: {},
} as const satisfies Record<'tasks' | 'sessions' | 'reflections', Record<string, number>>;

/** A record main keeps for the database until a window has written it (a finished session). */
export const outboxItemSchema = z
  .object({ id, createdAt: time, kind: z.literal('session'), session: sessionSchema })
  .strict();
export type OutboxItem = z.infer<typeof outboxItemSchema>;

/** windows.json: where the user last put the focus window (setPosition takes integers only). */
export const windowPlacesSchema = z.object({
  focus: z.object({ x: z.number().int(), y: z.number().int() }).optional(),
});
export type WindowPlaces = z.infer<typeof windowPlacesSchema>;

/**
 * The automatic backups' state: the day of the last one kept, and when each day's was written.
 * Lenient, as before it had a schema: an unreadable field is dropped, not the whole document.
 */
export const autoBackupStateSchema = z.object({
  lastDay: dayKey.nullable().catch(null),
  written: z
    .record(z.string(), z.unknown())
    .catch({})
    .transform((written) =>
      Object.fromEntries(
        Object.entries(written).filter(
          (entry): entry is [string, number] => isDayKey(entry[0]) && Number.isFinite(entry[1]),
        ),
      ),
    ),
});
export type AutoBackupState = z.output<typeof autoBackupStateSchema>;

/** reflection.json: the invitation and tomorrow's step with the morning trigger. */
export const reflectionStateSchema = z.object({
  lastInvitedDay: z.string().nullable(),
  lastReflectedDay: z.string().nullable(),
  morningStep: z.object({ task: taskRefSchema, day: dayKey }).nullable(),
});
