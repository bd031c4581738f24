/**
 * Backups of everything the user wrote: tasks (with their steps), focus sessions and
 * reflections, as one JSON file. Pure: the renderer reads and writes the database (renderer/db/
 * backup.ts), main only saves and opens the file.
 *
 * `parseBackup` checks a file completely before anything is written, and says in one sentence
 * (at most MAX_ERROR units, quoting at most MAX_QUOTE of the file) what is wrong with one it
 * refuses: not JSON, not a Kinetic backup, from a newer Kinetic, or damaged (with the first place
 * it is damaged). It stops at the first problem, so a hostile file costs no more than reading it,
 * and it never throws.
 */
import type { z } from 'zod';
import { oneSentence, quoted } from './text';
import { MAX_DEPTH } from './nextAction';
import { treeFault } from './tree';
import type { Task } from './types';
import { BACKUP_FORMAT, BACKUP_KIND, type Backup, type ParsedBackup } from './backupFormat';
import { BACKUP_CAPS, RECORD_LISTS, reflectionSchema, sessionSchema, taskSchema } from './schemas';

export * from './backupFormat';
export { BACKUP_CAPS } from './schemas';

const NOT_A_BACKUP = 'This file is not a Kinetic backup.';
const LISTS = ['tasks', 'sessions', 'reflections'] as const;
type ListName = (typeof LISTS)[number];
const SCHEMAS: Record<ListName, z.ZodType> = {
  tasks: taskSchema,
  sessions: sessionSchema,
  reflections: reflectionSchema,
};
/** The field that tells a list's records apart, and the problem when two share it. */
const KEYS: Record<ListName, string> = { tasks: 'id', sessions: 'id', reflections: 'day' };
const REPEATED: Record<ListName, (key: string) => string> = {
  tasks: (id) => `two tasks have the id ${id}.`,
  sessions: (id) => `two focus sessions have the id ${id}.`,
  reflections: (day) => `there are two reflections for ${day}.`,
};
const HEADER = new Set(['kind', 'format', 'exportedAt', ...LISTS]);

/** Where in the file a zod issue is, as `tasks[3].title`. */
function place(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${quoted(String(part))}`,
    )
    .join('');
}

const refuse = (error: string): ParsedBackup => ({ ok: false, error: oneSentence(error) });
const damaged = (where: string, problem: string): ParsedBackup =>
  refuse(`The backup is damaged${where ? ` at ${where}` : ''}: ${problem}`);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first zod issue as a short problem; keys are quoted, never the whole input. */
function problemOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return `it has a field no Kinetic backup has (“${quoted(key)}”)`;
  }
  const message = issue.message.length > 120 ? `${issue.message.slice(0, 119)}…` : issue.message;
  return message.replace(/[.]$/, '');
}

/** Checks a backup file's text completely; nothing about it is trusted before this says ok. */
export function parseBackup(text: string): ParsedBackup {
  try {
    return check(text);
  } catch {
    // Nothing should reach here; if something does, it is still an answer.
    return refuse(`${NOT_A_BACKUP} Kinetic could not read it`);
  }
}

function check(text: string): ParsedBackup {
  if (typeof text !== 'string') return refuse(NOT_A_BACKUP);
  let json: unknown;
  try {
    // An editor may have saved it with a byte-order mark.
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return refuse(`${NOT_A_BACKUP} It is not JSON`);
  }
  if (!isRecord(json) || json['kind'] !== BACKUP_KIND) return refuse(NOT_A_BACKUP);
  const format = json['format'];
  if (typeof format === 'number' && format > BACKUP_FORMAT) {
    const shown = Number.isSafeInteger(format) ? String(format) : quoted(String(format));
    return refuse(`This backup was made by a newer Kinetic (format ${shown}). Update Kinetic to restore it`);
  }
  if (format !== BACKUP_FORMAT) return damaged('format', `expected ${BACKUP_FORMAT}`);
  const exportedAt = json['exportedAt'];
  if (typeof exportedAt !== 'number' || !Number.isSafeInteger(exportedAt) || exportedAt < 0) {
    return damaged('exportedAt', 'expected a time in milliseconds');
  }
  for (const key of Object.keys(json)) {
    if (!HEADER.has(key)) return damaged('', `it has a field no Kinetic backup has (“${quoted(key)}”)`);
  }

  const lists = {} as Record<ListName, unknown[]>;
  for (const name of LISTS) {
    const list = json[name];
    if (!Array.isArray(list)) return damaged(name, 'expected a list');
    if (list.length > BACKUP_CAPS[name]) {
      return damaged(name, `more than ${BACKUP_CAPS[name].toLocaleString('en-US')} records`);
    }
    const out: unknown[] = new Array(list.length);
    const caps: Record<string, number> = RECORD_LISTS[name];
    const seen = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const record: unknown = list[i];
      if (!isRecord(record)) return damaged(`${name}[${i}]`, 'expected a record');
      for (const [field, cap] of Object.entries(caps)) {
        const inner = record[field];
        if (Array.isArray(inner) && inner.length > cap) {
          return damaged(`${name}[${i}].${field}`, `more than ${cap.toLocaleString('en-US')} entries`);
        }
      }
      const parsed = SCHEMAS[name].safeParse(record);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return damaged(place([name, i, ...issue.path]), problemOf(issue));
      }
      // Repeats are found here, not after the list: a file of one record copied 200,000 times
      // is refused at its second.
      const key = (parsed.data as Record<string, string>)[KEYS[name]]!;
      if (seen.has(key)) return damaged('', REPEATED[name](quoted(key)));
      seen.add(key);
      out[i] = parsed.data;
    }
    lists[name] = out;
  }

  const backup: Backup = {
    kind: BACKUP_KIND,
    format: BACKUP_FORMAT,
    exportedAt,
    tasks: lists.tasks as Backup['tasks'],
    sessions: lists.sessions as Backup['sessions'],
    reflections: lists.reflections as Backup['reflections'],
  };
  const problem = treeProblem(backup.tasks);
  if (problem) return damaged('', problem);
  return { ok: true, backup };
}

/** Every step's task is in the backup; no task is its own ancestor; not too deep (ids are unique). */
function treeProblem(tasks: readonly Task[]): string | null {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  for (const task of tasks) {
    if (task.parentId !== null && !byId.has(task.parentId)) {
      return `the step “${quoted(task.title)}” belongs to a task that is not in the backup.`;
    }
  }
  const fault = treeFault(byId);
  if (fault === null) return null;
  const title = quoted(byId.get(fault.id)!.title);
  return fault.kind === 'cycle'
    ? `the task “${title}” is a step of itself.`
    : `the task “${title}” is more than ${MAX_DEPTH} steps deep.`;
}
