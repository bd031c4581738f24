/**
 * The records the momentum measures need (shared/momentum.ts), read without loading every task:
 * the sessions of a stretch of days, the tasks they were on and every session of those tasks
 * (so "first session" is the first ever), and the tasks done in it.
 */
import { MAX_DEPTH, isActive, pickNextAction, rankTuple, type NextAction } from '../../shared/nextAction';
import { notableRatio } from '../../shared/momentumView';
import type { FocusSession, Task } from '../../shared/types';
import { fromRow, type KineticDb } from './schema';

/** Sorts after every string and number in IndexedDB key order. */
const MAX = [] as unknown as string;

export interface MomentumRecords {
  tasks: Task[];
  sessions: FocusSession[];
}

export class MomentumRepository {
  constructor(private readonly db: KineticDb) {}

  /**
   * Enough for `momentumByDay` over the days from `start` to `end` (epoch ms, local midnights) and
   * for `estimateCalibration` over the tasks done in them. A session started in the range ended
   * in it or later, so ended-since-`start` finds every one (sessions never end in the future).
   */
  async between(start: number, end: number): Promise<MomentumRecords> {
    return this.db.transaction('r', this.db.tasks, this.db.sessions, async () => {
      const [recent, done] = await Promise.all([
        this.db.sessions.where('endedAt').aboveOrEqual(start).toArray(),
        this.db.tasks.where('doneAt').between(start, end, true, false).toArray(),
      ]);
      const doneTasks = done.map(fromRow);
      const ids = new Set(recent.map((s) => s.taskId));
      for (const t of doneTasks) ids.add(t.id);
      const known = new Set(doneTasks.map((t) => t.id));
      const missing = [...ids].filter((id) => !known.has(id));
      const [started, sessions] = await Promise.all([
        this.db.tasks.bulkGet(missing),
        this.db.sessions
          .where('taskId')
          .anyOf([...ids])
          .toArray(),
      ]);
      const tasks = [...doneTasks];
      for (const row of started) if (row) tasks.push(fromRow(row));
      const byId = new Map(sessions.map((s) => [s.id, s]));
      for (const s of recent) byId.set(s.id, s);
      return { tasks, sessions: [...byId.values()] };
    });
  }

  /**
   * The pick with the person's estimate calibration: the indexed pick (`tasks.nextAction`) ranks
   * by stored keys, which hold the uncalibrated "small". Calibration only reorders tasks of the same
   * priority and due date, and the group the ranked answer came from is the first with any task
   * that can give an action; so the pure policy over that group (and its steps) gives the answer.
   * Any other rule, or a ratio that is not notable, leaves `action` as it is.
   */
  async calibrated(action: NextAction | null, now: number, ratio: number | null): Promise<NextAction | null> {
    if (action?.rule !== 'ranked' || notableRatio(ratio) === null) return action;
    const [priority, due] = rankTuple(action.source);
    return this.db.transaction('r', this.db.tasks, async () => {
      const group = await this.db.tasks
        .where('rankKey')
        .between([priority, due], [priority, due, MAX])
        .toArray();
      const tasks = group.map(fromRow);
      let parents = tasks.map((t) => t.id);
      for (let depth = 0; depth < MAX_DEPTH && parents.length > 0; depth++) {
        const steps = (await this.db.tasks.where('parentId').anyOf(parents).toArray())
          .map(fromRow)
          .filter(isActive);
        tasks.push(...steps);
        parents = steps.map((t) => t.id);
      }
      return pickNextAction(tasks, now, { estimateRatio: ratio }) ?? action;
    });
  }
}
