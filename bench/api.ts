/**
 * The contract between the bench page (bench/page.ts, in Chromium) and the runner (bench/run.ts,
 * in Node): what `window.bench` offers and what it returns. Types only.
 */

/** Which rule produced a pick; `none` when there was nothing to do. */
export type PickRule = 'pinned' | 'dueSoon' | 'momentum' | 'ranked' | 'none';

export interface SeedStats {
  rows: number;
  /** Open or waiting (the rest is done or archived). */
  active: number;
  steps: number;
  withDue: number;
  timedToday: number;
  snoozedOrWaiting: number;
  /** Time to generate and store the rows. */
  ms: number;
}

export interface PickOptions {
  /** Untimed picks first (JIT, caches). */
  warmup: number;
  /** Timed picks. */
  picks: number;
  /** A write (add, skip or complete) happens before every `writeEvery`-th pick. */
  writeEvery: number;
}

export interface PickRun {
  /** One duration per timed pick, in ms. */
  samplesMs: number[];
  /** The rule that produced each timed pick (same order as `samplesMs`). */
  sampleRules: PickRule[];
  /** Whether each timed pick came right after a write (same order as `samplesMs`). */
  sampleAfterWrite: boolean[];
  writes: number;
  /** How many times the indexed and the naive pick were compared (and agreed). */
  checks: number;
}

export interface PickCheck {
  indexedId: string | null;
  indexedRule: PickRule;
  scanId: string | null;
  scanRule: PickRule;
}

export interface QuickAddOptions {
  warmup: number;
  adds: number;
}

export interface QuickAddRun {
  /** `repo.add(parsed, now)` start → resolved (the strict transaction committed), in ms. */
  commitMs: number[];
  /** Parsing the typed text plus the commit: the whole Enter → saved path, in ms. */
  parseAndCommitMs: number[];
}

export interface DurableSplit {
  durableMs: number[];
  appendMs: number[];
}

export interface BenchApi {
  /** Opens (creating when missing) the database `name` with Kinetic's schema. */
  open(name: string): Promise<void>;
  /** Fills the open database with `size` generated tasks relative to `now`. */
  seed(size: number, now: number, seed: number): Promise<SeedStats>;
  /** `repo.nextAction(now)` timed in a loop. */
  pickIndexed(options: PickOptions): Promise<PickRun>;
  /** Load every open/waiting task, then `pickNextAction(all, now)`, timed in a loop; checks each write against the indexed pick. */
  pickScan(options: PickOptions): Promise<PickRun>;
  /** The indexed and the naive pick for the same `now`. */
  check(now: number): Promise<PickCheck>;
  /** IndexedDB rounds and requests of `count` indexed picks (diagnostics). */
  traces(count: number): Promise<{ rounds: number[]; requests: number[] }>;
  quickAdd(options: QuickAddOptions): Promise<QuickAddRun>;
  /**
   * Quick-add as the window does it, on database `name` linked to main's op log: each timed add
   * resolves once both copies are on disk. Durations in ms.
   */
  quickAddDurable(name: string, options: QuickAddOptions): Promise<number[]>;
  /** The same, with the part of each add spent in main's append (IPC and the disk). */
  quickAddDurableSplit(name: string, options: QuickAddOptions): Promise<DurableSplit>;
  /**
   * Writes `size` tasks to main's log as ops (as a device would have over time), then rebuilds a
   * new, empty database `name` from the log: the ms from connecting to ready, and the tasks found.
   */
  rebuild(
    name: string,
    size: number,
    now: number,
  ): Promise<{ ms: number; tasks: number; readMs: number; longestBlockMs: number }>;
  /**
   * Another device's ops arriving through sync: `rounds` batches of 1,000 edits applied to a new
   * database `name` of `size` tasks, as a window's catch-up applies them (one transaction per
   * batch). Durations in ms.
   */
  applyRemote(name: string, size: number, rounds: number, now: number): Promise<number[]>;
  /**
   * The floor under a rebuild: `size` task rows and as many stamp rows put into a new database
   * `name` with plain IndexedDB (relaxed durability, no Dexie), in ms.
   */
  storeFloor(name: string, size: number, now: number): Promise<{ tasksMs: number; noIndexMs: number }>;
  count(): Promise<number>;
  /** The title of task `id` in the open database, or null. */
  title(id: string): Promise<string | null>;
  close(): void;
  /** Deletes the database `name` (closing it first when open). */
  remove(name: string): Promise<void>;
}

declare global {
  interface Window {
    bench?: BenchApi;
    /** Set by the runner's init script in the main window, in ms since navigation start: the title painted, */
    __benchTitlePaintedMs?: number;
    /** React mounted with the title (the keys work from here), */
    __benchAppReadyMs?: number;
    /** the app's first `indexedDB.open` call, */
    __benchDbOpenMs?: number;
    /** and that open's success. */
    __benchDbReadyMs?: number;
  }
}
