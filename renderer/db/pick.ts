/**
 * The indexed next-action pick, straight on IndexedDB: one read-only transaction, a few rounds
 * of parallel index reads, never all tasks. It returns exactly what `pickNextAction` (the pure
 * policy in shared/nextAction.ts) returns over all tasks; a property test holds it to that.
 *
 * It does not use Dexie, on purpose: the main window paints its first next action with it
 * before Dexie has loaded (see boot.ts), and without Dexie's promise zones the transaction
 * stays alive across rounds of native awaits. The indexes are the ones Dexie declares in
 * schema.ts; the keys are built by `taskIndexKeys`.
 */
import { dayKey, startOfDay } from '../../shared/days';
import {
  MAX_DEPTH,
  MOMENTUM_MS,
  NEAR_MS,
  compareTuples,
  explain,
  isAvailable,
  resolveAction,
  type NextAction,
  type NextActionRule,
} from '../../shared/nextAction';
import type { Task } from '../../shared/types';
import { fromRow, type TaskRow } from './rows';

/** Sorts after every string and number in IndexedDB key order. */
const MAX = [] as unknown as string;
const FIRST_PAGE = 12;
const NEXT_PAGE = 64;
/** Unknown step lists fetched together in one round, in the order they may be needed. */
const LOOKAHEAD = 16;

const toTask = fromRow;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

interface Candidate {
  rule: NextActionRule;
  row: TaskRow;
}

type Attempt = { found: NextAction | null } | { need: string[] } | { morePages: true };

/** How much IndexedDB work a pick did (for the benchmark). */
export interface PickTrace {
  rounds: number;
  requests: number;
}

/**
 * @param keyRange the IDBKeyRange of the IndexedDB implementation `db` comes from (the
 *   browser's, or fake-indexeddb's in unit tests).
 */
export async function pickIndexed(
  db: IDBDatabase,
  now: number,
  keyRange: typeof IDBKeyRange = IDBKeyRange,
  trace?: PickTrace,
): Promise<NextAction | null> {
  const tx = db.transaction('tasks', 'readonly');
  const store = tx.objectStore('tasks');
  const index = (name: 'rankKey' | 'stepKey' | 'soonKeys' | 'timedDueKey'): IDBIndex => store.index(name);
  const today = dayKey(now);

  if (trace) {
    trace.rounds = 1;
    trace.requests = 3;
  }
  const workedSince = now - MOMENTUM_MS;
  const dayStart = startOfDay(now);
  // Round 1, three reads at once: the ranking's first page; the tasks due at a time from the
  // start of today up to `now + NEAR_MS`; and one range of the soonKeys index holding every task
  // worked on since `workedSince` together with its open steps, and every pin (SoonKey in rows.ts).
  const [soonRows, dueRows, firstPage] = await Promise.all([
    request(index('soonKeys').getAll(keyRange.lowerBound(['a', workedSince]))) as Promise<TaskRow[]>,
    request(index('timedDueKey').getAll(keyRange.bound([dayStart], [now + NEAR_MS, MAX]))) as Promise<
      TaskRow[]
    >,
    request(index('rankKey').getAll(null, FIRST_PAGE)) as Promise<TaskRow[]>,
  ]);
  const soon = [...new Map(soonRows.map((row) => [row.id, row])).values()];
  // Rows carry their index keys (rows.ts keeps them in step with the task): sort by those.
  const pinned = soon
    .filter((row) => row.pinKey !== undefined && row.pinKey[0] <= today)
    .sort((x, y) => compareTuples(x.pinKey!, y.pinKey!));
  const dueSoon = dueRows; // in timedDueKey order already
  const momentum = soon
    .filter((row) => row.momentumKey !== undefined && row.momentumKey[0] >= workedSince)
    .sort((x, y) => compareTuples(y.momentumKey!, x.momentumKey!)); // most recent first

  // Open steps of recently worked tasks came along; a list counts as known only when it is
  // complete, that is as long as the parent's open-step count says.
  const prefetched = new Map<string, TaskRow[]>();
  for (const row of soon) {
    if (row.parentId === null || typeof row.parentWorkedAt !== 'number' || row.parentWorkedAt < workedSince)
      continue;
    prefetched.set(row.parentId, [...(prefetched.get(row.parentId) ?? []), row]);
  }

  const ranked: TaskRow[] = [...firstPage];
  let rankedDone = firstPage.length < FIRST_PAGE;
  const candidates = (): Candidate[] => [
    ...pinned.map((row) => ({ rule: 'pinned' as const, row })),
    ...dueSoon.map((row) => ({ rule: 'dueSoon' as const, row })),
    ...momentum.map((row) => ({ rule: 'momentum' as const, row })),
    ...ranked.map((row) => ({ rule: 'ranked' as const, row })),
  ];

  /** Active steps by parent id, as far as known. */
  const steps = new Map<string, Task[]>();
  /** A row that says it has no open steps needs no look: its step list is known to be empty. */
  const learn = (rows: readonly TaskRow[]): void => {
    for (const row of rows) if (row.openSteps === 0 && !steps.has(row.id)) steps.set(row.id, []);
  };
  learn(soon);
  learn(dueRows);
  learn(ranked);
  for (const parent of momentum) {
    const list = prefetched.get(parent.id) ?? [];
    if (parent.openSteps === undefined || parent.openSteps !== list.length || steps.has(parent.id)) continue;
    list.sort((x, y) => compareTuples(x.stepKey!, y.stepKey!));
    steps.set(parent.id, list.map(toTask));
  }

  /** Walks the policy over what is known; stops where step lists are still unknown. */
  const attempt = (): Attempt => {
    const need: string[] = [];
    const unknown = (id: string): boolean => {
      if (steps.has(id)) return false;
      if (need.length < LOOKAHEAD && !need.includes(id)) need.push(id);
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
    for (const { rule, row } of candidates()) {
      if (!isAvailable(row, now)) continue;
      const source = toTask(row);
      const result = walk(source, 0);
      if (result === 'unknown') {
        // Keep looking ahead so one round fetches what the next candidates may need too.
        continue;
      }
      if (need.length > 0) break;
      if (rule === 'momentum' && (steps.get(source.id)?.length ?? 0) === 0) continue;
      if (result) {
        // Same answer as the pure policy (resolveAction over the same, fully known subtree).
        const task = resolveAction(source, (id) => steps.get(id) ?? [], now);
        return { found: task && { task, rule, source, reason: explain(rule, task, source, now) } };
      }
    }
    if (need.length > 0) return { need };
    return rankedDone ? { found: null } : { morePages: true };
  };

  for (;;) {
    const next = attempt();
    if ('found' in next) return next.found;
    if (trace) {
      trace.rounds++;
      trace.requests += 'need' in next ? next.need.length : 1;
    }
    if ('need' in next) {
      const lists = await Promise.all(
        next.need.map(
          (id) => request(index('stepKey').getAll(keyRange.bound([id], [id, MAX]))) as Promise<TaskRow[]>,
        ),
      );
      next.need.forEach((id, i) => {
        learn(lists[i]!);
        steps.set(id, lists[i]!.map(toTask));
      });
    } else {
      const last = ranked[ranked.length - 1]!.rankKey!;
      const page = (await request(
        index('rankKey').getAll(keyRange.lowerBound(last, true), NEXT_PAGE),
      )) as TaskRow[];
      ranked.push(...page);
      learn(page);
      rankedDone = page.length < NEXT_PAGE;
    }
  }
}
