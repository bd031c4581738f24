/**
 * Repairs the tree of tasks at start, so that every backup of the database can be restored: a
 * task that is its own ancestor (from any cause: a restore before restores checked the merged
 * tree, a bug, a hand-edited database) loses the newest link of its loop, and a chain deeper than
 * MAX_DEPTH loses the link just below the deepest allowed step, and a step whose task is not
 * here becomes a top-level task. Each repair is described in one sentence for the log. Backups
 * are written whether or not anything needed repair.
 */
import { treeFault, type TreeTask } from '../../shared/tree';
import { quoted } from '../../shared/text';
import type { Task } from '../../shared/types';
import { raiseFloors } from './floors';
import { same } from './rowCache';
import { fromRow, rowsFor, type KineticDb } from './schema';

/** Past this many repairs in one start, the rest wait for the next start. */
const MAX_REPAIRS = 1000;

/**
 * Checks the tree from keys alone (the ids, and the parent index: no rows decoded), and only when
 * it is broken reads and rewrites the tasks, in one transaction. Returns one sentence per repair.
 */
export async function repairTree(db: KineticDb, now: number): Promise<string[]> {
  const { links, dangling } = await db.transaction('r', db.tasks, async () => {
    const ids = new Set(await db.tasks.toCollection().primaryKeys());
    const parents = await db.tasks.orderBy('parentId').keys();
    const steps = await db.tasks.orderBy('parentId').primaryKeys();
    const links = new Map(
      steps.map((id, i): [string, TreeTask] => [id, { id, title: '', parentId: String(parents[i]) }]),
    );
    return { links, dangling: steps.some((_, i) => !ids.has(String(parents[i]))) };
  });
  if (!dangling && treeFault(links) === null) return [];

  return db.write([db.tasks, db.meta], async () => {
    const stored = new Map((await db.tasks.toArray()).map((row) => [row.id, row]));
    const tasks = new Map<string, Task>([...stored].map(([id, row]) => [id, fromRow(row)]));
    const repairs: string[] = [];
    const detach = (task: Task): void => {
      tasks.set(task.id, { ...task, parentId: null, updatedAt: Math.max(now, task.updatedAt) });
    };
    // A step whose task is not here (a backup of it would be refused).
    for (const task of tasks.values()) {
      if (task.parentId === null || tasks.has(task.parentId)) continue;
      repairs.push(`Detached “${quoted(task.title)}” from a task that is not here.`);
      detach(task);
    }
    for (let fault = treeFault(tasks); fault && repairs.length < MAX_REPAIRS; fault = treeFault(tasks)) {
      const detached =
        fault.kind === 'deep'
          ? tasks.get(fault.id)!
          : fault.cycle
              .map((id) => tasks.get(id)!)
              .reduce((newest, task) => (task.updatedAt > newest.updatedAt ? task : newest));
      const parent = tasks.get(detached.parentId!)!;
      const why = fault.kind === 'deep' ? 'it was too many steps deep' : 'it was a step of itself';
      repairs.push(`Detached “${quoted(detached.title)}” from “${quoted(parent.title)}”: ${why}.`);
      detach(detached);
    }
    const changed = rowsFor([...tasks.values()], now).filter((row) => !same(row, stored.get(row.id)));
    await db.tasks.bulkPut(changed);
    await raiseFloors(db, now);
    return repairs;
  });
}
