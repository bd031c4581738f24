/**
 * Replaying ops from the log into IndexedDB: per field, the greater stamp wins (shared/sync.ts
 * `applyOp`), so applying the same ops again, in any batches and any order, ends in the same
 * state as `materialize` of them all. Replays are not recorded as new ops (record.ts). A whole
 * rebuild of an empty database is rebuild.ts.
 */

import {
  compareHlc,
  isDeviceId,
  isHlc,
  receiveHlc,
  type StampedRecord,
  type SyncOp,
  type SyncTable,
} from '../../../shared/sync';
import type { Task } from '../../../shared/types';
import { applyChecked, CACHE_NEUTRAL, whole } from './checks';
import { settle } from '../rowCache';
import { cacheOf, toCountedRow, type TaskRow } from '../rows';
import type { KineticDb } from '../schema';
import { CLOCK_ID, LOG_TABLES, SYNCED, markReplay, ownFields, type ClockRow } from './record';
import {
  STAMPS,
  fieldStamps,
  packFieldStamps,
  packStamps,
  stampKey,
  storedStamps,
  type StampRow,
} from './stamps';

/**
 * The clock row after seeing `ops`: per device, the greatest stamp; overall, past all of them.
 * Another device's stamp goes through `receiveHlc`, so this device's next stamp sorts after it
 * even when that device's clock runs a day or more ahead.
 */
export function advance(
  clock: ClockRow | undefined,
  ops: readonly SyncOp[],
  now: number,
  device: string,
): ClockRow {
  const next: ClockRow = { id: CLOCK_ID, hlc: clock?.hlc ?? '', byDevice: { ...clock?.byDevice } };
  let newest: SyncOp | null = null;
  for (const op of ops) {
    if (newest === null || compareHlc(op.hlc, newest.hlc) > 0) newest = op;
    const seen = next.byDevice[op.device];
    if (seen === undefined || compareHlc(op.hlc, seen) > 0) next.byDevice[op.device] = op.hlc;
  }
  if (newest && compareHlc(newest.hlc, next.hlc) > 0) {
    next.hlc =
      newest.device === device || !isDeviceId(device)
        ? newest.hlc
        : receiveHlc(next.hlc || null, newest.hlc, now, device);
  }
  return next;
}

export const ALL = ['tasks', 'sessions', 'reflections', 'meta', ...LOG_TABLES] as const;

export interface ApplyResult {
  /** Records written. */
  changed: number;
  /** Ops whose stamp was not well formed. */
  refused: number;
  /** Records the log holds only part of so far (kept aside until whole). */
  pending: number;
}

/**
 * Applies a batch of ops in one transaction, as of `now` (for the task caches). Ops whose stamp is
 * not well formed are refused; a record that stays incomplete is not written.
 */
export async function applyOps(db: KineticDb, ops: readonly SyncOp[], now: number): Promise<ApplyResult> {
  const good = ops.filter((op) => isHlc(op.hlc));
  const refused = ops.length - good.length;
  let changed = 0;
  let pending = 0;
  let invalid = 0;
  await db.transaction('rw', ALL as unknown as string[], async (tx) => {
    markReplay(tx.idbtrans);
    const byRecord = new Map<string, SyncOp[]>();
    for (const op of good) {
      const key = stampKey(op.table, op.id);
      const list = byRecord.get(key);
      if (list) list.push(op);
      else byRecord.set(key, [op]);
    }
    const keys = [...byRecord.keys()];
    // Each table's stored records in one request each, all at once; then the stamps table for
    // records the log held only part of so far. The changed ones are written back the same way.
    const stored = new Map<string, Record<string, unknown> | undefined>();
    await Promise.all(
      (Object.keys(SYNCED) as SyncTable[]).map(async (table) => {
        const ids = keys.filter((k) => k.startsWith(`${table}/`)).map((k) => k.slice(table.length + 1));
        if (ids.length === 0) return;
        const rows = (await db.table(table).bulkGet(ids)) as (Record<string, unknown> | undefined)[];
        ids.forEach((id, i) => stored.set(stampKey(table, id), rows[i]));
      }),
    );
    const partKeys = keys.filter((key) => stored.get(key) === undefined);
    const parts = new Map<string, StampRow>();
    if (partKeys.length > 0) {
      const rows = (await db.table('stamps').bulkGet(partKeys)) as (StampRow | undefined)[];
      partKeys.forEach((key, i) => rows[i] && parts.set(key, rows[i]));
    }
    const stampsOut: StampRow[] = [];
    const nowWhole: string[] = [];
    const taskIds: string[] = [];
    const out: Record<SyncTable, unknown[]> = { tasks: [], sessions: [], reflections: [] };
    for (const key of keys) {
      const list = byRecord.get(key)!;
      const { table, id } = list[0]!;
      const before = stored.get(key);
      const part = parts.get(key);
      const fields = before ? ownFields(table, before) : { ...part?.p };
      const record: StampedRecord = {
        fields,
        stamps: fieldStamps(before ? storedStamps(before) : part, Object.keys(fields)),
      };
      const checked = applyChecked(record, table, id, list, db.device);
      invalid += checked.refused;
      if (!checked.dirty) continue;
      if (!whole(table, id, record.fields)) {
        stampsOut.push(packStamps(key, record.stamps, record.fields));
        pending++;
        continue;
      }
      if (part) nowWhole.push(key);
      changed++;
      const stamps = packFieldStamps(record.stamps);
      if (table === 'tasks') {
        const task = record.fields as unknown as Task;
        const row = toCountedRow(task, before ? cacheOf(before as unknown as TaskRow) : {});
        out.tasks.push({ ...row, [STAMPS]: stamps });
        // A new title or tags change no cache: only other changes need the tasks settled.
        if (!before || list.some((op) => Object.keys(op.set).some((f) => !CACHE_NEUTRAL.has(f)))) {
          taskIds.push(id);
        }
      } else out[table].push({ ...record.fields, [STAMPS]: stamps });
    }
    await Promise.all([
      stampsOut.length > 0 ? db.table('stamps').bulkPut(stampsOut) : undefined,
      nowWhole.length > 0 ? db.table('stamps').bulkDelete(nowWhole) : undefined,
      ...(Object.keys(out) as SyncTable[]).map((table) =>
        out[table].length > 0 ? db.table(table).bulkPut(out[table]) : undefined,
      ),
    ]);
    if (taskIds.length > 0) await settle(db, taskIds, now);
    const clock = (await db.table('oplog').get(CLOCK_ID)) as ClockRow | undefined;
    await db.table('oplog').put(advance(clock, good, now, db.device));
  });
  return { changed, refused: refused + invalid, pending };
}

/** Whether the database holds no record of any synced table. */
export async function isEmpty(db: KineticDb): Promise<boolean> {
  const counts = await Promise.all([
    db.tasks.limit(1).count(),
    db.sessions.limit(1).count(),
    db.reflections.limit(1).count(),
  ]);
  return counts.every((n) => n === 0);
}
