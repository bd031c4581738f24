/**
 * Filling an empty database from the whole log at once (after a reset, or on a new device): every
 * record materialized in memory, the task caches computed over all tasks (rows.ts `rowsOf`),
 * written in chunks with progress. The work is done a slice at a time, giving the window's event
 * loop a turn every few tens of milliseconds, so the window stays responsive meanwhile.
 */
import { compareHlc, isHlc, materializeInTurns, type SyncOp, type SyncTable } from '../../../shared/sync';
import type { Task } from '../../../shared/types';
import { raiseFloors } from '../floors';
import { rowsOf, type TaskRow } from '../rows';
import type { KineticDb } from '../schema';
import { ALL, advance, type ApplyResult } from './apply';
import { applyChecked, valid, whole } from './checks';
import { CLOCK_ID, markReplay, type ClockRow } from './record';
import { STAMPS, packFieldStamps, packStamps, stampKey, type StampRow, type Stamps } from './stamps';

/** A whole record, its stamps packed as they are stored. */
interface Whole {
  fields: Record<string, unknown>;
  stamps: Stamps;
}

/** Rows per transaction of a rebuild: each is one strict commit. */
export const REBUILD_CHUNK = 1000;

/** Work between two turns of the event loop (a frame and a half at most). */
const SLICE_MS = 25;
/** Items between two looks at the clock. */
const STRIDE = 500;

/** Resolves after a turn of the event loop if the current slice is used up. */
function breather(): (done: number) => Promise<void> | undefined {
  let since = performance.now();
  return (done) => {
    if (done % STRIDE !== 0 || performance.now() - since < SLICE_MS) return undefined;
    return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
      since = performance.now();
    });
  };
}

/**
 * Rebuilds the database from `ops`, as of `now` (for the task caches). Ops whose stamp is not well
 * formed are refused; another device's ops that would make a record invalid are refused (the
 * record is merged again op by op); a record that stays incomplete waits in the stamps table.
 * The clock is stored last, so a rebuild cut short is done again (incrementally) at the next start.
 */
export async function rebuild(
  db: KineticDb,
  ops: readonly SyncOp[],
  now: number,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<ApplyResult> {
  const breathe = breather();
  const good = ops.filter((op) => isHlc(op.hlc));
  const refused = ops.length - good.length;
  let pending = 0;
  let invalid = 0;
  // A look at the clock after each stride of ops (`breathe(0)` always looks).
  const state = await materializeInTurns(good, () => breathe(0), STRIDE);
  // Records another device changed are checked like a backup's; one left invalid is merged again
  // op by op, refusing the ops that made it so.
  const foreign = new Map<string, SyncOp[]>();
  for (const op of good) {
    if (op.device !== db.device) foreign.set(stampKey(op.table, op.id), []);
  }
  if (foreign.size > 0) {
    for (const op of good) foreign.get(stampKey(op.table, op.id))?.push(op);
  }
  const parts: StampRow[] = [];
  /** The table's whole records, each with its stamps packed; the others wait in `parts`. */
  const collect = async (table: SyncTable): Promise<Whole[]> => {
    const out: Whole[] = [];
    let n = 0;
    for (const [id, merged] of Object.entries(state[table])) {
      await breathe(++n);
      let record = merged;
      const ops = foreign.get(stampKey(table, id));
      if (ops && !valid(table, id, record.fields)) {
        record = { fields: {}, stamps: {} };
        const sorted = ops.sort((x, y) => compareHlc(x.hlc, y.hlc));
        invalid += applyChecked(record, table, id, sorted, db.device).refused;
      }
      if (!whole(table, id, record.fields)) {
        parts.push(packStamps(stampKey(table, id), record.stamps, record.fields));
        pending++;
        continue;
      }
      out.push({ fields: record.fields, stamps: packFieldStamps(record.stamps) });
    }
    return out;
  };
  const withStamps = (records: Whole[]): unknown[] =>
    records.map(({ fields, stamps }) => ({ ...fields, [STAMPS]: stamps }));
  // The caches are computed over the tasks themselves; each row then gets its stamps.
  const taskRecords = await collect('tasks');
  const tasks: TaskRow[] = [];
  for (const row of rowsOf(
    taskRecords.map((r) => r.fields as unknown as Task),
    now,
  )) {
    tasks.push({ ...row, [STAMPS]: taskRecords[tasks.length]!.stamps } as TaskRow);
    await breathe(tasks.length);
  }
  const sessions = withStamps(await collect('sessions'));
  const reflections = withStamps(await collect('reflections'));
  const total = tasks.length + sessions.length + reflections.length + parts.length;
  let done = 0;
  const write = async (table: string, rows: readonly unknown[]): Promise<void> => {
    for (let i = 0; i < rows.length; i += REBUILD_CHUNK) {
      const chunk = rows.slice(i, i + REBUILD_CHUNK);
      await db.transaction('rw', ALL as unknown as string[], async (tx) => {
        markReplay(tx.idbtrans);
        await db.table(table).bulkPut(chunk);
      });
      done += chunk.length;
      progress(done, total);
    }
  };
  await write('stamps', parts);
  await write('tasks', tasks);
  await write('sessions', sessions);
  await write('reflections', reflections);
  await db.transaction('rw', ALL as unknown as string[], async (tx) => {
    markReplay(tx.idbtrans);
    await raiseFloors(db, now);
    const clock = (await db.table('oplog').get(CLOCK_ID)) as ClockRow | undefined;
    await db.table('oplog').put(advance(clock, good, now, db.device));
  });
  return {
    changed: tasks.length + sessions.length + reflections.length,
    refused: refused + invalid,
    pending,
  };
}
