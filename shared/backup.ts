/**
 * Backups of everything the user wrote: tasks (with their steps), focus sessions and
 * reflections, as one JSON file. Pure: the renderer reads and writes the database (renderer/db/
 * backup.ts), main only saves and opens the file.
 *
 * `parseBackup` checks a file completely before anything is written, and says in a sentence what
 * is wrong with one it refuses: not JSON, not a Kinetic backup, from a newer Kinetic, or damaged
 * (with the first place it is damaged).
 */
import { z } from 'zod';
import { isDayKey } from './days';
import { MAX_DEPTH } from './nextAction';
import { SKIP_REASONS, type FocusSession, type Reflection, type Task } from './types';
import { BACKUP_FORMAT, BACKUP_KIND, type Backup } from './backupFormat';

export * from './backupFormat';

const time = z.number().int().min(0).max(8.64e15);
const id = z.string().min(1).max(128);
const dayKey = z.string().refine(isDayKey, 'Expected a day key like 2026-11-27');

const taskSchema = z
  .object({
    id,
    title: z.string().trim().min(1).max(1000),
    status: z.enum(['open', 'done', 'archived', 'waiting']),
    parentId: id.nullable(),
    order: z.number().finite(),
    due: z.object({ at: time, hasTime: z.boolean() }).strict().nullable(),
    estimateMin: z.number().int().min(1).max(10080).nullable(),
    tags: z.array(z.string().min(1).max(100)).max(100),
    priority: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
    skipCount: z.number().int().min(0),
    skipReasons: z.array(z.object({ at: time, reason: z.enum(SKIP_REASONS).nullable() }).strict()),
    snoozedUntil: time.nullable(),
    waitingNote: z.string().max(20000).nullable(),
    pinnedFor: dayKey.nullable(),
    workedAt: time.nullable(),
    createdAt: time,
    updatedAt: time,
    doneAt: time.nullable(),
  })
  .strict() satisfies z.ZodType<Task>;

const sessionSchema = z
  .object({
    id,
    taskId: id,
    title: z.string().max(1000),
    startedAt: time,
    endedAt: time,
    plannedMs: z.number().int().min(0),
    focusedMs: z.number().int().min(0),
    outcome: z.enum(['completed', 'stopped', 'abandoned']),
    pauses: z.array(
      z
        .object({
          at: time,
          resumedAt: time.nullable(),
          reason: z.enum(['user', 'suspend', 'lock-screen']),
        })
        .strict(),
    ),
    note: z.string().max(20000).nullable(),
    mode: z.literal('twoMinute').optional(),
    continues: id.optional(),
  })
  .strict() satisfies z.ZodType<FocusSession>;

const reflectionSchema = z
  .object({
    day: dayKey,
    moved: z.string().max(20000),
    inTheWay: z.string().max(20000),
    tomorrowStep: z.string().max(20000),
    tomorrowStepTaskId: id.nullable(),
    morningTrigger: z.boolean(),
    createdAt: time,
    updatedAt: time,
  })
  .strict() satisfies z.ZodType<Reflection>;

const backupSchema = z
  .object({
    kind: z.literal(BACKUP_KIND),
    format: z.literal(BACKUP_FORMAT),
    exportedAt: time,
    tasks: z.array(taskSchema),
    sessions: z.array(sessionSchema),
    reflections: z.array(reflectionSchema),
  })
  .strict();

export type ParsedBackup = { ok: true; backup: Backup } | { ok: false; error: string };

const NOT_A_BACKUP = 'This file is not a Kinetic backup.';

/** Where in the file a zod issue is, as `tasks[3].title`. */
function place(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/** Checks a backup file's text completely; nothing about it is trusted before this says ok. */
export function parseBackup(text: string): ParsedBackup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: `${NOT_A_BACKUP} It is not JSON.` };
  }
  if (typeof json !== 'object' || json === null || (json as { kind?: unknown }).kind !== BACKUP_KIND) {
    return { ok: false, error: NOT_A_BACKUP };
  }
  const format = (json as { format?: unknown }).format;
  if (typeof format === 'number' && format > BACKUP_FORMAT) {
    return {
      ok: false,
      error: `This backup was made by a newer Kinetic (format ${format}). Update Kinetic to restore it.`,
    };
  }
  const parsed = backupSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = place(issue.path);
    return { ok: false, error: `The backup is damaged${where ? ` at ${where}` : ''}: ${issue.message}.` };
  }
  const problem = treeProblem(parsed.data.tasks) ?? repeated(parsed.data);
  if (problem) return { ok: false, error: `The backup is damaged: ${problem}` };
  return { ok: true, backup: parsed.data };
}

/** A session id or reflection day that is there twice. */
function repeated({ sessions, reflections }: Backup): string | null {
  const ids = new Set<string>();
  for (const session of sessions) {
    if (ids.has(session.id)) return `two focus sessions have the id ${session.id}.`;
    ids.add(session.id);
  }
  const days = new Set<string>();
  for (const reflection of reflections) {
    if (days.has(reflection.day)) return `there are two reflections for ${reflection.day}.`;
    days.add(reflection.day);
  }
  return null;
}

/** Ids are unique; every step's task is in the backup; no task is its own ancestor; not too deep. */
function treeProblem(tasks: readonly Task[]): string | null {
  const byId = new Map<string, Task>();
  for (const task of tasks) {
    if (byId.has(task.id)) return `two tasks have the id ${task.id}.`;
    byId.set(task.id, task);
  }
  for (const task of tasks) {
    if (task.parentId !== null && !byId.has(task.parentId)) {
      return `the step “${task.title}” belongs to a task that is not in the backup.`;
    }
  }
  for (const task of tasks) {
    let depth = 0;
    for (let up = task.parentId; up !== null; up = byId.get(up)!.parentId) {
      if (up === task.id) return `the task “${task.title}” is a step of itself.`;
      if (++depth > MAX_DEPTH) return `the task “${task.title}” is more than ${MAX_DEPTH} steps deep.`;
    }
  }
  return null;
}
