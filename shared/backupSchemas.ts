/**
 * The zod schemas of one record of a backup file (shared/backup.ts checks the file record by
 * record with them). Text limits are in UTF-16 units (shared/text.ts), as the app counts them.
 */
import { z } from 'zod';
import { isDayKey } from './days';
import { unitsText } from './textSchema';
import { MAX_TAG, MAX_TAGS, SKIP_REASONS, type FocusSession, type Reflection, type Task } from './types';

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

const time = z.number().int().min(0).max(8.64e15);
const id = unitsText(128, { min: 1 });
const dayKey = z.string().max(10).refine(isDayKey, 'Expected a day key like 2026-11-27');
const longText = unitsText(20000);

export const taskSchema = z
  .object({
    id,
    title: unitsText(1000, { min: 1, trim: true }),
    status: z.enum(['open', 'done', 'archived', 'waiting']),
    parentId: id.nullable(),
    order: z.number().finite(),
    due: z.object({ at: time, hasTime: z.boolean() }).strict().nullable(),
    estimateMin: z.number().int().min(1).max(10080).nullable(),
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
    title: unitsText(1000),
    startedAt: time,
    endedAt: time,
    plannedMs: z.number().int().min(0).max(8.64e15),
    focusedMs: z.number().int().min(0).max(8.64e15),
    outcome: z.enum(['completed', 'stopped', 'abandoned']),
    pauses: z
      .array(
        z
          .object({
            at: time,
            resumedAt: time.nullable(),
            reason: z.enum(['user', 'suspend', 'lock-screen']),
          })
          .strict(),
      )
      .max(BACKUP_CAPS.pauses),
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
