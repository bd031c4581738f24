/**
 * Every local write becomes ops, by construction: a DBCore middleware sees each add and put of a
 * synced table (tasks, sessions, reflections), compares the record's own fields with what was
 * stored, and in the same IndexedDB transaction stamps each changed field with this device's
 * clock and queues one op in the outbox table. Main appends the outbox to its log on disk (link.ts).
 * So whatever code writes a record, its change reaches the log; replays of the log (apply.ts) are
 * marked and not recorded again.
 */
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import { nextHlc, type SyncOp, type SyncTable } from '../../../shared/sync';
import { DERIVED } from '../rows';
import { hidingReads } from './hide';
import { STAMPS, restamp, storedStamps } from './stamps';

/** The tables an op can change, by their key's field. */
export const SYNCED: Readonly<Record<SyncTable, string>> = {
  tasks: 'id',
  sessions: 'id',
  reflections: 'day',
};
/** The tables every write to a synced table also writes. */
export const LOG_TABLES = ['outbox', 'stamps', 'oplog'] as const;

export const CLOCK_ID = 'clock';
/** Set by schema v6's upgrade: records older than the log still need their first op (link.ts). */
export const GENESIS_ID = 'genesis';

/** A queued op; its stamp is the key, so the outbox reads in clock order. */
export type OutboxRow = SyncOp;
/**
 * The clock: the greatest stamp this database has issued or applied, overall and per device.
 * The database always holds every op of a device up to its stamp here (writes and replays commit
 * in clock order), so `byDevice` says which ops of the log it may lack.
 */
export interface ClockRow {
  id: typeof CLOCK_ID;
  hlc: string;
  byDevice: Record<string, string>;
}

const isSynced = (name: string): name is SyncTable => Object.prototype.hasOwnProperty.call(SYNCED, name);

const derived = new Set(DERIVED);

/** A stored record's own fields: without its stamps, and for a task its index keys and caches. */
export function ownFields(table: SyncTable, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const tasks = table === 'tasks';
  for (const [key, value] of Object.entries(row)) {
    if (key !== STAMPS && !(tasks && derived.has(key))) out[key] = value;
  }
  return out;
}

/** The fields of `next` that differ from `previous` (all of them for a new record). */
export function changedFields(
  previous: Record<string, unknown> | undefined,
  next: Record<string, unknown>,
): Record<string, unknown> {
  // A field without a value is null in the log (JSON has no undefined).
  const json = (value: unknown): unknown => (value === undefined ? null : value);
  if (!previous) return Object.fromEntries(Object.entries(next).map(([k, v]) => [k, json(v)]));
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (JSON.stringify(value) !== JSON.stringify(previous[key])) set[key] = json(value);
  }
  // A field the record no longer has is set to null: ops never delete.
  for (const key of Object.keys(previous)) if (!(key in next)) set[key] = null;
  return set;
}

const idbOf = (trans: DBCoreTransaction): IDBTransaction => trans as unknown as IDBTransaction;

/** The ops each transaction recorded, by write. */
const recorded = new WeakMap<object, SyncOp[][]>();

/** The ops a committed transaction recorded (each array as `committed` receives it). */
export function recordedBy(idbTransaction: IDBTransaction): readonly SyncOp[][] {
  return recorded.get(idbTransaction) ?? [];
}

/** Transactions that replay ops from the log: their writes are not recorded again. */
const replaying = new WeakSet<object>();

/** Marks a Dexie transaction's IndexedDB transaction as a replay of the log. */
export function markReplay(idbTransaction: IDBTransaction): void {
  replaying.add(idbTransaction);
}

/** Where the middleware takes the device id and the wall clock from. */
export interface RecordContext {
  device(): string;
  now(): number;
  /**
   * Whether the database has caught up with the log: before that, a new stamp could sort below
   * ops the log holds and the database lacks, and the catch-up would then skip them.
   */
  caughtUp(): boolean;
  /**
   * Called with a transaction's ops once it has committed (in stamp order). It may be called
   * twice with the same array: `KineticDb.write` also hands them on as its transaction resolves.
   */
  committed(ops: readonly SyncOp[]): void;
}

/** A local write's ops waiting for its records to be written: the write's index for each. */
interface Pending {
  index: number;
  op: OutboxRow;
}

/**
 * Stamps each value's changed fields with the clock (into the value's own stamps) and makes its
 * op; the ops are queued once the values are written (`queue`).
 */
function stampValues(
  table: SyncTable,
  clock: ClockRow | undefined,
  ids: readonly string[],
  values: readonly Record<string, unknown>[],
  before: readonly (Record<string, unknown> | undefined)[],
  context: RecordContext,
): { stamped: Record<string, unknown>[]; pending: Pending[] } {
  const device = context.device();
  let hlc = clock?.hlc || null;
  const current = new Map<string, Record<string, unknown> | undefined>();
  const pending: Pending[] = [];
  const stamped = values.map((value, index) => {
    const id = ids[index]!;
    const previous = current.has(id) ? current.get(id) : before[index];
    const own = ownFields(table, value);
    const set = changedFields(previous && ownFields(table, previous), own);
    let stamps = storedStamps(previous);
    const changed = Object.keys(set);
    if (changed.length > 0) {
      hlc = nextHlc(hlc, context.now(), device);
      pending.push({ index, op: { hlc, device, table, id, set } });
      stamps = restamp(previous && stamps, Object.keys(own), changed, hlc);
    }
    const out = { ...value };
    delete out[STAMPS];
    if (stamps) out[STAMPS] = stamps;
    current.set(id, out);
    return out;
  });
  return { stamped, pending };
}

/**
 * Queues the ops of the values written and moves the clock, in the write's transaction. Written
 * with `then` on the core's own promises, never `await` (as is the middleware's `mutate`): Dexie's
 * layers above read its zone, which a native await inside a transaction loses.
 */
function queue(
  down: DBCore,
  trans: DBCoreTransaction,
  clock: ClockRow | undefined,
  ops: OutboxRow[],
  context: RecordContext,
): Promise<void> {
  if (ops.length === 0) return Promise.resolve();
  const last = ops[ops.length - 1]!.hlc;
  const device = context.device();
  const next: ClockRow = { id: CLOCK_ID, hlc: last, byDevice: { ...clock?.byDevice, [device]: last } };
  return down
    .table('outbox')
    .mutate({ type: 'add', trans, values: ops })
    .then(() => down.table('oplog').mutate({ type: 'put', trans, values: [next] }))
    .then(() => {
      // Handed on at the commit, so the log need not read them back from the outbox.
      const idb = idbOf(trans);
      const list = recorded.get(idb);
      if (list) list.push(ops);
      else recorded.set(idb, [ops]);
      idb.addEventListener('complete', () => context.committed(ops));
    });
}

/** Puts of a replay that leave a record's stamps out keep the stored ones (a write never drops them). */
function keepStamps(
  table: DBCoreTable,
  req: Extract<DBCoreMutateRequest, { type: 'add' | 'put' }>,
  keyField: string,
): Promise<DBCoreMutateResponse> {
  const values = req.values as Record<string, unknown>[];
  const missing = values.flatMap((v, i) => (v[STAMPS] === undefined ? [i] : []));
  if (req.type === 'add' || missing.length === 0) return table.mutate(req);
  return table
    .getMany({ trans: req.trans, keys: missing.map((i) => values[i]![keyField]) })
    .then((stored: (Record<string, unknown> | undefined)[]) => {
      const out = [...values];
      missing.forEach((i, n) => {
        const stamps = storedStamps(stored[n]);
        if (stamps) out[i] = { ...values[i], [STAMPS]: stamps };
      });
      return table.mutate({ ...req, values: out });
    });
}

function recordingTable(
  down: DBCore,
  table: DBCoreTable,
  name: SyncTable,
  context: RecordContext,
): DBCoreTable {
  const keyField = SYNCED[name];
  return {
    ...table,
    ...hidingReads(table, (trans) => replaying.has(idbOf(trans))),
    mutate(req) {
      const idb = idbOf(req.trans);
      // Upgrades before the log's tables exist are not recorded.
      if (!idb.objectStoreNames.contains('outbox')) return table.mutate(req);
      if (req.type === 'delete' || req.type === 'deleteRange') {
        if (replaying.has(idb)) return table.mutate(req);
        return Promise.reject(new Error(`Kinetic never deletes from ${name}: change a field instead.`));
      }
      // Replays of the log are not recorded again; they carry their records' stamps.
      if (replaying.has(idb)) return keepStamps(table, req, keyField);
      if (!context.caughtUp()) {
        return Promise.reject(new Error('Kinetic is still reading its log: try again in a moment.'));
      }
      const values = req.values as Record<string, unknown>[];
      const ids = values.map((v) => String(v[keyField]));
      // An add that succeeds had nothing before it (one that collides fails, and records nothing).
      const earlier =
        req.type === 'add'
          ? Promise.resolve(ids.map(() => undefined))
          : table.getMany({ trans: req.trans, keys: ids });
      // Asked for together with the records: one wait for both.
      const clockRead = down.table('oplog').get({ trans: req.trans, key: CLOCK_ID });
      return earlier.then((before: (Record<string, unknown> | undefined)[]) =>
        clockRead.then((clock: ClockRow | undefined) => {
          const { stamped, pending } = stampValues(name, clock, ids, values, before, context);
          return table.mutate({ ...req, values: stamped }).then((result) =>
            queue(
              down,
              req.trans,
              clock,
              pending.filter((p) => !result.failures[p.index]).map((p) => p.op),
              context,
            ).then(() => result),
          );
        }),
      );
    },
  };
}

export function recordMiddleware(context: RecordContext): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'kineticOpLog',
    // Right above IndexedDB: its own reads and writes bypass Dexie's caching layers, which
    // expect Dexie's zone (lost by the time a nested write's ops are recorded).
    level: -2,
    create(down) {
      const present = new Set(down.schema.tables.map((t) => t.name));
      const logged = LOG_TABLES.every((t) => present.has(t));
      return {
        ...down,
        transaction(stores, mode, options) {
          // A write to a synced table also writes its ops, stamps and clock, in the same transaction.
          const extra =
            logged && mode === 'readwrite' && stores.some(isSynced)
              ? LOG_TABLES.filter((t) => !stores.includes(t))
              : [];
          return down.transaction(extra.length ? [...stores, ...extra] : stores, mode, options);
        },
        table(name) {
          const table = down.table(name);
          return logged && isSynced(name) ? recordingTable(down, table, name, context) : table;
        },
      };
    },
  };
}
