/** Walks up and down the task tree (at most MAX_DEPTH levels). */
import { MAX_DEPTH } from '../../shared/nextAction';
import type { Task } from '../../shared/types';
import { fromRow, type KineticDb } from './schema';

/** Every task below `id`, level by level. */
export async function descendants(db: KineticDb, id: string): Promise<Task[]> {
  const out: Task[] = [];
  let level = [id];
  for (let depth = 0; depth < MAX_DEPTH && level.length; depth++) {
    const rows = await db.tasks.where('parentId').anyOf(level).toArray();
    out.push(...rows.map(fromRow));
    level = rows.map((r) => r.id);
  }
  return out;
}

/** How many parents `task` has. */
export async function depthOf(db: KineticDb, task: Task): Promise<number> {
  let depth = 0;
  let parentId = task.parentId;
  while (parentId && depth < MAX_DEPTH) {
    const row = await db.tasks.get(parentId);
    parentId = row?.parentId ?? null;
    depth++;
  }
  return depth;
}
