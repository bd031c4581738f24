/**
 * Floors of the pick's sections (pickKeys 'a', 'p', 'q' and 'r', see rows.ts): for each, a key
 * no live entry is below. The pick reads a section from its floor instead of from its start, and
 * not at all when the floor is past what it needs (no pin for today yet, no task woken up).
 *
 * Why: Chromium's IndexedDB does not delete an index entry when its row changes; the stale entry
 * stays until every connection to the database has closed, and each read that passes one pays
 * for it. The next action is the first entry of its section, and doing it, skipping it or
 * finishing a step changes exactly that entry, so stale entries pile up at the front of the
 * sections all session long: after 300 such writes a read from the start took 5 ms instead of
 * 0.7 ms (measured at 10k tasks in Chromium 156).
 *
 * Two halves keep a floor a true lower bound:
 *  - lowering, in `floorsMiddleware`: every add or put of task rows lowers a floor below any new
 *    entry, in the same transaction, whatever code made the write (it refuses a write whose
 *    transaction does not include the meta table);
 *  - raising, in `raiseFloors` (run by rowCache.ts `settle` at the end of each write that
 *    changes a task; adding one leaves nothing stale): up to the first live entry, read from the
 *    old floor, so it only passes the write's own stale entries.
 * No floors row means the sections' starts.
 *
 * The same row holds the pick's front (pick.ts `Front`), copies of the rows the pick would read
 * first. It must never be out of date, so the middleware drops it with any write to tasks in that
 * write's transaction (an add keeps it, with the new rows put where they belong), and
 * `raiseFloors` stores it again at the end of each write that settles.
 */
import Dexie, { type DBCore, type DBCoreTable, type DBCoreTransaction, type Middleware } from 'dexie';
import {
  FLOORS_ID,
  FLOOR_SECTIONS,
  STAMP_ID,
  STARTS,
  compareKeys,
  dueWindow,
  frontRows,
  floorKeys,
  groupEnd,
  rememberFloors,
  rememberFront,
  rememberRow,
  newStamp,
  sectionEnd,
  type FloorSection,
  type Floors,
  type Front,
  type Stamp,
} from './pick';
import type { PickKey, TaskRow } from './rows';
import type { KineticDb } from './schema';
import { startOfDay } from '../../shared/days';

/** The lowest new entry of each floored section among these rows. */
function lowest(rows: readonly unknown[]): Partial<Record<FloorSection, PickKey>> {
  const low: Partial<Record<FloorSection, PickKey>> = {};
  for (const row of rows) {
    for (const key of (row as TaskRow | undefined)?.pickKeys ?? []) {
      const section = key[0] as FloorSection;
      if (!FLOOR_SECTIONS.includes(section)) continue;
      const current = low[section];
      if (!current || compareKeys(key, current) < 0) low[section] = key;
    }
  }
  return low;
}

/**
 * The front after adding rows (floors before, and after lowering them below the new rows): each
 * range gets the new rows with an entry in it. A floor lowered to a new row's entry starts a new
 * group, which only new rows can be in (an entry's key starts with its task's head, and the
 * head ends with the task's id).
 */
function withAdded(front: Front, before: Floors, after: Floors, added: readonly TaskRow[]): Front {
  const holding = (range: [PickKey, PickKey]): TaskRow[] => frontRows(added, ...range);
  let changed = false;
  const group = (section: 'a' | 'r'): TaskRow[] => {
    const floor = after[section];
    const rows = holding([floor, groupEnd(floor, sectionEnd(section))]);
    if (floor !== before[section]) {
      changed = true;
      return rows;
    }
    changed ||= rows.length > 0;
    return rows.length > 0 ? [...front[section], ...rows] : front[section];
  };
  const due = holding(dueWindow(front.day));
  const next = {
    day: front.day,
    a: group('a'),
    r: group('r'),
    d: due.length > 0 ? [...front.d, ...due] : front.d,
  };
  // The same front when none of the new rows belongs in it: nothing to write.
  return changed || due.length > 0 ? next : front;
}

/** The IndexedDB transaction under Dexie's (its IDB implementation's DBCore uses it as is). */
const idbOf = (trans: DBCoreTransaction): IDBTransaction => trans as unknown as IDBTransaction;

/** The floors as this transaction last read or wrote them (one read of meta per transaction). */
const floorsIn = new WeakMap<object, Floors | null>();

/**
 * After a write to meta: a new stamp (pick.ts `STAMP_ID`), and this window remembers the row of
 * floors written under it (`floors`; null when the write was not of that row).
 */
async function restamp(meta: DBCoreTable, trans: DBCoreTransaction, floors: Floors | null): Promise<void> {
  const stamp: Stamp = { id: STAMP_ID, stamp: newStamp() };
  await meta.mutate({ type: 'put', trans, values: [stamp] });
  rememberRow(idbOf(trans).db.name, stamp.stamp, floors);
}

export const floorsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'kineticPickFloors',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (name === 'meta') {
          // A write to meta (raiseFloors) makes what this transaction remembers out of date, and
          // gets a new stamp.
          return {
            ...table,
            async mutate(req) {
              floorsIn.delete(req.trans);
              const result = await table.mutate(req);
              const written =
                req.type === 'add' || req.type === 'put'
                  ? ((req.values as Floors[]).findLast((row) => row.id === FLOORS_ID) ?? null)
                  : null;
              await restamp(table, req.trans, written);
              return result;
            },
          };
        }
        if (name !== 'tasks') return table;
        return {
          ...table,
          async mutate(req) {
            const idb = idbOf(req.trans);
            // Upgrades from before schema v5 write tasks before the meta table exists.
            if (!idb.db.objectStoreNames.contains('meta')) return table.mutate(req);
            if (!idb.objectStoreNames.contains('meta')) {
              throw new Error('A write to tasks must include the meta table in its transaction.');
            }
            const low = req.type === 'add' || req.type === 'put' ? lowest(req.values ?? []) : {};
            const result = await table.mutate(req);
            const meta = down.table('meta');
            let floors = floorsIn.get(req.trans);
            if (floors === undefined) {
              floors = ((await meta.get({ trans: req.trans, key: FLOORS_ID })) as Floors | undefined) ?? null;
              floorsIn.set(req.trans, floors);
            }
            if (!floors) return result; // no floors: the sections' starts, nothing to lower
            // Lowered below the new entries. The front goes, out of date, unless this only added
            // rows with no entry in it (nor below it: a lower floor is a new group).
            const next: Floors = floorKeys({ ...STARTS, ...floors });
            for (const section of FLOOR_SECTIONS) {
              const key = low[section];
              if (key && compareKeys(key, next[section]) < 0) next[section] = key;
            }
            const front = floors.front;
            if (front && req.type === 'add')
              next.front = withAdded(front, floors, next, req.values as TaskRow[]);
            if (next.front !== front || FLOOR_SECTIONS.some((section) => next[section] !== floors[section])) {
              await meta.mutate({ type: 'put', trans: req.trans, values: [next] });
              await restamp(meta, req.trans, next);
              floorsIn.set(req.trans, next);
            }
            return result;
          },
        };
      },
    };
  },
};

/**
 * Raises each floor to the section's first live entry, and stores the front as of `now` (inside
 * the caller's write transaction, after its last write to tasks).
 */
export async function raiseFloors(db: KineticDb, now: number): Promise<void> {
  const stored = (await db.meta.get(FLOORS_ID)) as Floors | undefined;
  const floors: Floors = floorKeys({ ...STARTS, ...stored });
  const next: Floors = { ...floors };
  await Promise.all(
    FLOOR_SECTIONS.map(async (section) => {
      const first = await db.tasks
        .where('pickKeys')
        .between(floors[section], [section, Dexie.maxKey], true, true)
        .limit(1)
        .keys();
      // An empty section's floor is its end; a new entry lowers it again.
      next[section] = (first[0] as PickKey | undefined) ?? sectionEnd(section);
    }),
  );
  const day = startOfDay(now);
  const [a, r, d] = await Promise.all([
    rowsIn(db, next.a, groupEnd(next.a, sectionEnd('a'))),
    rowsIn(db, next.r, groupEnd(next.r, sectionEnd('r'))),
    rowsIn(db, ...dueWindow(day)),
  ]);
  const row: Floors = { ...next, front: { day, a, r, d } };
  // No stored front (the middleware drops it with any write to tasks but an add): the row has
  // changed. With one, compare.
  if (!stored?.front || JSON.stringify(row) !== JSON.stringify(stored)) await db.meta.put(row);
  rememberFloors(db.name, next);
  rememberFront(db.name, day);
}

/** The rows with an entry of pickKeys in [lower, upper], each once, as a front holds them. */
async function rowsIn(db: KineticDb, lower: PickKey, upper: PickKey): Promise<TaskRow[]> {
  const rows = await db.tasks.where('pickKeys').between(lower, upper, true, true).toArray();
  return frontRows([...new Map(rows.map((row) => [row.id, row])).values()], lower, upper);
}
