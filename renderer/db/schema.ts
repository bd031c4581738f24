/**
 * The Dexie database: the only place that knows IndexedDB. Every schema change is a new version
 * with an upgrade function, a fixture of the version before it (test/db/fixtures) and a test.
 */
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import { neutralTaskFields, type FocusSession, type Reflection, type Task } from '../../shared/types';
import { DERIVED, rowsFor, toCountedRow, toRow, type TaskRow } from './rows';
import { DB_NAME, SCHEMA_VERSION } from './version';
import { floorsMiddleware } from './floors';
import type { Floors } from './pick';
import { GENESIS_ID, SYNCED, markReplay, recordMiddleware, recordedBy } from './oplog/record';
import { STAMPS, type StampRow, type Stamps } from './oplog/stamps';
import { DISK_FULL, type SyncOp, type SyncTable } from '../../shared/sync';

export { DB_NAME } from './version';

export { cacheOf, fromRow, pickKeys, rowsFor, toCountedRow, toRow } from './rows';
export type { PickKey, RowCache, TaskRow } from './rows';

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * The history of the schema, oldest first. Tests open a database at an old version by applying
 * only the first entries, fill it with fixture data, and then open it with all of them.
 */
export const SCHEMA_VERSIONS: SchemaVersion[] = [
  {
    // Foundation: tasks with the indexes the next-action pick needs.
    version: 1,
    stores: { tasks: 'id, parentId, doneAt, updatedAt, rankKey, stepKey, timedDueKey' },
  },
  {
    // Focus sessions: a session log, and momentum (tasks remember when they were last worked on).
    version: 2,
    stores: {
      tasks: 'id, parentId, doneAt, updatedAt, rankKey, stepKey, timedDueKey, momentumKey',
      sessions: 'id, taskId, endedAt',
    },
    upgrade: async (tx) => {
      await tx
        .table('tasks')
        .toCollection()
        .modify((row: Record<string, unknown>) => {
          row['workedAt'] ??= null;
          refreshKeys(row);
        });
    },
  },
  {
    // Reflection: reflections per day, and tasks pinned as a day's first step.
    version: 3,
    stores: {
      tasks: 'id, parentId, doneAt, updatedAt, rankKey, stepKey, timedDueKey, momentumKey, pinKey',
      reflections: 'day',
    },
    upgrade: async (tx) => {
      await tx
        .table('tasks')
        .toCollection()
        .modify((row: Record<string, unknown>) => {
          row['pinnedFor'] ??= null;
          refreshKeys(row);
        });
    },
  },
  {
    // A faster next-action pick: one index for the time-dependent rules (soonKeys), and caches
    // of each task's open-step count and its parent's worked-on time.
    version: 4,
    stores: {
      tasks: 'id, parentId, doneAt, updatedAt, rankKey, stepKey, timedDueKey, momentumKey, pinKey, *soonKeys',
    },
    upgrade: async (tx) => {
      // Its caches (and soonKeys' replacement) are computed again by version 5's upgrade, which
      // always runs right after this one; here only the open-step counts, as v4 did.
      const table = tx.table('tasks');
      const rows = (await table.toArray()) as Record<string, unknown>[];
      const tasks = rows.map((row) => withDefaults(row));
      const open = new Map<string, number>();
      for (const t of tasks) {
        if (t.parentId !== null && (t.status === 'open' || t.status === 'waiting')) {
          open.set(t.parentId, (open.get(t.parentId) ?? 0) + 1);
        }
      }
      await table.bulkPut(tasks.map((t) => toCountedRow(t, { openSteps: open.get(t.id) ?? 0 })));
    },
  },
  {
    // A pick of one round of a few rows: one multi-entry index (pickKeys, rows.ts) for momentum,
    // due times, pins, tasks set aside until they can give an action, and the ranking, with each
    // task's steps next to it; it replaces soonKeys. Caches of readiness and of each step's
    // parent entries, and the meta table for the pick's floors (floors.ts).
    version: 5,
    stores: {
      tasks: 'id, parentId, doneAt, updatedAt, rankKey, stepKey, timedDueKey, momentumKey, pinKey, *pickKeys',
      // The floors of the pick's sections (floors.ts); none yet means the sections' starts.
      meta: 'id',
    },
    upgrade: async (tx) => {
      const table = tx.table('tasks');
      const rows = (await table.toArray()) as Record<string, unknown>[];
      // As of the upgrade: a task that cannot give an action now is set aside until it can.
      await table.bulkPut(rowsFor(rows.map(withDefaults), Date.now()));
    },
  },
  {
    // The op log (oplog/): ops waiting for main's log on disk, each record's per-field stamps,
    // and the clock. Records from before it get their first op once the device is known.
    version: 6,
    stores: { outbox: 'hlc', stamps: 'key', oplog: 'id' },
    upgrade: async (tx) => {
      const counts = await Promise.all(
        ['tasks', 'sessions', 'reflections'].map((t) => tx.table(t).limit(1).count()),
      );
      if (counts.some((n) => n > 0)) await tx.table('oplog').put({ id: GENESIS_ID });
    },
  },
  {
    // Each record's stamps move from the stamps table into the record (oplog/stamps.ts), so a
    // write, a merge or a rebuild writes one row per record, not two. The table keeps only the
    // records the log holds part of so far.
    version: 7,
    stores: {},
    upgrade: moveStampsIntoRecords,
  },
];

/** Schema v7's upgrade: a replay, so moving the stamps records no op. */
async function moveStampsIntoRecords(tx: Transaction): Promise<void> {
  markReplay(tx.idbtrans);
  const rows = (await tx.table('stamps').toArray()) as StampRow[];
  const moved: string[] = [];
  for (const table of Object.keys(SYNCED) as SyncTable[]) {
    const prefix = `${table}/`;
    const mine = rows.filter((row) => row.key.startsWith(prefix));
    if (mine.length === 0) continue;
    const records = (await tx.table(table).bulkGet(mine.map((row) => row.key.slice(prefix.length)))) as (
      Record<string, unknown> | undefined
    )[];
    const stamped: Record<string, unknown>[] = [];
    mine.forEach((row, i) => {
      const record = records[i];
      if (!record) return;
      const stamps: Stamps = { f: row.f, ...(row.h !== undefined ? { h: row.h } : {}) };
      stamped.push({ ...record, [STAMPS]: stamps });
      moved.push(row.key);
    });
    await tx.table(table).bulkPut(stamped);
  }
  await tx.table('stamps').bulkDelete(moved);
}

/** Brings a row's derived keys up to date with the current definition, in place. */
function refreshKeys(row: Record<string, unknown>): void {
  const fresh = toRow(withDefaults(row));
  for (const key of DERIVED) delete row[key];
  Object.assign(row, fresh);
}

/** Whether IndexedDB refused a write for lack of space (Dexie keeps the cause as `inner`). */
function diskFull(error: unknown): boolean {
  const e = error as { name?: unknown; inner?: { name?: unknown } } | null;
  return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError';
}

/** Older rows lack fields added later; give them their neutral values. */
export function withDefaults(row: Record<string, unknown>): Task {
  return { ...neutralTaskFields(), ...row } as unknown as Task;
}

export class KineticDb extends Dexie {
  tasks!: EntityTable<TaskRow, 'id'>;
  sessions!: EntityTable<FocusSession, 'id'>;
  reflections!: EntityTable<Reflection, 'day'>;
  meta!: EntityTable<Floors, 'id'>;
  /** The IDBKeyRange of the IndexedDB this database runs on (plain reads in pick.ts need it). */
  readonly keyRange: typeof IDBKeyRange;
  /** The IndexedDB this database runs on (oplog/link.ts opens it plainly once). */
  readonly factory: IDBFactory;
  /** The device whose clock stamps this database's writes (oplog/link.ts sets main's). */
  device = 'local';
  /** False while oplog/link.ts catches up with the log: writes that are not its own are refused. */
  caughtUp = true;
  /** Writes wait for this: the database has caught up with the log (oplog/link.ts). */
  ready: Promise<void> = Promise.resolve();
  /** Runs after each write: hands its ops to main's log and waits until they are on disk. */
  afterWrite: () => Promise<void> = () => Promise.resolve();
  /** The wall clock that stamps this database's writes (tests skew it, as another device's may be). */
  wallClock: () => number = () => Date.now();
  /** Receives each committed write's ops (oplog/link.ts hands them to main). */
  committed: (ops: readonly SyncOp[]) => void = () => undefined;

  constructor(
    name = DB_NAME,
    options: { upTo?: number; indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {},
  ) {
    // Strict durability: a write is on disk when its transaction completes, so a crash right
    // after "saved" loses nothing.
    // No live-query cache: with it, a live query started after a task's array index key
    // (rankKey holds the skip count) changed was answered with the old row, so the second
    // "Not now" did not ask why (seen in Chromium by test/e2e/nextAction.e2e.test.ts). Our
    // queries are small index reads; correctness wins.
    super(name, {
      chromeTransactionDurability: 'strict',
      cache: 'disabled',
      ...(options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : {}),
    });
    this.keyRange = options.IDBKeyRange ?? globalThis.IDBKeyRange;
    this.factory = options.indexedDB ?? globalThis.indexedDB;
    for (const v of SCHEMA_VERSIONS) {
      if (options.upTo !== undefined && v.version > options.upTo) break;
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
    this.use(floorsMiddleware);
    this.use(
      recordMiddleware({
        device: () => this.device,
        now: () => this.wallClock(),
        caughtUp: () => this.caughtUp,
        committed: (ops) => this.committed(ops),
      }),
    );
  }

  /**
   * A read-write transaction that is reported done only when both copies are on disk: IndexedDB's
   * (strict durability) and main's log (`afterWrite`). Inside another transaction it is just part
   * of that one.
   */
  async write<T>(tables: Table[], scope: () => Promise<T>): Promise<T> {
    if (Dexie.currentTransaction) return this.transaction('rw', tables, scope);
    this.writing++;
    try {
      await this.ready;
      let result: T;
      let idb: IDBTransaction | null = null;
      try {
        result = await this.transaction('rw', tables, async (tx) => {
          idb = tx.idbtrans;
          return await scope();
        });
      } catch (error) {
        throw diskFull(error) ? new Error(DISK_FULL) : error;
      }
      // Committed: its ops go to the log now, whichever of the commit's listeners runs first.
      if (idb) for (const ops of recordedBy(idb)) this.committed(ops);
      await this.afterWrite();
      return result;
    } finally {
      if (--this.writing === 0) for (const resolve of this.waiting.splice(0)) resolve();
    }
  }

  private writing = 0;
  private readonly waiting: (() => void)[] = [];

  /**
   * Resolves once this window's writes are all reported done (both copies on disk), so a screen
   * that follows the database shows a change together with its write's answer, not before it.
   */
  settled(): Promise<void> {
    return this.writing === 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }
}

export const CURRENT_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
if (CURRENT_VERSION !== SCHEMA_VERSION) {
  throw new Error(`renderer/db/version.ts says schema ${SCHEMA_VERSION}, schema.ts has ${CURRENT_VERSION}`);
}
