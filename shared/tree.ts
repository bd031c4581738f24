/**
 * The shape every set of tasks must keep: no task is its own ancestor, and no step is more than
 * MAX_DEPTH below its top-level task. Checked on a backup file (shared/backup.ts), on what a
 * restore would make of the database (renderer/db/backup.ts), and at start (renderer/db/repair.ts).
 */
import { MAX_DEPTH } from './nextAction';
import type { Task } from './types';

export type TreeTask = Pick<Task, 'id' | 'title' | 'parentId'>;

export type TreeFault =
  /** `cycle` lists the tasks of the loop, each a step of the next one's parent... in chain order. */
  | { kind: 'cycle'; id: string; cycle: string[] }
  /** `id` is MAX_DEPTH + 1 steps deep: its link to its parent is one too many. */
  | { kind: 'deep'; id: string };

/**
 * The first fault in `byId`, or null. Linear: each task's depth is worked out once. A parent
 * missing from `byId` ends a chain.
 */
export function treeFault(byId: ReadonlyMap<string, TreeTask>): TreeFault | null {
  const depthOf = new Map<string, number>();
  for (const task of byId.values()) {
    if (depthOf.has(task.id)) continue;
    const chain: string[] = [];
    const onChain = new Map<string, number>();
    let at: string | null = task.id;
    let base = 0;
    while (at !== null) {
      const known = depthOf.get(at);
      if (known !== undefined) {
        base = known + 1;
        break;
      }
      const seen = onChain.get(at);
      if (seen !== undefined) return { kind: 'cycle', id: at, cycle: chain.slice(seen) };
      onChain.set(at, chain.length);
      chain.push(at);
      const parent: string | null = byId.get(at)?.parentId ?? null;
      at = parent !== null && byId.has(parent) ? parent : null;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const depth = base + (chain.length - 1 - i);
      if (depth > MAX_DEPTH) return { kind: 'deep', id: chain[i]! };
      depthOf.set(chain[i]!, depth);
    }
  }
  return null;
}

/** A fault as the end of a sentence: `“Pack” a step of itself`. */
export function describeFault(fault: TreeFault, titleOf: (id: string) => string): string {
  return fault.kind === 'cycle'
    ? `“${titleOf(fault.id)}” a step of itself`
    : `“${titleOf(fault.id)}” more than ${MAX_DEPTH} steps deep`;
}
