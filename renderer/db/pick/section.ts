/** The pager: a section of the pickKeys index, read from its floor in pages. */
import type { PickKey, TaskRow } from '../rows';
import { knownRow, rememberRow } from './hints';
import { compareKeys, entriesIn, groupEnd, type Entry } from './keys';
import { FLOORS_ID, STAMP_ID, STARTS, type Floors, type Stamp } from './model';

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

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
export async function readEntries(
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
export class Section {
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

/**
 * The row of floors: the stamp first, and the row only when this window does not know it under
 * that stamp (`readRow`). `stamp` is null for a database without one yet.
 */
export async function readFloorsRow(
  meta: IDBObjectStore,
  dbName: string,
): Promise<{ floors: Floors; stamp: string | null; readRow: boolean }> {
  const known = knownRow(dbName);
  const stampRead = request(meta.get(STAMP_ID)) as Promise<Stamp | undefined>;
  let rowRead = known ? null : (request(meta.get(FLOORS_ID)) as Promise<Floors | undefined>);
  rowRead?.catch(() => undefined); // awaited below, unless the stamp's read fails first
  const stamp = (await stampRead)?.stamp ?? null;
  if (known && stamp !== null && stamp === known.stamp)
    return { floors: known.floors, stamp, readRow: false };
  rowRead ??= request(meta.get(FLOORS_ID)) as Promise<Floors | undefined>;
  const floors = (await rowRead) ?? STARTS;
  if (stamp !== null) rememberRow(dbName, stamp, floors);
  return { floors, stamp, readRow: true };
}
