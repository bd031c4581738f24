/**
 * The database's link to main's op log: every write's ops are handed to main, which appends them
 * to its log on disk and syncs it; at start, the database takes from the log what it lacks, and an
 * emptied database (Chromium can reset an origin's IndexedDB after a crash) is rebuilt from it.
 */
import { nextHlc, type SyncOp, type SyncTable } from '../../../shared/sync';
import type { KineticDb } from '../schema';
import { applyOps, isEmpty } from './apply';
import { rebuild } from './rebuild';
import { CLOCK_ID, GENESIS_ID, LOG_TABLES, SYNCED, markReplay, ownFields, type ClockRow } from './record';
import { STAMPS, stampKey, storedStamps, type StampRow, type Stamps } from './stamps';

/** What the database needs of main (the window's `kinetic.oplog`). */
export interface LogLink {
  hello(): Promise<{ device: string }>;
  append(request: { ops: SyncOp[] }): Promise<{ appended: number }>;
  read(request: {
    after: Record<string, string>;
    cursor: number;
  }): Promise<{ ops: SyncOp[]; next: number | null; total: number }>;
  recovered(request: {
    ops: number;
    rebuilt: boolean;
    refused: number;
    dataLoss: string | null;
  }): Promise<null>;
  /** Other devices' ops reached the log (sync): the database takes what it lacks. */
  onChanged?(listener: () => void): () => void;
}

export interface Recovery {
  /** Ops taken from the log. */
  ops: number;
  /** The database was empty while the log held data, and was rebuilt from it. */
  rebuilt: boolean;
  refused: number;
}

/** Outbox rows per append (one IPC message, one append and sync in main). */
export const FLUSH_BATCH = 500;
/** Ops per transaction when catching up. */
const APPLY_BATCH = 1000;

/**
 * What a catch-up does: restores this device's own changes (a rebuild after a reset, or writes
 * the database lost), or merges changes other devices made.
 */
export type CatchUpKind = 'restore' | 'merge';
/** A catch-up's progress after each batch. */
export type CatchUpProgress = (done: number, total: number, kind: CatchUpKind) => void;

/**
 * Takes from the log every op the database lacks. An empty database beside a non-empty log means
 * a reset: it is rebuilt whole. Windows take turns (a Web Lock), so only the first rebuilds.
 */
async function catchUp(
  db: KineticDb,
  link: LogLink,
  now: () => number,
  progress: CatchUpProgress,
): Promise<Recovery> {
  const clock = (await db.table('oplog').get(CLOCK_ID)) as ClockRow | undefined;
  const after = clock?.byDevice ?? {};
  const ops: SyncOp[] = [];
  for (let cursor: number | null = 0; cursor !== null;) {
    const page = await link.read({ after, cursor });
    ops.push(...page.ops);
    cursor = page.next;
  }
  if (ops.length === 0) return { ops: 0, rebuilt: false, refused: 0 };
  if (await isEmpty(db)) {
    const result = await rebuild(db, ops, now(), (done, total) => progress(done, total, 'restore'));
    return { ops: ops.length, rebuilt: true, refused: result.refused };
  }
  let refused = 0;
  const kind: CatchUpKind = ops.some((op) => op.device !== db.device) ? 'merge' : 'restore';
  for (let i = 0; i < ops.length; i += APPLY_BATCH) {
    refused += (await applyOps(db, ops.slice(i, i + APPLY_BATCH), now())).refused;
    progress(Math.min(ops.length, i + APPLY_BATCH), ops.length, kind);
  }
  return { ops: ops.length, rebuilt: false, refused };
}

/**
 * Records written before the log existed (schema v6's upgrade marks them) become one op each
 * with all their fields, so the log holds everything.
 */
async function genesis(db: KineticDb, device: string, now: () => number): Promise<void> {
  const tables = ['tasks', 'sessions', 'reflections', 'meta', ...LOG_TABLES];
  await db.transaction('rw', tables, async (tx) => {
    // Its ops are queued here, with the records' stamps: the writes are not recorded again.
    markReplay(tx.idbtrans);
    if (!(await db.table('oplog').get(GENESIS_ID))) return;
    const clock = (await db.table('oplog').get(CLOCK_ID)) as ClockRow | undefined;
    let hlc = clock?.hlc || null;
    const ops: SyncOp[] = [];
    for (const table of Object.keys(SYNCED) as SyncTable[]) {
      const rows = (await db.table(table).toArray()) as Record<string, unknown>[];
      const stamped: Record<string, unknown>[] = [];
      for (const row of rows) {
        hlc = nextHlc(hlc, now(), device);
        const set = ownFields(table, row);
        const id = String(row[SYNCED[table]]);
        ops.push({ hlc, device, table, id, set });
        stamped.push({ ...row, [STAMPS]: { f: {}, h: hlc } satisfies Stamps });
      }
      await db.table(table).bulkPut(stamped);
    }
    await db.table('outbox').bulkAdd(ops);
    if (hlc !== null) {
      await db
        .table('oplog')
        .put({ id: CLOCK_ID, hlc, byDevice: { ...clock?.byDevice, [device]: hlc } } satisfies ClockRow);
    }
    await db.table('oplog').delete(GENESIS_ID);
  });
}

/**
 * Ops queued under another device id (written before this database was linked, or before main
 * lost its device file and made a new id) would be refused by main for good: they are stamped
 * again as this device's, in clock order, with each field's stamp moved along.
 */
async function adoptOutbox(db: KineticDb, device: string, now: () => number): Promise<void> {
  await db.transaction('rw', ['tasks', 'sessions', 'reflections', 'meta', ...LOG_TABLES], async (tx) => {
    // The records' stamps move along with their ops; nothing new is recorded.
    markReplay(tx.idbtrans);
    const rows = (await db.table('outbox').toArray()) as SyncOp[];
    const foreign = rows.filter((op) => op.device !== device);
    if (foreign.length === 0) return;
    const clock = (await db.table('oplog').get(CLOCK_ID)) as ClockRow | undefined;
    let hlc = clock?.hlc || null;
    const adopted: SyncOp[] = [];
    for (const op of foreign) {
      hlc = nextHlc(hlc, now(), device);
      adopted.push({ ...op, hlc, device });
      const moved = (stamps: Stamps): Stamps => ({
        f: Object.fromEntries(Object.entries(stamps.f).map(([k, v]) => [k, v === op.hlc ? hlc! : v])),
        ...(stamps.h !== undefined ? { h: stamps.h === op.hlc ? hlc! : stamps.h } : {}),
      });
      const record = (await db.table(op.table).get(op.id)) as Record<string, unknown> | undefined;
      const stamps = storedStamps(record);
      if (record && stamps) await db.table(op.table).put({ ...record, [STAMPS]: moved(stamps) });
      const part = (await db.table('stamps').get(stampKey(op.table, op.id))) as StampRow | undefined;
      if (part) await db.table('stamps').put({ ...part, ...moved(part) });
    }
    await db.table('outbox').bulkDelete(foreign.map((op) => op.hlc));
    await db.table('outbox').bulkAdd(adopted);
    await db
      .table('oplog')
      .put({ id: CLOCK_ID, hlc: hlc!, byDevice: { ...clock?.byDevice, [device]: hlc! } } satisfies ClockRow);
  });
}

/** Whether Chromium said, on opening, that it had lost the database ('total'), or null. */
export function probeDataLoss(factory: IDBFactory, name: string): Promise<string | null> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name);
    } catch {
      resolve(null);
      return;
    }
    let loss: string | null = null;
    request.onupgradeneeded = (event) => {
      const dataLoss = (event as IDBVersionChangeEvent & { dataLoss?: string }).dataLoss;
      if (dataLoss && dataLoss !== 'none') loss = dataLoss;
      // Leave creating the database to Dexie, with its schema.
      request.transaction?.abort();
    };
    request.onsuccess = () => {
      request.result.close();
      resolve(loss);
    };
    request.onerror = () => resolve(loss);
    request.onblocked = () => resolve(loss);
  });
}

/** Runs `work` while holding the database's catch-up lock, where the browser has Web Locks. */
function exclusive<T>(name: string, work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request(`kinetic-oplog-${name}`, work) as Promise<T>) : work();
}

/** Drops acknowledged ops from the outbox, without waiting for the disk (relaxed durability). */
export function forget(db: KineticDb, ops: readonly SyncOp[]): Promise<void> {
  return new Promise((resolve) => {
    try {
      const tx = db.backendDB().transaction('outbox', 'readwrite', { durability: 'relaxed' });
      const store = tx.objectStore('outbox');
      for (const op of ops) store.delete(op.hlc);
      tx.oncomplete = tx.onabort = tx.onerror = () => resolve();
    } catch {
      // Closed meanwhile: the rows are sent again at the next start.
      resolve();
    }
  });
}

export interface Durable {
  /** Resolves once the database has everything the log holds (and reports what was recovered). */
  ready: Promise<Recovery>;
  /** Hands every queued op to main; resolves when all are on disk there. */
  flush(): Promise<void>;
  /** Takes what the log holds and the database lacks (other devices' ops); resolves with it. */
  sync(): Promise<Recovery>;
  /** Stops following the log's changes. */
  close(): void;
}

/**
 * Connects the database to main's log: learns the device id, catches up, and from then on every
 * write through `db.write` resolves only once its ops are on disk in the log too.
 */
export function connectLog(
  db: KineticDb,
  link: LogLink,
  options: { now?: () => number; progress?: CatchUpProgress } = {},
): Durable {
  const now = options.now ?? (() => Date.now());
  let queue: Promise<void> = Promise.resolve();
  /** This window's committed ops not yet acknowledged by main (the outbox holds them too). */
  const unsent: SyncOp[] = [];
  const taken = new WeakSet<readonly SyncOp[]>();
  db.committed = (ops) => {
    if (taken.has(ops)) return;
    taken.add(ops);
    unsent.push(...ops);
  };
  // At start, everything the outbox holds (a crash may have left ops unsent); then what this
  // window commits, straight from memory: a write waits for one commit and one append.
  let fromOutbox = true;
  const drain = async (): Promise<void> => {
    for (;;) {
      const batch = fromOutbox
        ? ((await db.table('outbox').limit(FLUSH_BATCH).toArray()) as SyncOp[])
        : unsent.slice(0, FLUSH_BATCH);
      if (batch.length === 0) {
        if (!fromOutbox) return;
        fromOutbox = false;
        continue;
      }
      await link.append({ ops: batch });
      if (!fromOutbox) unsent.splice(0, batch.length);
      // Not awaited: the ops are on disk twice already, and a row left behind is sent again at
      // the next start, where main skips it.
      void forget(db, batch);
    }
  };
  const flush = (): Promise<void> => {
    const run = queue.then(drain);
    queue = run.catch(() => undefined);
    return run;
  };
  db.caughtUp = false;
  const ready = (async (): Promise<Recovery> => {
    const dataLoss = await probeDataLoss(db.factory, db.name);
    const { device } = await link.hello();
    db.device = device;
    await db.open();
    const recovery = await exclusive(db.name, async () => {
      await genesis(db, device, now);
      const caught = await catchUp(db, link, now, options.progress ?? (() => undefined));
      // After the catch-up: new stamps must sort after everything the log holds.
      await adoptOutbox(db, device, now);
      return caught;
    });
    db.caughtUp = true;
    if (recovery.ops > 0 || dataLoss) await link.recovered({ ...recovery, dataLoss });
    // Ops a crash left unsent go now (a failure here is retried with the next write).
    await flush().catch(() => undefined);
    return recovery;
  })();
  db.ready = ready.then(() => undefined);
  db.afterWrite = flush;
  // Other devices' ops, as they arrive: one catch-up at a time, and one more if more came meanwhile.
  let syncing: Promise<Recovery> | null = null;
  let again = false;
  const sync = (): Promise<Recovery> => {
    if (syncing) {
      again = true;
      return syncing;
    }
    const run = ready
      .then(() => exclusive(db.name, () => catchUp(db, link, now, options.progress ?? (() => undefined))))
      .finally(() => {
        syncing = null;
        if (again) {
          again = false;
          void sync().catch(() => undefined);
        }
      });
    syncing = run;
    return run;
  };
  const stop = link.onChanged?.(() => void sync().catch((error: unknown) => console.error(error)));
  return { ready, flush, sync, close: () => stop?.() };
}
