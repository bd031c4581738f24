/**
 * The bench page: runs in Chromium against real IndexedDB (through the app's own Dexie schema and
 * TaskRepository) and exposes `window.bench` for bench/run.ts. Every timing is `performance.now()`
 * around one awaited operation; the runner computes the percentiles.
 */
import { fromBridge } from '../shared/api';
import Dexie from 'dexie';
import { KineticDb, rowsFor, type TaskRow } from '../renderer/db/schema';
import { TaskRepository } from '../renderer/db/tasks';
import { raiseFloors } from '../renderer/db/floors';
import { pickIndexed, type PickTrace } from '../renderer/db/pick';
import { pickNextAction, type NextAction } from '../shared/nextAction';
import { parseQuickAdd } from '../shared/quickAdd';
import { MAX_APPEND_OPS } from '../shared/ipc';
import { nextHlc, type SyncOp } from '../shared/sync';
import { connectLog } from '../renderer/db/oplog/link';
import { applyOps, REBUILD_CHUNK } from '../renderer/db/oplog/apply';
import type {
  BenchApi,
  DurableSplit,
  PickCheck,
  PickOptions,
  PickRule,
  PickRun,
  QuickAddRun,
  SeedStats,
} from './api';
import { generateTasks } from './seed';

const SEED_CHUNK = 2000;
const NOT_NOW_MS = 3 * 60 * 60_000;

const QUICK_ADD_TEXTS = [
  'Call the dentist tomorrow 3pm ~10m #health',
  'Reply to Dana about the budget !2 #work',
  'Buy milk, eggs and bread #errands',
  'Draft the conference abstract ~45m #writing !1',
  'Book the car service next Tuesday #admin',
  'Read chapter 4 ~30m #reading',
  'Send the invoice friday 9am #money ~5m',
  'Water the plants',
];

let current: { db: KineticDb; repo: TaskRepository } | null = null;

function opened(): { db: KineticDb; repo: TaskRepository } {
  if (!current) throw new Error('No database is open: call bench.open(name) first.');
  return current;
}

const ruleOf = (action: NextAction | null): PickRule => action?.rule ?? 'none';

/** The naive pick: load every open/waiting task (top-level and steps), then run the pure policy. */
async function scanPick(db: KineticDb, now: number): Promise<NextAction | null> {
  const rows = await db.transaction('r', db.tasks, async () => {
    // rankKey and stepKey exist exactly on the active rows: together they are "all open/waiting tasks".
    const top = await db.tasks.where('rankKey').aboveOrEqual(Dexie.minKey).toArray();
    const steps = await db.tasks.where('stepKey').aboveOrEqual(Dexie.minKey).toArray();
    return top.concat(steps);
  });
  return pickNextAction(rows, now);
}

/** One of the writes a user makes between looks at the next action: add, "not now", or done. */
async function write(repo: TaskRepository, n: number, shown: NextAction | null, now: number): Promise<void> {
  const kind = shown ? n % 3 : 0;
  if (kind === 0 || !shown) {
    await repo.add(
      { title: `Bench task ${n}`, due: null, estimateMin: 10, tags: ['bench'], priority: null },
      now,
    );
  } else if (kind === 1) {
    await repo.skip(shown.task.id, now, null, now + NOT_NOW_MS);
  } else {
    await repo.complete(shown.task.id, now);
  }
}

function mismatch(what: string, now: number, indexed: NextAction | null, scan: NextAction | null): Error {
  const show = (a: NextAction | null): string => (a ? `${a.task.id} (${a.rule}: “${a.task.title}”)` : 'none');
  return new Error(
    `${what}: the indexed pick ${show(indexed)} differs from the naive pick ${show(scan)} at ${now}`,
  );
}

async function pickLoop(
  options: PickOptions,
  pick: (db: KineticDb, repo: TaskRepository, now: number) => Promise<NextAction | null>,
  verify: boolean,
): Promise<PickRun> {
  const { db, repo } = opened();
  const samplesMs: number[] = [];
  const sampleRules: PickRule[] = [];
  const sampleAfterWrite: boolean[] = [];
  let shown: NextAction | null = null;
  let writes = 0;
  let checks = 0;
  for (let i = 0; i < options.warmup + options.picks; i++) {
    const now = Date.now();
    const wrote = i > 0 && i % options.writeEvery === 0;
    if (wrote) await write(repo, writes++, shown, now);
    const start = performance.now();
    shown = await pick(db, repo, now);
    const ms = performance.now() - start;
    if (i >= options.warmup) {
      samplesMs.push(ms);
      sampleRules.push(ruleOf(shown));
      sampleAfterWrite.push(wrote);
    }
    if (verify && (wrote || i === 0)) {
      const indexed = await repo.nextAction(now);
      checks++;
      if (indexed?.task.id !== shown?.task.id) throw mismatch(`pick ${i}`, now, indexed, shown);
    }
  }
  return { samplesMs, sampleRules, sampleAfterWrite, writes, checks };
}

const bench: BenchApi = {
  async open(name) {
    current?.db.close();
    const db = new KineticDb(name);
    await db.open();
    current = { db, repo: new TaskRepository(db) };
  },

  async seed(size, now, seed): Promise<SeedStats> {
    const { db } = opened();
    const start = performance.now();
    const generated = generateTasks(size, now, seed);
    // Rows as the repositories write them, with every cache, as of the seed's time.
    const rows: TaskRow[] = rowsFor(generated.tasks, now);
    for (let i = 0; i < rows.length; i += SEED_CHUNK) {
      const chunk = rows.slice(i, i + SEED_CHUNK);
      await db.transaction('rw', db.tasks, db.meta, () => db.tasks.bulkAdd(chunk));
    }
    // And the pick's floors and front, which every repository write ends with (floors.ts).
    await db.transaction('rw', db.tasks, db.meta, () => raiseFloors(db, now));
    // Main would have taken the seed's ops into its log by now: the outbox is empty again.
    await db.table('outbox').clear();
    const { tasks: _tasks, ...stats } = generated;
    return { rows: rows.length, ...stats, ms: performance.now() - start };
  },

  pickIndexed(options) {
    return pickLoop(options, (_db, repo, now) => repo.nextAction(now), false);
  },

  pickScan(options) {
    return pickLoop(options, (db, _repo, now) => scanPick(db, now), true);
  },

  async check(now): Promise<PickCheck> {
    const { db, repo } = opened();
    const indexed = await repo.nextAction(now);
    const scan = await scanPick(db, now);
    if (indexed?.task.id !== scan?.task.id) throw mismatch('check', now, indexed, scan);
    return {
      indexedId: indexed?.task.id ?? null,
      indexedRule: ruleOf(indexed),
      scanId: scan?.task.id ?? null,
      scanRule: ruleOf(scan),
    };
  },

  async traces(count) {
    const { db } = opened();
    const rounds: number[] = [];
    const requests: number[] = [];
    for (let i = 0; i < count; i++) {
      const trace: PickTrace = { rounds: 0, requests: 0 };
      await pickIndexed(db.backendDB(), Date.now(), db.keyRange, trace);
      rounds.push(trace.rounds);
      requests.push(trace.requests);
    }
    return { rounds, requests };
  },

  async quickAdd(options): Promise<QuickAddRun> {
    const { repo } = opened();
    const commitMs: number[] = [];
    const parseAndCommitMs: number[] = [];
    for (let i = 0; i < options.warmup + options.adds; i++) {
      const now = Date.now();
      const text = QUICK_ADD_TEXTS[i % QUICK_ADD_TEXTS.length]!;
      const enter = performance.now();
      const parsed = parseQuickAdd(text, new Date(now));
      const start = performance.now();
      await repo.add(parsed, now);
      const end = performance.now();
      if (i >= options.warmup) {
        commitMs.push(end - start);
        parseAndCommitMs.push(end - enter);
      }
    }
    return { commitMs, parseAndCommitMs };
  },

  async quickAddDurable(name, options) {
    return (await bench.quickAddDurableSplit(name, options)).durableMs;
  },

  async quickAddDurableSplit(name, options) {
    const db = new KineticDb(name);
    // The same link the window uses, timed: how much of an add is main's append (IPC + disk).
    const link = fromBridge(window.kinetic).oplog;
    let appendMs = 0;
    const timed = {
      ...link,
      append: async (request: { ops: SyncOp[] }) => {
        const start = performance.now();
        try {
          return await link.append(request);
        } finally {
          appendMs += performance.now() - start;
        }
      },
    };
    await connectLog(db, timed).ready;
    const repo = new TaskRepository(db);
    const split: DurableSplit = { durableMs: [], appendMs: [] };
    try {
      for (let i = 0; i < options.warmup + options.adds; i++) {
        const now = Date.now();
        appendMs = 0;
        const enter = performance.now();
        await repo.add(parseQuickAdd(QUICK_ADD_TEXTS[i % QUICK_ADD_TEXTS.length]!, new Date(now)), now);
        if (i >= options.warmup) {
          split.durableMs.push(performance.now() - enter);
          split.appendMs.push(appendMs);
        }
      }
    } finally {
      db.close();
    }
    return split;
  },

  async rebuild(name, size, now) {
    const { device } = await fromBridge(window.kinetic).oplog.hello();
    const { tasks } = generateTasks(size, now, 7);
    let hlc: string | null = null;
    for (let i = 0; i < tasks.length; i += MAX_APPEND_OPS) {
      const ops: SyncOp[] = tasks.slice(i, i + MAX_APPEND_OPS).map((task) => {
        hlc = nextHlc(hlc, now, device);
        return { hlc, device, table: 'tasks', id: task.id, set: { ...task } };
      });
      await fromBridge(window.kinetic).oplog.append({ ops });
    }
    const db = new KineticDb(name);
    const link = fromBridge(window.kinetic).oplog;
    let readMs = 0;
    const timed = {
      ...link,
      read: async (request: Parameters<typeof link.read>[0]) => {
        const start = performance.now();
        try {
          return await link.read(request);
        } finally {
          readMs += performance.now() - start;
        }
      },
    };
    const start = performance.now();
    await connectLog(db, timed).ready;
    const ms = performance.now() - start;
    const found = await db.tasks.count();
    await db.delete();
    return { ms, tasks: found, readMs };
  },

  async applyRemote(name, size, rounds, now) {
    const db = new KineticDb(name);
    await db.open();
    const { tasks } = generateTasks(size, now, 11);
    const rows = rowsFor(tasks, now);
    for (let i = 0; i < rows.length; i += SEED_CHUNK) {
      const chunk = rows.slice(i, i + SEED_CHUNK);
      await db.transaction('rw', db.tasks, db.meta, () => db.tasks.bulkAdd(chunk));
    }
    // Another device's edits, a day ahead of this one's clock: new titles and stamps.
    const device = 'bench-other-device';
    let hlc: string | null = null;
    const ms: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const ops: SyncOp[] = [];
      for (let i = 0; i < 1000; i++) {
        const task = tasks[(round * 7919 + i * 104_729) % tasks.length]!;
        hlc = nextHlc(hlc, now + 86_400_000, device);
        ops.push({ hlc, device, table: 'tasks', id: task.id, set: { title: `${task.title} (${round})` } });
      }
      const start = performance.now();
      await applyOps(db, ops, now);
      ms.push(performance.now() - start);
    }
    db.close();
    await Dexie.delete(name);
    return ms;
  },

  async storeFloor(name, size, now) {
    const db = new KineticDb(name);
    await db.open();
    const rows = rowsFor(generateTasks(size, now, 7).tasks, now);
    const idb = db.backendDB();
    // Plain IndexedDB puts, as few and as light as a rebuild could make them: what it cannot beat.
    const put = async (store: string, values: readonly unknown[]): Promise<number> => {
      const start = performance.now();
      for (let i = 0; i < values.length; i += REBUILD_CHUNK) {
        await new Promise<void>((resolve, reject) => {
          const tx = idb.transaction(store, 'readwrite', { durability: 'relaxed' });
          const target = tx.objectStore(store);
          for (const value of values.slice(i, i + REBUILD_CHUNK)) target.put(value);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      }
      return performance.now() - start;
    };
    const tasksMs = await put('tasks', rows);
    const stampsMs = await put(
      'stamps',
      rows.map((row) => ({ key: `tasks/${row.id}`, f: {}, h: nextHlc(null, now, 'bench') })),
    );
    db.close();
    await Dexie.delete(name);
    return { tasksMs, stampsMs };
  },

  count() {
    return opened().repo.count();
  },

  async title(id) {
    return (await opened().repo.get(id))?.title ?? null;
  },

  close() {
    current?.db.close();
    current = null;
  },

  async remove(name) {
    if (current?.db.name === name) bench.close();
    await Dexie.delete(name);
  },
};

window.bench = bench;
