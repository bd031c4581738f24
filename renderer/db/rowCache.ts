/**
 * Keeps the row caches right (schema.ts RowCache): after a write that adds, closes or reopens
 * steps, or changes a task's `workedAt`, the affected tasks are refreshed here, inside the
 * caller's transaction.
 */
import Dexie from 'dexie';
import { fromRow, toCountedRow, type KineticDb } from './schema';

/**
 * For each task: its open-step count, and the parent-worked-on time its open steps carry.
 * Only rows that are out of date are written.
 */
export async function refreshRows(db: KineticDb, ids: Iterable<string>): Promise<void> {
  for (const id of new Set(ids)) {
    const row = await db.tasks.get(id);
    if (!row) continue;
    const steps = await db.tasks.where('stepKey').between([id], [id, Dexie.maxKey], true, true).toArray();
    if (row.openSteps !== steps.length) await db.tasks.put({ ...row, openSteps: steps.length });
    for (const step of steps) {
      if (step.parentWorkedAt === row.workedAt) continue;
      await db.tasks.put(
        toCountedRow(fromRow(step), { openSteps: step.openSteps, parentWorkedAt: row.workedAt }),
      );
    }
  }
}
