/**
 * The bench page: runs in Chromium against real IndexedDB (through the app's own Dexie schema and
 * TaskRepository) and exposes `window.bench` for bench/run.ts. Every timing is `performance.now()`
 * around one awaited operation; the runner computes the percentiles.
 */
import Dexie from 'dexie';
import { KineticDb, rowsFor, type TaskRow } from '../renderer/db/schema';
import { TaskRepository } from '../renderer/db/tasks';
import { raiseFloors } from '../renderer/db/floors';
import { pickIndexed, type PickTrace } from '../renderer/db/pick';
import { pickNextAction, type NextAction } from '../shared/nextAction';
import { parseQuickAdd } from '../shared/quickAdd';
import type { BenchApi, PickCheck, PickOptions, PickRule, PickRun, QuickAddRun, SeedStats } from './api';
import { generateTasks } from './seed';
import { oplogBench, QUICK_ADD_TEXTS, SEED_CHUNK } from './pageOplog';

const NOT_NOW_MS = 3 * 60 * 60_000;

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
  ...oplogBench(() => bench),
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
