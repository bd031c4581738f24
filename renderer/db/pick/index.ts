/**
 * The indexed next-action pick, straight on IndexedDB: one read-only transaction, usually one
 * request, never all tasks. It returns exactly what `pickNextAction` (the pure policy in
 * shared/nextAction.ts) returns over all tasks; property tests hold it to that.
 *
 * The reads, of the pickKeys index (its sections are described in rows.ts); each task comes with
 * its open steps beside it:
 *  - the stored floors (floors.ts), to check the ones the sections were read from;
 *  - momentum: from the floor of ['a'], the most recently worked-on task in play;
 *  - due soon: every entry from ['d', start of today] to ['d', now + NEAR_MS];
 *  - pins: every entry from the floor of ['p'] to ['p', today], none when the floor is later;
 *  - woken: every entry from the floor of ['q'] to ['q', now], none when the floor is later;
 *  - ranking: from the floor of ['r'], the best-ranked top-level task in play.
 * The row of floors also holds the front (`Front`): what the momentum and ranking reads return
 * from the stored floors, and the due entries of the writer's day, as the last write left them.
 * So where the last pick found a front, the pick reads only that row (and pins or woken tasks
 * when there are any); a write elsewhere that dropped the front costs a second round.
 * A task is in play when it could give an action when it was last written (rowCache.ts); that can
 * only become more true with time, so the first task in play of a section usually is the answer.
 * Tasks that were set aside then and are ready now come from the woken read and are merged in.
 * When that is not enough, the pick reads further pages and unknown step lists in more rounds.
 *
 * It does not use Dexie, on purpose: the main window paints its first next action with it
 * before Dexie has loaded (see boot.ts), and without Dexie's promise zones the transaction
 * stays alive across rounds of native awaits.
 */
import { dayKey, startOfDay } from '../../../shared/days';
import {
  MAX_DEPTH,
  MOMENTUM_MS,
  NEAR_MS,
  compareTuples,
  dueFirstMsOf,
  explain,
  isAvailable,
  rankTuple,
  resolveAction,
  type NextAction,
  type NextActionRule,
  type PolicyOptions,
} from '../../../shared/nextAction';
import type { Task } from '../../../shared/types';
import { fromRow, type PickKey, type TaskRow } from '../rows';
import { usedFloors, expectedFront, rememberFloors, rememberFront, rememberSnapshot } from './hints';
import { MAX, compareKeys, entriesIn, isHead, sectionEnd, type Entry } from './keys';
import { FLOOR_SECTIONS, STARTS, type FloorSection } from './model';
import { Section, readEntries, readFloorsRow, request } from './section';

export * from './hints';
export * from './keys';
export * from './model';

const MOMENTUM_PAGE = 6;
const RANK_PAGE = 8;
const NEXT_PAGE = 32;
/** Unknown step lists fetched together in one round, in the order they may be needed. */
const LOOKAHEAD = 16;

interface Candidate {
  key?: PickKey;
  row: TaskRow;
}

type Attempt = { found: NextAction | null } | { lists: string[]; pages: Section[] };

/** How much IndexedDB work a pick did (for the benchmark). */
export interface PickTrace {
  rounds: number;
  requests: number;
}

/**
 * @param keyRange the IDBKeyRange of the IndexedDB implementation `db` comes from (the
 *   browser's, or fake-indexeddb's in unit tests).
 * @param policy the settings the policy depends on (`dueFirstMs`); the estimate ratio is applied
 *   afterwards (MomentumRepository.calibrated).
 */
export async function pickIndexed(
  db: IDBDatabase,
  now: number,
  keyRange: typeof IDBKeyRange = IDBKeyRange,
  trace?: PickTrace,
  policy: Pick<PolicyOptions, 'dueFirstMs'> = {},
): Promise<NextAction | null> {
  const dueFirstMs = dueFirstMsOf(policy);
  const tx = db.transaction(['tasks', 'meta'], 'readonly');
  const store = tx.objectStore('tasks');
  const pickKeys = store.index('pickKeys');
  const today = dayKey(now);
  const since = now - MOMENTUM_MS;
  const dayStart = startOfDay(now);

  // The sections are read from the floors this window saw last (or from their starts), while the
  // stored floors are read alongside; a stored floor below the one used (a write elsewhere) means
  // reading that section again from it. Where the last pick found a front, the reads it holds are
  // left out: momentum and ranking always, the due ones on the front's day.
  const used = usedFloors(db.name) ?? STARTS;
  const sections: Record<FloorSection, Section> = {
    a: new Section(pickKeys, keyRange, used.a, ['a', -since, MAX]),
    p: new Section(pickKeys, keyRange, used.p, ['p', today, MAX], true),
    q: new Section(pickKeys, keyRange, used.q, ['q', now, MAX], true),
    r: new Section(pickKeys, keyRange, used.r, sectionEnd('r')),
  };
  const first = (section: FloorSection): Promise<void> =>
    sections[section].read(section === 'a' ? MOMENTUM_PAGE : RANK_PAGE);
  const expected = expectedFront(db.name);
  const fromFront = (section: FloorSection): boolean => section !== 'p' && section !== 'q';
  let requests = 1;
  /** Timed entries due today up to NEAR_MS from now. */
  const dueRange: [PickKey, PickKey] = [
    ['d', dayStart],
    ['d', now + NEAR_MS, MAX],
  ];
  const readDue = async (): Promise<Entry[]> => {
    requests++;
    return (await readEntries(pickKeys, keyRange.bound(...dueRange))).entries;
  };
  const [{ floors, stamp, readRow }, dueRead] = await Promise.all([
    readFloorsRow(tx.objectStore('meta'), db.name),
    expected === dayStart ? undefined : readDue(),
    ...FLOOR_SECTIONS.filter((s) => expected === null || !fromFront(s)).map(first),
  ]);
  if (readRow) requests++;
  rememberFloors(db.name, floors);
  rememberSnapshot(db.name, floors, stamp);
  const front = floors.front;
  rememberFront(db.name, front?.day ?? null);
  let rounds = 1;
  // From the front where there is one (it is what reading the stored floors' groups gives);
  // else again from a stored floor below the one used, or for the first time.
  const again: FloorSection[] = [];
  for (const section of FLOOR_SECTIONS) {
    const s = sections[section];
    if (front && fromFront(section)) s.preload(floors[section], front[section as 'a' | 'r']);
    else if (!s.started || compareKeys(s.lower, floors[section]) > 0) again.push(section);
  }
  const dueFromFront = front?.day === dayStart;
  let due = dueFromFront ? entriesIn(front.d, ...dueRange) : dueRead;
  if (again.length > 0 || due === undefined) {
    rounds++;
    const [dueAgain] = await Promise.all([
      due ?? readDue(),
      ...again.map((section) => {
        sections[section].restart(floors[section]);
        return first(section);
      }),
    ]);
    due = dueAgain;
  }
  const { a: momentum, p: pins, q: wakes, r: ranking } = sections;
  if (trace) {
    trace.rounds = rounds;
    trace.requests = requests + FLOOR_SECTIONS.reduce((n, section) => n + sections[section].requests, 0);
  }
  const heads = (entries: Entry[], section: string): TaskRow[] =>
    entries.filter((e) => e.key[0] === section && isHead(e)).map((e) => e.row);
  // In key order: pins by day, creation and id; due by time and id (as the policy sorts them).
  const pinned = heads(pins.entries, 'p');
  const dueSoon = heads(due, 'd');
  const woken = heads(wakes.entries, 'q');

  /** Active steps by parent id, as far as known. */
  const steps = new Map<string, readonly Task[]>();
  /** Every row read, by id (for the open-step counts of parents). */
  const rows = new Map<string, TaskRow>();
  const remember = (list: readonly TaskRow[]): void => {
    for (const row of list) {
      rows.set(row.id, row);
      // A row that says it has no open steps needs no look: its step list is known to be empty.
      if (row.openSteps === 0 && !steps.has(row.id)) steps.set(row.id, []);
    }
  };

  /** Candidates of a section in key order, with the woken tasks that belong to it merged in. */
  const merged = (section: Section, wokenKey: (row: TaskRow) => PickKey | null): Candidate[] => {
    const list: Candidate[] = section.entries.filter(isHead).map((e) => ({ key: e.key, row: e.row }));
    for (const row of woken) {
      const key = wokenKey(row);
      if (key) list.push({ key, row });
    }
    return list.sort((x, y) => compareKeys(x.key!, y.key!));
  };
  let momentumList: Candidate[] = [];
  let rankList: Candidate[] = [];
  /** Step lists that came along in the sections: known once as many as the parent's count. */
  const collect = (): void => {
    const entries = [...momentum.entries, ...ranking.entries, ...due, ...pins.entries, ...wakes.entries];
    remember(entries.map((e) => e.row));
    const byParent = new Map<string, Map<string, TaskRow>>();
    for (const e of entries) {
      const parentId = e.row.parentId;
      if (isHead(e) || parentId === null) continue;
      const list = byParent.get(parentId) ?? new Map<string, TaskRow>();
      byParent.set(parentId, list.set(e.row.id, e.row));
    }
    for (const [parentId, list] of byParent) {
      const parent = rows.get(parentId);
      if (steps.has(parentId) || parent?.openSteps === undefined || parent.openSteps !== list.size) continue;
      const sorted = [...list.values()].sort((x, y) => compareTuples(x.stepKey!, y.stepKey!));
      steps.set(parentId, sorted);
    }
    momentumList = merged(momentum, (row) =>
      row.workedAt !== null && row.workedAt >= since && row.openSteps !== 0
        ? ['a', -row.workedAt, row.id]
        : null,
    );
    rankList = merged(ranking, (row) => (row.parentId === null ? ['r', ...rankTuple(row)] : null));
  };
  collect();

  /** Walks the policy over what is known; stops where step lists or pages are still missing. */
  const attempt = (): Attempt => {
    const lists: string[] = [];
    const pages = new Set<Section>();
    let blocked = false;
    const unknown = (id: string): boolean => {
      if (steps.has(id)) return false;
      if (lists.length < LOOKAHEAD && !lists.includes(id)) lists.push(id);
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
    const groups: [NextActionRule, Candidate[], Section | null][] = [
      ['dueSoon', dueSoon.filter((row) => row.due!.at <= now + dueFirstMs).map((row) => ({ row })), null],
      ['pinned', pinned.map((row) => ({ row })), null],
      ['dueSoon', dueSoon.map((row) => ({ row })), null],
      ['momentum', momentumList, momentum],
      ['ranked', rankList, ranking],
    ];
    search: for (const [rule, list, section] of groups) {
      for (const { key, row } of list) {
        // Past what the section has read, something better may still come.
        if (section && key && !section.covers(key)) {
          pages.add(section);
          blocked = true;
          break search;
        }
        if (!isAvailable(row, now)) continue;
        // Rows are tasks with more fields; only the answer is stripped to a plain task.
        const source: Task = row;
        const result = walk(source, 0);
        // Keep looking ahead so one round fetches what the next candidates may need too.
        if (result === 'unknown') {
          blocked = true;
          continue;
        }
        if (blocked) break search;
        if (rule === 'momentum' && (steps.get(source.id)?.length ?? 0) === 0) continue;
        if (result) {
          // Same answer as the pure policy (resolveAction over the same, fully known subtree).
          const task = resolveAction(source, (id) => steps.get(id) ?? [], now);
          if (!task) return { found: null };
          const reason = explain(rule, task, source, now);
          return { found: { task: fromRow(task as TaskRow), rule, source: fromRow(row), reason } };
        }
      }
      if (section && !section.done) {
        pages.add(section);
        blocked = true;
        break;
      }
    }
    return blocked ? { lists, pages: [...pages] } : { found: null };
  };

  for (;;) {
    const next = attempt();
    if ('found' in next) return next.found;
    if (trace) {
      trace.rounds++;
      trace.requests += next.lists.length + next.pages.length;
    }
    const stepKey = store.index('stepKey');
    await Promise.all([
      ...next.pages.map((section) => section.read(NEXT_PAGE)),
      ...next.lists.map(async (id) => {
        const list = (await request(stepKey.getAll(keyRange.bound([id], [id, MAX])))) as TaskRow[];
        remember(list);
        steps.set(id, list);
      }),
    ]);
    collect();
  }
}
