/**
 * What a window remembers between picks, in memory and as hints in localStorage (where there is
 * one; not in Node): the floors and front last seen, and the copy of the row of floors that the
 * main window's first frame paints from (boot.ts). Only hints: the stored row decides.
 */
import { SCHEMA_VERSION } from '../version';
import { FLOORS_ID, FLOOR_SECTIONS, floorKeys, type Floors } from './model';

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
/** The row of floors this window last read or wrote, with the stamp it was stored under. */
export const knownRow = (dbName: string): { stamp: string; floors: Floors } | undefined =>
  knownRows.get(dbName);
/** The floors last seen in this window, by database name: where the next pick starts reading. */
const knownFloors = new Map<string, Floors>();
/** Where this window's next pick starts reading: the floors it saw last, or the hint, if any. */
export const usedFloors = (dbName: string): Floors | undefined =>
  knownFloors.get(dbName) ?? hintedFloors(dbName);

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

export function hintedFloors(dbName: string): Floors | undefined {
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

export function expectedFront(dbName: string): number | null {
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
export function rememberSnapshot(dbName: string, floors: Floors, stamp: string | null): void {
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
