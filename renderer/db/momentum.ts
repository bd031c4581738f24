/**
 * The records the momentum measures need (shared/momentum.ts), read without loading every task:
 * the sessions of a stretch of days, the tasks they were on and every session of those tasks
 * (so "first session" is the first ever), and the tasks done in it.
 */
import type { FocusSession, Task } from '../../shared/types';
import { fromRow, type KineticDb } from './schema';

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
}
