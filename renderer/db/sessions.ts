import type { FocusSession } from '../../shared/types';
import { cacheOf, fromRow, toCountedRow, type KineticDb } from './schema';
import { settle } from './rowCache';
import { MAX_DEPTH } from '../../shared/nextAction';

/** The focus-session log. Writes come from main's outbox and are idempotent by session id. */
export class SessionRepository {
  constructor(private readonly db: KineticDb) {}

  /**
   * Writes a session and marks its task (and the tasks above it) as worked on. Writing the same
   * session twice changes nothing, so main can safely resend until it gets the acknowledgement.
   */
  async record(session: FocusSession): Promise<boolean> {
    return this.db.write([this.db.sessions, this.db.tasks, this.db.meta], async () => {
      if (await this.db.sessions.get(session.id)) return false;
      await this.db.sessions.add(session);
      let id: string | null = session.taskId;
      const touched: string[] = [];
      for (let i = 0; id && i < MAX_DEPTH; i++) {
        const row = await this.db.tasks.get(id);
        if (!row) break;
        const task = fromRow(row);
        // One millisecond earlier per level up: the nearest task keeps the momentum.
        const workedAt = session.endedAt - i;
        if ((task.workedAt ?? 0) < workedAt) {
          await this.db.tasks.put(toCountedRow({ ...task, workedAt }, cacheOf(row)));
          touched.push(task.id);
        }
        id = task.parentId;
      }
      // Their steps carry their worked-on time.
      await settle(this.db, touched, session.endedAt);
      return true;
    });
  }

  async endedBetween(start: number, end: number): Promise<FocusSession[]> {
    return this.db.sessions.where('endedAt').between(start, end, true, false).toArray();
  }

  async forTask(taskId: string): Promise<FocusSession[]> {
    return this.db.sessions.where('taskId').equals(taskId).sortBy('startedAt');
  }
}
