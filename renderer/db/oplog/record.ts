/**
 * Every local write becomes ops, by construction: a DBCore middleware sees each add and put of a
 * synced table (tasks, sessions, reflections), compares the record's own fields with what was
 * stored, and in the same IndexedDB transaction stamps each changed field with this device's
 * clock and queues one op in the outbox table. Main appends the outbox to its log on disk (link.ts).
 * So whatever code writes a record, its change reaches the log; replays of the log (apply.ts) are
 * marked and not recorded again.
 */
import type { DBCore, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { nextHlc, type SyncOp, type SyncTable } from '../../../shared/sync';
import { DERIVED } from '../rows';

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
/** The stamp of each field of one record: key `<table>/<id>`. */
export interface StampRow {
  key: string;
  /** Each field's stamp, except those stamped `h`. */
  f: Record<string, string>;
  /**
   * The stamp of every field `f` does not name (most records have one or two stamps: one row
   * per field would make a rebuild write the stamp of every field of every record). Rows written
   * before this field existed name every field in `f`.
   */
  h?: string;
  /**
   * The fields of a record the log has only part of so far (ops of another device can arrive
   * before the one that created it): kept here until the record is whole.
   */
  p?: Record<string, unknown>;
}
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

export const stampKey = (table: SyncTable, id: string): string => `${table}/${id}`;

/** Every field's stamp, from a stored row (or none). */
export function fieldStamps(row: StampRow | undefined, fields?: Iterable<string>): Record<string, string> {
  if (!row) return {};
  if (row.h === undefined) return { ...row.f };
  const out: Record<string, string> = {};
  for (const field of fields ?? []) out[field] = row.h;
  return Object.assign(out, row.f);
}

/** The row for a record's stamps: the most common stamp as `h`, the others by field. */
export function packStamps(
  key: string,
  stamps: Readonly<Record<string, string>>,
  pending?: Record<string, unknown>,
): StampRow {
  const counts = new Map<string, number>();
  let h = '';
  let most = 0;
  for (const stamp of Object.values(stamps)) {
    const n = (counts.get(stamp) ?? 0) + 1;
    counts.set(stamp, n);
    if (n > most) [h, most] = [stamp, n];
  }
  const f: Record<string, string> = {};
  for (const [field, stamp] of Object.entries(stamps)) if (stamp !== h) f[field] = stamp;
  return { key, f, ...(most > 0 ? { h } : {}), ...(pending ? { p: pending } : {}) };
}

const isSynced = (name: string): name is SyncTable => Object.prototype.hasOwnProperty.call(SYNCED, name);

const derived = new Set(DERIVED);

/** A stored record's own fields: a task row without its index keys and caches. */
export function ownFields(table: SyncTable, row: Record<string, unknown>): Record<string, unknown> {
  if (table !== 'tasks') return row;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (!derived.has(key)) out[key] = value;
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

/**
 * Stamps the changes with the clock and queues their ops, in the write's transaction. Written with
 * `then` on the core's own promises, never `await`: Dexie's layers above read its zone, which a
 * native await inside a transaction loses.
 */
function record(
  down: DBCore,
  table: SyncTable,
  trans: DBCoreTransaction,
  changes: { id: string; set: Record<string, unknown> }[],
  context: RecordContext,
): Promise<void> {
  if (changes.length === 0) return Promise.resolve();
  const device = context.device();
  const clocks = down.table('oplog');
  const stamps = down.table('stamps');
  const keys = changes.map((c) => stampKey(table, c.id));
  return clocks.get({ trans, key: CLOCK_ID }).then((clock: ClockRow | undefined) =>
    stamps.getMany({ trans, keys }).then((rows: (StampRow | undefined)[]) => {
      let hlc = clock?.hlc || null;
      const byKey = new Map<string, StampRow>();
      const ops: OutboxRow[] = [];
      changes.forEach((change, i) => {
        hlc = nextHlc(hlc, context.now(), device);
        ops.push({ hlc, device, table, id: change.id, set: change.set });
        const key = keys[i]!;
        const before = byKey.get(key) ?? rows[i];
        if (!before) {
          byKey.set(key, { key, f: {}, h: hlc });
          return;
        }
        // The record is whole now (a local write puts all of it): nothing stays pending.
        const row: StampRow = { key, f: { ...before.f }, ...(before.h !== undefined ? { h: before.h } : {}) };
        for (const field of Object.keys(change.set)) row.f[field] = hlc;
        byKey.set(key, row);
      });
      const next: ClockRow = { id: CLOCK_ID, hlc: hlc!, byDevice: { ...clock?.byDevice, [device]: hlc! } };
      return down
        .table('outbox')
        .mutate({ type: 'add', trans, values: ops })
        .then(() => stamps.mutate({ type: 'put', trans, values: [...byKey.values()] }))
        .then(() => clocks.mutate({ type: 'put', trans, values: [next] }))
        .then(() => {
          // Handed on at the commit, so the log need not read them back from the outbox.
          const idb = idbOf(trans);
          const list = recorded.get(idb);
          if (list) list.push(ops);
          else recorded.set(idb, [ops]);
          idb.addEventListener('complete', () => context.committed(ops));
        });
    }),
  );
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
    mutate(req) {
      const idb = idbOf(req.trans);
      // Upgrades before the log's tables exist, and replays of the log, are not recorded.
      if (!idb.objectStoreNames.contains('outbox') || replaying.has(idb)) return table.mutate(req);
      if (!context.caughtUp()) {
        return Promise.reject(new Error('Kinetic is still reading its log: try again in a moment.'));
      }
      if (req.type === 'delete' || req.type === 'deleteRange') {
        return Promise.reject(new Error(`Kinetic never deletes from ${name}: change a field instead.`));
      }
      const values = req.values as Record<string, unknown>[];
      const ids = values.map((v) => String(v[keyField]));
      // An add that succeeds had nothing before it (one that collides fails, and records nothing).
      const earlier =
        req.type === 'add'
          ? Promise.resolve(ids.map(() => undefined))
          : table.getMany({ trans: req.trans, keys: ids });
      return earlier.then((before: (Record<string, unknown> | undefined)[]) =>
        table.mutate(req).then((result) => {
          const current = new Map<string, Record<string, unknown> | undefined>();
          const changes: { id: string; set: Record<string, unknown> }[] = [];
          values.forEach((value, i) => {
            if (result.failures[i]) return;
            const id = ids[i]!;
            const previous = current.has(id) ? current.get(id) : before[i];
            const set = changedFields(previous && ownFields(name, previous), ownFields(name, value));
            current.set(id, value);
            if (Object.keys(set).length > 0) changes.push({ id, set });
          });
          return record(down, name, req.trans, changes, context).then(() => result);
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
