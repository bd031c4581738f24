/** Key arithmetic over the pickKeys index: IndexedDB's key order, ranges, a front's copies of rows. */
import { HEAD_LENGTH, STAMPS, type PickKey, type TaskRow } from '../rows';

/** Sorts after every string and number in IndexedDB key order. */
export const MAX = [] as unknown as string;

/** The end of a section: after every entry in it. */
export const sectionEnd = (section: string): PickKey => [section, MAX];
/** The end of the group of `key` (a task's head: the task and every step below it), within `upper`. */
export function groupEnd(key: PickKey, upper: PickKey): PickKey {
  const group = [...key, MAX];
  return compareKeys(group, upper) < 0 ? group : upper;
}
export type Key = number | string | Key[];

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
 * not the pick; leaving it out makes the front (read by every pick, written by every write) smaller
 * (docs/performance.md).
 */
export function frontRows(rows: readonly TaskRow[], lower: PickKey, upper: PickKey): TaskRow[] {
  const copies: TaskRow[] = [];
  for (const row of rows) {
    const pickKeys = (row.pickKeys ?? []).filter((key) => within(key, lower, upper));
    if (pickKeys.length === 0) continue;
    const copy: TaskRow = { ...row, pickKeys };
    for (const field of NOT_IN_FRONT) delete copy[field];
    delete (copy as unknown as Record<string, unknown>)[STAMPS];
    copies.push(copy);
  }
  return copies;
}

/** A task's own entry in its section (else one of its steps, following the task). */
export const isHead = (e: Entry): boolean => e.key.length === HEAD_LENGTH[e.key[0] as string];
