/**
 * Whether ops make whole, valid records: what the log's replay (apply.ts) checks. Another
 * device's op that would make a record invalid, against the same zod schemas as a backup's
 * records, is refused; this device's own ops were checked when they were written.
 */
import type { z } from 'zod';
import { reflectionSchema, sessionSchema, taskSchema } from '../../../shared/schemas';
import { applyOp, type StampedRecord, type SyncOp, type SyncTable } from '../../../shared/sync';
import { neutralTaskFields } from '../../../shared/types';
import { SYNCED } from './record';

const TASK_FIELDS = ['id', 'title', 'status', 'createdAt', 'updatedAt', ...Object.keys(neutralTaskFields())];
const REQUIRED: Record<SyncTable, readonly string[]> = {
  tasks: TASK_FIELDS,
  sessions: [
    'id',
    'taskId',
    'title',
    'startedAt',
    'endedAt',
    'plannedMs',
    'focusedMs',
    'outcome',
    'pauses',
    'note',
  ],
  reflections: ['day', 'moved', 'inTheWay', 'tomorrowStep', 'tomorrowStepTaskId', 'createdAt', 'updatedAt'],
};

/** Task fields no cache, index key or pick depends on (renderer/db/rows.ts, shared/nextAction.ts). */
export const CACHE_NEUTRAL = new Set(['title', 'updatedAt', 'tags', 'skipReasons', 'waitingNote']);

/** The same checks as a backup's records: another device's ops must not make a record invalid. */
const SCHEMAS: Record<SyncTable, z.ZodObject> = {
  tasks: taskSchema,
  sessions: sessionSchema,
  reflections: reflectionSchema,
};

/** Whether the fields make a valid record (once whole: before that, the rest is still to come). */
export function valid(table: SyncTable, id: string, fields: Record<string, unknown>): boolean {
  return !whole(table, id, fields) || SCHEMAS[table].safeParse(fields).success;
}

/** Whether each field an op sets is valid on its own (the schemas have no rules across fields). */
function validSet(table: SyncTable, set: Record<string, unknown>): boolean {
  const shape = SCHEMAS[table].shape as Record<string, z.ZodType>;
  for (const [field, value] of Object.entries(set)) {
    if (!Object.prototype.hasOwnProperty.call(shape, field)) return false;
    if (!shape[field]!.safeParse(value).success) return false;
  }
  return true;
}

/**
 * Applies one record's ops. Another device's op that would leave the record invalid is refused
 * (and counted), its fields and stamps left as they were; this device's own ops were checked when
 * they were written.
 */
export function applyChecked(
  record: StampedRecord,
  table: SyncTable,
  id: string,
  ops: readonly SyncOp[],
  device: string,
): { dirty: boolean; refused: number } {
  let dirty = false;
  let refused = 0;
  for (const op of ops) {
    if (op.device === device) {
      dirty = applyOp(record, op) || dirty;
      continue;
    }
    const wasWhole = whole(table, id, record.fields);
    const fields = { ...record.fields };
    const stamps = { ...record.stamps };
    if (!applyOp(record, op)) continue;
    // A valid record stays valid when each field set is: only a record made whole now is checked whole.
    if (wasWhole ? validSet(table, op.set) : valid(table, id, record.fields)) dirty = true;
    else {
      record.fields = fields;
      record.stamps = stamps;
      refused++;
    }
  }
  return { dirty, refused };
}

/** Whether the fields make a whole record of the table (a log can hold a record's later ops only). */
export function whole(table: SyncTable, id: string, fields: Record<string, unknown>): boolean {
  return REQUIRED[table].every((f) => f in fields) && fields[SYNCED[table]] === id;
}
