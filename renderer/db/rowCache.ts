/**
 * Keeps the row caches right (rows.ts RowCache). Every write that changes tasks ends with `settle`
 * inside its own transaction (which includes the meta table), so no one ever reads them out of
 * date; it also raises the pick's floors (floors.ts). Adding a top-level task needs none: its
 * caches are known and nothing else changes.
 */
import Dexie from 'dexie';
import { MAX_DEPTH } from '../../shared/nextAction';
import { STAMPS, cacheOf, fromRow, settledCache, toCountedRow, type TaskRow } from './rows';
import type { KineticDb } from './schema';
import { raiseFloors } from './floors';

/** A row as JSON, without its stamps (the log's own business, oplog/stamps.ts). */
const json = (row: unknown): string =>
  JSON.stringify(row, (key, value: unknown) => (key === STAMPS ? undefined : value));

/**
 * Whether two rows (plain JSON, keys in the order the row functions write them) are the same,
 * stamps aside.
 */
export const same = (a: unknown, b: unknown): boolean => json(a) === json(b);

/** The open (or waiting) steps of a task, in step order, as stored rows. */
export function stepRows(db: KineticDb, parentId: string): Promise<TaskRow[]> {
  return db.tasks.where('stepKey').between([parentId], [parentId, Dexie.maxKey], true, true).toArray();
}

/**
 * Brings the caches of the given tasks, of every task above them and of their steps up to date
 * as of `now`; tasks set aside until `now` or earlier come back into play on the way. Only rows
 * that are out of date are written.
 */
export async function settle(db: KineticDb, ids: Iterable<string>, now: number): Promise<void> {
  const woken = await db.tasks
    .where('pickKeys')
    .between(['q', -Infinity], ['q', now, Dexie.maxKey], true, true)
    .primaryKeys();
  const settled = new Set<string>();
  for (const start of new Set([...ids, ...woken])) {
    let id: string | null = start;
    let changed = true;
    // Up the chain of parents: a task's caches depend on its steps' caches. A parent settled
    // earlier in this call needs another look only if the step below it just changed.
    for (let depth = 0; id !== null && depth <= MAX_DEPTH; depth++) {
      if (depth > 0 && !changed && settled.has(id)) break;
      const result = await settleOne(db, id, now);
      if (!result) break;
      settled.add(id);
      changed = result.changed;
      id = result.parentId;
    }
  }
  await raiseFloors(db, now);
}

/** Settles one task and hands its keys down to its steps. */
async function settleOne(
  db: KineticDb,
  id: string,
  now: number,
): Promise<{ changed: boolean; parentId: string | null } | undefined> {
  const row = await db.tasks.get(id);
  if (!row) return undefined;
  const steps = await stepRows(db, id);
  const task = fromRow(row);
  const { own, forSteps } = settledCache(task, steps, now);
  const next = toCountedRow(task, { ...own, parentHeads: row.parentHeads });
  const changed = !same(next, row);
  if (changed) await db.tasks.put(next);
  for (const step of steps) {
    const wanted: TaskRow = toCountedRow(fromRow(step), { ...cacheOf(step), ...forSteps });
    if (!same(wanted, step)) await db.tasks.put(wanted);
  }
  return { changed, parentId: task.parentId };
}
