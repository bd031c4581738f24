/**
 * The indexed next-action pick, straight on IndexedDB: one read-only transaction, usually one
 * request, never all tasks. It returns exactly what `pickNextAction` (the pure policy in
 * shared/nextAction.ts) returns over all tasks; property tests hold it to that.
 *
 * The reads, of the pickKeys index (its sections are described in rows.ts); each task comes with
 * its open steps beside it:
 *  - the stored floors (floors.ts), to check the ones the sections were read from;
 *  - momentum: from the floor of ['a'], the most recently worked-on task in play;
 *  - due soon: every entry from ['d', start of today] to ['d', now + NEAR_MS];
 *  - pins: every entry from the floor of ['p'] to ['p', today], none when the floor is later;
 *  - woken: every entry from the floor of ['q'] to ['q', now], none when the floor is later;
 *  - ranking: from the floor of ['r'], the best-ranked top-level task in play.
 * The row of floors also holds the front (`Front`): what the momentum and ranking reads return
 * from the stored floors, and the due entries of the writer's day, as the last write left them.
 * So where the last pick found a front, the pick reads only that row (and pins or woken tasks
 * when there are any); a write elsewhere that dropped the front costs a second round.
 * A task is in play when it could give an action when it was last written (rowCache.ts); that can
 * only become more true with time, so the first task in play of a section usually is the answer.
 * Tasks that were set aside then and are ready now come from the woken read and are merged in.
 * When that is not enough, the pick reads further pages and unknown step lists in more rounds.
 *
 * It does not use Dexie, on purpose: the main window paints its first next action with it
 * before Dexie has loaded (see boot.ts), and without Dexie's promise zones the transaction
 * stays alive across rounds of native awaits.
 */
import { addDays, dayKey, startOfDay } from '../../shared/days';
import {
  MAX_DEPTH,
  MOMENTUM_MS,
  NEAR_MS,
  compareTuples,
  dueFirstMsOf,
  explain,
  isAvailable,
  rankTuple,
  resolveAction,
  type NextAction,
  type NextActionRule,
  type PolicyOptions,
} from '../../shared/nextAction';
import type { Task } from '../../shared/types';
import { HEAD_LENGTH, fromRow, type PickKey, type TaskRow } from './rows';
import { SCHEMA_VERSION } from './version';

/** Sorts after every string and number in IndexedDB key order. */
const MAX = [] as unknown as string;
const MOMENTUM_PAGE = 6;
const RANK_PAGE = 8;
const NEXT_PAGE = 32;
/** Unknown step lists fetched together in one round, in the order they may be needed. */
const LOOKAHEAD = 16;

/** The sections the pick reads from a floor (floors.ts); 'd' is read by time instead. */
export const FLOOR_SECTIONS = ['a', 'p', 'q', 'r'] as const;
export type FloorSection = (typeof FLOOR_SECTIONS)[number];
export const FLOORS_ID = 'pickFloors';
/**
 * What a pick reads first, as the last write to tasks left it (floors.ts `raiseFloors` stores it
 * at the end of that write; any later write to tasks drops it in its own transaction). Copies of
 * rows (`frontRows`), each with its entries in its list's range; a pick takes from them the
 * entries a read would have returned.
 */
export interface Front {
  /** The start of the writer's day: `d` holds that day's timed entries (`dueWindow`). */
  day: number;
  /**
   * The rows with an entry in the group of the floor of 'a' (the floor's task and its steps), as
   * `frontRows` copies them for that range.
   */
  a: TaskRow[];
  /** The same for the floor of 'r'. */
  r: TaskRow[];
  d: TaskRow[];
}
/**
 * The meta row holding the floors (no live entry of a section is below its floor) and, while no
 * write to tasks came after the last write that stored it, the front.
 */
export type Floors = { id: typeof FLOORS_ID } & Record<FloorSection, PickKey> & { front?: Front };
/** The sections' starts: the floors when none are stored. */
export const STARTS: Floors = { id: FLOORS_ID, a: ['a'], p: ['p'], q: ['q'], r: ['r'] };
/**
 * The meta row whose stamp changes with every write to meta, in that write's transaction
 * (floors.ts): a window that knows the row of floors stored under the current stamp need not read
 * that row again. So a pick usually reads only this small row, and takes the floors and front
 * from memory: the ones this window's own last write stored, or its last pick read.
 */
export const STAMP_ID = 'pickStamp';
export interface Stamp {
  id: typeof STAMP_ID;
  stamp: string;
}
/** A new stamp: unique enough that two writes never share one. */
export const newStamp = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
/** The row of floors this window last read or wrote, with its stamp, by database name. */
const knownRows = new Map<string, { stamp: string; floors: Floors }>();
/**
 * Notes the row of floors a write stores under `stamp` (inside the write's transaction: if it
 * does not commit, the stored stamp stays the old one, and the next pick reads the row).
 */
export function rememberRow(dbName: string, stamp: string, floors: Floors | null): void {
  if (floors) knownRows.set(dbName, { stamp, floors });
  else knownRows.delete(dbName);
}
/** The end of a section: after every entry in it. */
export const sectionEnd = (section: string): PickKey => [section, MAX];
/** The end of the group of `key` (a task's head: the task and every step below it), within `upper`. */
export function groupEnd(key: PickKey, upper: PickKey): PickKey {
  const group = [...key, MAX];
  return compareKeys(group, upper) < 0 ? group : upper;
}
/** The range of 'd' a front holds: the timed entries of the day starting at `day`, and near ones after. */
export const dueWindow = (day: number): [PickKey, PickKey] => [
  ['d', day],
  ['d', addDays(day, 1) + NEAR_MS, MAX],
];

/** The floors alone (without the front): what a window remembers. */
export function floorKeys(floors: Floors): Floors {
  const { front: _front, ...keys } = floors;
  return keys;
}

/** The floors last seen in this window, by database name: where the next pick starts reading. */
const knownFloors = new Map<string, Floors>();

/**
 * Also kept in localStorage (where there is one; not in Node), so a window's first pick, such as
 * the main window's first frame, starts from them too. Only a hint: the stored floors decide.
 */
const hintKey = (dbName: string): string => `kinetic:pickFloors:${dbName}`;
function hints(): Storage | undefined {
  try {
    return (globalThis as { localStorage?: Storage }).localStorage;
  } catch {
    return undefined; // storage denied
  }
}

const isKey = (value: unknown): boolean =>
  (typeof value === 'number' && Number.isFinite(value)) ||
  typeof value === 'string' ||
  (Array.isArray(value) && value.every(isKey));

/** Whether `floors` (read from localStorage) has a key of its own section for every floor. */
const hasFloorKeys = (floors: Partial<Floors> | null | undefined): boolean =>
  FLOOR_SECTIONS.every((s) => {
    const key = floors?.[s];
    return Array.isArray(key) && key[0] === s && isKey(key);
  });

function hintedFloors(dbName: string): Floors | undefined {
  try {
    const floors = JSON.parse(hints()?.getItem(hintKey(dbName)) ?? 'null') as Partial<Floors> | null;
    return hasFloorKeys(floors) ? ({ ...floors, id: FLOORS_ID } as Floors) : undefined;
  } catch {
    return undefined;
  }
}

export function rememberFloors(dbName: string, stored: Floors): void {
  const floors = floorKeys(stored);
  const before = knownFloors.get(dbName);
  knownFloors.set(dbName, floors);
  if (before && JSON.stringify(before) === JSON.stringify(floors)) return;
  try {
    hints()?.setItem(hintKey(dbName), JSON.stringify(floors));
  } catch {
    // Full or denied: the next window reads from the sections' starts.
  }
}

/** Forgets the floors and front this window saw (as a new window starts): for tests. */
export function forgetFloors(dbName: string): void {
  knownFloors.delete(dbName);
  knownFronts.delete(dbName);
  knownRows.delete(dbName);
  copiedStamps.delete(dbName);
}

/**
 * The day of the front this window last read, by database name: a pick expects the front again
 * and leaves out the reads it holds (another window's write costs a second round). Kept in
 * localStorage too, as a hint for a window's first pick.
 */
const knownFronts = new Map<string, number | null>();
const frontHintKey = (dbName: string): string => `kinetic:pickFront:${dbName}`;

function expectedFront(dbName: string): number | null {
  const known = knownFronts.get(dbName);
  if (known !== undefined) return known;
  try {
    const day = Number(hints()?.getItem(frontHintKey(dbName)) ?? NaN);
    return Number.isFinite(day) ? day : null;
  } catch {
    return null;
  }
}

export function rememberFront(dbName: string, day: number | null): void {
  if (knownFronts.get(dbName) === day) return;
  knownFronts.set(dbName, day);
  try {
    if (day === null) hints()?.removeItem(frontHintKey(dbName));
    else hints()?.setItem(frontHintKey(dbName), String(day));
  } catch {
    // Full or denied: the next window's first pick reads a little more.
  }
}

/**
 * A copy of the last row of floors and front this origin's picks read, in localStorage, for the
 * main window's first frame: it paints the pick over this copy before IndexedDB has even opened
 * (boot.ts `snapshotPick`), then checks it against the real pick. Kept only while the row holds a
 * front (a few rows: what the pick needs first), and only for the schema it was read with. A copy,
 * never the source: IndexedDB decides, and a copy left behind by a write that no pick has read
 * yet is replaced by the real answer as soon as IndexedDB gives it.
 */
export interface Snapshot {
  version: number;
  /** The stamp the row was stored under. */
  stamp: string;
  floors: Floors;
}
const snapshotKey = (dbName: string): string => `kinetic:pickSnapshot:${dbName}`;
/** The stamp of the copy this window last stored or read, by database name. */
const copiedStamps = new Map<string, string>();
/** Rows read by picks and not yet copied: copied in a task of their own, after the pick. */
const pendingSnapshots = new Map<string, { stamp: string; floors: Floors }>();

function copySnapshots(): void {
  const storage = hints();
  for (const [dbName, { stamp, floors }] of pendingSnapshots) {
    try {
      const snapshot: Snapshot = { version: SCHEMA_VERSION, stamp, floors };
      if (floors.front) storage?.setItem(snapshotKey(dbName), JSON.stringify(snapshot));
      else storage?.removeItem(snapshotKey(dbName));
    } catch {
      // Full or denied: the main window's first frame waits for IndexedDB.
    }
  }
  pendingSnapshots.clear();
}

/** Notes the row of floors a pick read under `stamp` (in `pickIndexed`), to be copied after the pick. */
function rememberSnapshot(dbName: string, floors: Floors, stamp: string | null): void {
  if (stamp === null || copiedStamps.get(dbName) === stamp || !hints()) return;
  copiedStamps.set(dbName, stamp);
  if (pendingSnapshots.size === 0) setTimeout(copySnapshots, 0);
  pendingSnapshots.set(dbName, { stamp, floors });
}

/** The copy of the row of floors for database `dbName`, if there is one of this schema. */
export function readSnapshot(dbName: string): Floors | undefined {
  try {
    const snapshot = JSON.parse(hints()?.getItem(snapshotKey(dbName)) ?? 'null') as Partial<Snapshot> | null;
    const floors = snapshot?.floors;
    if (snapshot?.version !== SCHEMA_VERSION || typeof snapshot.stamp !== 'string') return undefined;
    if (floors?.id !== FLOORS_ID || !floors.front || !hasFloorKeys(floors)) return undefined;
    // A pick that reads the row under this stamp leaves the copy as it is.
    copiedStamps.set(dbName, snapshot.stamp);
    return floors;
  } catch {
    return undefined;
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

type Key = number | string | Key[];

/** IndexedDB's order of the keys used here: numbers, then strings, then arrays. */
export function compareKeys(a: Key, b: Key): number {
  const type = (k: Key): number => (typeof k === 'number' ? 0 : typeof k === 'string' ? 1 : 2);
  if (type(a) !== type(b)) return type(a) - type(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareKeys(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Entry {
  key: PickKey;
  row: TaskRow;
}

/** Whether an index key lies in [lower, upper]. */
const within = (key: PickKey, lower: PickKey, upper: PickKey): boolean =>
  compareKeys(key, lower) >= 0 && compareKeys(key, upper) <= 0;

/** The entries of rows in [lower, upper], in index order. */
export function entriesIn(rows: readonly TaskRow[], lower: PickKey, upper: PickKey): Entry[] {
  const entries: Entry[] = [];
  for (const row of rows) {
    for (const key of row.pickKeys ?? []) if (within(key, lower, upper)) entries.push({ key, row });
  }
  return entries.sort((x, y) => compareKeys(x.key, y.key) || compareKeys(x.row.id, y.row.id));
}

/** Stored fields a front's copies leave out: index keys and a cache that only writes use. */
const NOT_IN_FRONT = ['rankKey', 'timedDueKey', 'momentumKey', 'pinKey', 'parentHeads'] as const;

/**
 * The rows with an entry in [lower, upper], as a front holds them for that range: each copy keeps
 * the task, its step order and caches, and only its entries in the range. The rest is for writes,
 * not the pick; leaving it out makes the front (read by every pick, written by every write) about
 * a third smaller: at 100k tasks, 9 KB instead of 14, and picks p50 0.8 instead of 1.0 ms.
 */
export function frontRows(rows: readonly TaskRow[], lower: PickKey, upper: PickKey): TaskRow[] {
  const copies: TaskRow[] = [];
  for (const row of rows) {
    const pickKeys = (row.pickKeys ?? []).filter((key) => within(key, lower, upper));
    if (pickKeys.length === 0) continue;
    const copy: TaskRow = { ...row, pickKeys };
    for (const field of NOT_IN_FRONT) delete copy[field];
    copies.push(copy);
  }
  return copies;
}

/** A task's own entry in its section (else one of its steps, following the task). */
const isHead = (e: Entry): boolean => e.key.length === HEAD_LENGTH[e.key[0] as string];

/**
 * IDBIndex.getAllRecords: entries with their index keys. Chromium has it since 141 (Electron 39;
 * this app pins 45), and so does fake-indexeddb; TypeScript's DOM types do not know it yet.
 */
interface RecordsIndex {
  getAllRecords(options: {
    query: IDBKeyRange;
    count?: number;
  }): IDBRequest<{ key: IDBValidKey; primaryKey: IDBValidKey; value: unknown }[]>;
}

/** The entries of `range` in key order, at most `count` of them, and whether that was all. */
async function readEntries(
  index: IDBIndex,
  range: IDBKeyRange,
  count?: number,
): Promise<{ entries: Entry[]; complete: boolean }> {
  const records = index as unknown as RecordsIndex;
  const found = await request(records.getAllRecords({ query: range, ...(count ? { count } : {}) }));
  return {
    entries: found.map((r) => ({ key: r.key as PickKey, row: r.value as TaskRow })),
    complete: count === undefined || found.length < count,
  };
}

/**
 * A section of pickKeys read from its floor. Floors are tight after every write (floors.ts): the
 * floor is the section's first live entry, a task's head. So the first read takes that task with
 * its steps and stops there, before the stale entries its own earlier writes left behind it;
 * later reads page on. Without a floor (the section's start) the first read is a page.
 */
class Section {
  entries: Entry[] = [];
  done = false;
  /** Read (or preloaded) at all yet. */
  started = false;
  requests = 0;
  /** Every entry up to this key has been read. */
  private readUpTo: PickKey | null = null;
  /** @param whole read the whole range at once (pins and woken tasks: all of them count) */
  constructor(
    private readonly index: IDBIndex,
    private readonly keyRange: typeof IDBKeyRange,
    public lower: PickKey,
    private readonly upper: PickKey,
    private readonly whole = false,
  ) {}

  /** Starts again from a lower floor. */
  restart(lower: PickKey): void {
    this.lower = lower;
    this.entries = [];
    this.done = false;
    this.readUpTo = null;
  }

  /**
   * The first read from the floor `lower` (a stored one: a task's head or the section's end), taken
   * from a front's rows instead: the same entries, no request.
   */
  preload(lower: PickKey, rows: readonly TaskRow[]): void {
    this.restart(lower);
    this.started = true;
    if (compareKeys(lower, this.upper) > 0) {
      this.done = true;
      return;
    }
    const end = groupEnd(lower, this.upper);
    this.entries = entriesIn(rows, lower, end);
    this.readUpTo = end;
    this.done = end === this.upper;
  }

  async read(count: number): Promise<void> {
    this.started = true;
    // A floor past the range: nothing to read (no pin for today, no task woken yet, ...).
    if (compareKeys(this.lower, this.upper) > 0) {
      this.done = true;
      return;
    }
    this.requests++;
    if (this.whole) {
      this.entries = (await readEntries(this.index, this.keyRange.bound(this.lower, this.upper))).entries;
      this.done = true;
      return;
    }
    if (this.readUpTo === null && this.lower.length > 1) {
      const end = groupEnd(this.lower, this.upper);
      const page = await readEntries(this.index, this.keyRange.bound(this.lower, end));
      this.entries.push(...page.entries);
      this.readUpTo = end;
      this.done = end === this.upper;
      return;
    }
    const range =
      this.readUpTo === null
        ? this.keyRange.bound(this.lower, this.upper)
        : this.keyRange.bound(this.readUpTo, this.upper, true, false);
    const page = await readEntries(this.index, range, count);
    this.entries.push(...page.entries);
    this.done = page.complete;
    this.readUpTo = page.entries[page.entries.length - 1]?.key ?? this.readUpTo;
  }

  /** Whether every entry up to `key` has been read. */
  covers(key: PickKey): boolean {
    return this.done || (this.readUpTo !== null && compareKeys(key, this.readUpTo) <= 0);
  }
}

interface Candidate {
  key?: PickKey;
  row: TaskRow;
}

type Attempt = { found: NextAction | null } | { lists: string[]; pages: Section[] };

/** How much IndexedDB work a pick did (for the benchmark). */
export interface PickTrace {
  rounds: number;
  requests: number;
}

/**
 * @param keyRange the IDBKeyRange of the IndexedDB implementation `db` comes from (the
 *   browser's, or fake-indexeddb's in unit tests).
 * @param policy the settings the policy depends on (`dueFirstMs`); the estimate ratio is applied
 *   afterwards (MomentumRepository.calibrated).
 */
export async function pickIndexed(
  db: IDBDatabase,
  now: number,
  keyRange: typeof IDBKeyRange = IDBKeyRange,
  trace?: PickTrace,
  policy: Pick<PolicyOptions, 'dueFirstMs'> = {},
): Promise<NextAction | null> {
  const dueFirstMs = dueFirstMsOf(policy);
  const tx = db.transaction(['tasks', 'meta'], 'readonly');
  const store = tx.objectStore('tasks');
  /** The stamp the row of floors was read under (null: a database without one yet). */
  let stamp: string | null = null;
  // The stamp first, and the row only when this window does not know it under that stamp.
  const readFloors = async (): Promise<Floors> => {
    const meta = tx.objectStore('meta');
    const known = knownRows.get(db.name);
    const stampRead = request(meta.get(STAMP_ID)) as Promise<Stamp | undefined>;
    let rowRead = known ? null : (request(meta.get(FLOORS_ID)) as Promise<Floors | undefined>);
    rowRead?.catch(() => undefined); // awaited below, unless the stamp's read fails first
    stamp = (await stampRead)?.stamp ?? null;
    if (known && stamp !== null && stamp === known.stamp) return known.floors;
    requests++;
    rowRead ??= request(meta.get(FLOORS_ID)) as Promise<Floors | undefined>;
    const floors = (await rowRead) ?? STARTS;
    if (stamp !== null) rememberRow(db.name, stamp, floors);
    return floors;
  };
  const pickKeys = store.index('pickKeys');
  const today = dayKey(now);
  const since = now - MOMENTUM_MS;
  const dayStart = startOfDay(now);

  // The sections are read from the floors this window saw last (or from their starts), while the
  // stored floors are read alongside; a stored floor below the one used (a write elsewhere) means
  // reading that section again from it. Where the last pick found a front, the reads it holds are
  // left out: momentum and ranking always, the due ones on the front's day.
  const used = knownFloors.get(db.name) ?? hintedFloors(db.name) ?? STARTS;
  const sections: Record<FloorSection, Section> = {
    a: new Section(pickKeys, keyRange, used.a, ['a', -since, MAX]),
    p: new Section(pickKeys, keyRange, used.p, ['p', today, MAX], true),
    q: new Section(pickKeys, keyRange, used.q, ['q', now, MAX], true),
    r: new Section(pickKeys, keyRange, used.r, sectionEnd('r')),
  };
  const first = (section: FloorSection): Promise<void> =>
    sections[section].read(section === 'a' ? MOMENTUM_PAGE : RANK_PAGE);
  const expected = expectedFront(db.name);
  const fromFront = (section: FloorSection): boolean => section !== 'p' && section !== 'q';
  let requests = 1;
  /** Timed entries due today up to NEAR_MS from now. */
  const dueRange: [PickKey, PickKey] = [
    ['d', dayStart],
    ['d', now + NEAR_MS, MAX],
  ];
  const readDue = async (): Promise<Entry[]> => {
    requests++;
    return (await readEntries(pickKeys, keyRange.bound(...dueRange))).entries;
  };
  const [floors, dueRead] = await Promise.all([
    readFloors(),
    expected === dayStart ? undefined : readDue(),
    ...FLOOR_SECTIONS.filter((s) => expected === null || !fromFront(s)).map(first),
  ]);
  rememberFloors(db.name, floors);
  rememberSnapshot(db.name, floors, stamp);
  const front = floors.front;
  rememberFront(db.name, front?.day ?? null);
  let rounds = 1;
  // From the front where there is one (it is what reading the stored floors' groups gives);
  // else again from a stored floor below the one used, or for the first time.
  const again: FloorSection[] = [];
  for (const section of FLOOR_SECTIONS) {
    const s = sections[section];
    if (front && fromFront(section)) s.preload(floors[section], front[section as 'a' | 'r']);
    else if (!s.started || compareKeys(s.lower, floors[section]) > 0) again.push(section);
  }
  const dueFromFront = front?.day === dayStart;
  let due = dueFromFront ? entriesIn(front.d, ...dueRange) : dueRead;
  if (again.length > 0 || due === undefined) {
    rounds++;
    const [dueAgain] = await Promise.all([
      due ?? readDue(),
      ...again.map((section) => {
        sections[section].restart(floors[section]);
        return first(section);
      }),
    ]);
    due = dueAgain;
  }
  const { a: momentum, p: pins, q: wakes, r: ranking } = sections;
  if (trace) {
    trace.rounds = rounds;
    trace.requests = requests + FLOOR_SECTIONS.reduce((n, section) => n + sections[section].requests, 0);
  }
  const heads = (entries: Entry[], section: string): TaskRow[] =>
    entries.filter((e) => e.key[0] === section && isHead(e)).map((e) => e.row);
  // In key order: pins by day, creation and id; due by time and id (as the policy sorts them).
  const pinned = heads(pins.entries, 'p');
  const dueSoon = heads(due, 'd');
  const woken = heads(wakes.entries, 'q');

  /** Active steps by parent id, as far as known. */
  const steps = new Map<string, readonly Task[]>();
  /** Every row read, by id (for the open-step counts of parents). */
  const rows = new Map<string, TaskRow>();
  const remember = (list: readonly TaskRow[]): void => {
    for (const row of list) {
      rows.set(row.id, row);
      // A row that says it has no open steps needs no look: its step list is known to be empty.
      if (row.openSteps === 0 && !steps.has(row.id)) steps.set(row.id, []);
    }
  };

  /** Candidates of a section in key order, with the woken tasks that belong to it merged in. */
  const merged = (section: Section, wokenKey: (row: TaskRow) => PickKey | null): Candidate[] => {
    const list: Candidate[] = section.entries.filter(isHead).map((e) => ({ key: e.key, row: e.row }));
    for (const row of woken) {
      const key = wokenKey(row);
      if (key) list.push({ key, row });
    }
    return list.sort((x, y) => compareKeys(x.key!, y.key!));
  };
  let momentumList: Candidate[] = [];
  let rankList: Candidate[] = [];
  /** Step lists that came along in the sections: known once as many as the parent's count. */
  const collect = (): void => {
    const entries = [...momentum.entries, ...ranking.entries, ...due, ...pins.entries, ...wakes.entries];
    remember(entries.map((e) => e.row));
    const byParent = new Map<string, Map<string, TaskRow>>();
    for (const e of entries) {
      const parentId = e.row.parentId;
      if (isHead(e) || parentId === null) continue;
      const list = byParent.get(parentId) ?? new Map<string, TaskRow>();
      byParent.set(parentId, list.set(e.row.id, e.row));
    }
    for (const [parentId, list] of byParent) {
      const parent = rows.get(parentId);
      if (steps.has(parentId) || parent?.openSteps === undefined || parent.openSteps !== list.size) continue;
      const sorted = [...list.values()].sort((x, y) => compareTuples(x.stepKey!, y.stepKey!));
      steps.set(parentId, sorted);
    }
    momentumList = merged(momentum, (row) =>
      row.workedAt !== null && row.workedAt >= since && row.openSteps !== 0
        ? ['a', -row.workedAt, row.id]
        : null,
    );
    rankList = merged(ranking, (row) => (row.parentId === null ? ['r', ...rankTuple(row)] : null));
  };
  collect();

  /** Walks the policy over what is known; stops where step lists or pages are still missing. */
  const attempt = (): Attempt => {
    const lists: string[] = [];
    const pages = new Set<Section>();
    let blocked = false;
    const unknown = (id: string): boolean => {
      if (steps.has(id)) return false;
      if (lists.length < LOOKAHEAD && !lists.includes(id)) lists.push(id);
      return true;
    };
    /** The first unknown step list on the way down, or the resolved action, or null. */
    const walk = (task: Task, depth: number): Task | null | 'unknown' => {
      if (depth >= MAX_DEPTH) return task;
      if (unknown(task.id)) return 'unknown';
      const children = steps.get(task.id)!;
      if (children.length === 0) return task;
      for (const child of children) {
        if (!isAvailable(child, now)) continue;
        const found = walk(child, depth + 1);
        if (found) return found;
      }
      return null;
    };
    const groups: [NextActionRule, Candidate[], Section | null][] = [
      ['dueSoon', dueSoon.filter((row) => row.due!.at <= now + dueFirstMs).map((row) => ({ row })), null],
      ['pinned', pinned.map((row) => ({ row })), null],
      ['dueSoon', dueSoon.map((row) => ({ row })), null],
      ['momentum', momentumList, momentum],
      ['ranked', rankList, ranking],
    ];
    search: for (const [rule, list, section] of groups) {
      for (const { key, row } of list) {
        // Past what the section has read, something better may still come.
        if (section && key && !section.covers(key)) {
          pages.add(section);
          blocked = true;
          break search;
        }
        if (!isAvailable(row, now)) continue;
        // Rows are tasks with more fields; only the answer is stripped to a plain task.
        const source: Task = row;
        const result = walk(source, 0);
        // Keep looking ahead so one round fetches what the next candidates may need too.
        if (result === 'unknown') {
          blocked = true;
          continue;
        }
        if (blocked) break search;
        if (rule === 'momentum' && (steps.get(source.id)?.length ?? 0) === 0) continue;
        if (result) {
          // Same answer as the pure policy (resolveAction over the same, fully known subtree).
          const task = resolveAction(source, (id) => steps.get(id) ?? [], now);
          if (!task) return { found: null };
          const reason = explain(rule, task, source, now);
          return { found: { task: fromRow(task as TaskRow), rule, source: fromRow(row), reason } };
        }
      }
      if (section && !section.done) {
        pages.add(section);
        blocked = true;
        break;
      }
    }
    return blocked ? { lists, pages: [...pages] } : { found: null };
  };

  for (;;) {
    const next = attempt();
    if ('found' in next) return next.found;
    if (trace) {
      trace.rounds++;
      trace.requests += next.lists.length + next.pages.length;
    }
    const stepKey = store.index('stepKey');
    await Promise.all([
      ...next.pages.map((section) => section.read(NEXT_PAGE)),
      ...next.lists.map(async (id) => {
        const list = (await request(stepKey.getAll(keyRange.bound([id], [id, MAX])))) as TaskRow[];
        remember(list);
        steps.set(id, list);
      }),
    ]);
    collect();
  }
}
