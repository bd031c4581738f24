/**
 * The op log's size on disk after a year of heavy use: every day 50 captures, each edited five
 * times (renamed, rescheduled, skipped, started, done), ten focus sessions and a reflection,
 * written through the real log service to a real folder, compacting as the app does.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileLogFolder } from '../../electron/main/adapters/logFolder';
import { FileStore } from '../../electron/main/adapters/fileStore';
import { OplogService } from '../../electron/main/services/oplog';
import { nextHlc, type SyncOp, type SyncTable } from '../../shared/sync';
import { openTask } from '../../shared/types';

const DAYS = 365;
const CAPTURES = 50;
const DAY = 24 * 60 * 60_000;

export async function oplogYearBytes(start: number): Promise<{ bytes: number; ops: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'kinetic-oplog-year-'));
  try {
    const service = new OplogService(
      new FileLogFolder(join(dir, 'oplog')),
      new FileStore(dir),
      { warn: () => undefined },
      () => 'bench0device0001',
    );
    await service.load();
    const device = service.deviceId();
    let hlc: string | null = null;
    let ops = 0;
    const op = (table: SyncTable, id: string, set: Record<string, unknown>, at: number): SyncOp => {
      hlc = nextHlc(hlc, at, device);
      return { hlc, device, table, id, set };
    };
    for (let day = 0; day < DAYS; day++) {
      const morning = start + day * DAY;
      const batch: SyncOp[] = [];
      for (let c = 0; c < CAPTURES; c++) {
        const at = morning + c * 10 * 60_000;
        const id = `${day.toString(36)}-${c.toString(36)}-${'x'.repeat(28)}`;
        const task = openTask(id, `Call the office about the quarterly budget review ${c}`, at, {
          estimateMin: 15,
          tags: ['work'],
          priority: 2,
        });
        batch.push(op('tasks', id, { ...task }, at));
        batch.push(op('tasks', id, { title: `Email Ana about the budget ${c}`, updatedAt: at + 1 }, at + 1));
        batch.push(op('tasks', id, { due: { at: at + DAY, hasTime: true }, updatedAt: at + 2 }, at + 2));
        batch.push(
          op(
            'tasks',
            id,
            {
              skipCount: 1,
              skipReasons: [{ at: at + 3, reason: 'too-big' }],
              snoozedUntil: at + 3 * 60 * 60_000,
              updatedAt: at + 3,
            },
            at + 3,
          ),
        );
        batch.push(op('tasks', id, { workedAt: at + 4, updatedAt: at + 4 }, at + 4));
        batch.push(
          op('tasks', id, { status: 'done', doneAt: at + 5, snoozedUntil: null, updatedAt: at + 5 }, at + 5),
        );
        if (c < 10) {
          const session = {
            id: `s-${id}`,
            taskId: id,
            title: 'Email Ana about the budget',
            startedAt: at,
            endedAt: at + 25 * 60_000,
            plannedMs: 25 * 60_000,
            focusedMs: 24 * 60_000,
            outcome: 'completed',
            pauses: [],
            note: null,
          };
          batch.push(op('sessions', session.id, session, at + 6));
        }
      }
      const evening = morning + 18 * 60 * 60_000;
      const key = new Date(morning).toISOString().slice(0, 10);
      batch.push(
        op(
          'reflections',
          key,
          {
            day: key,
            moved: 'the budget',
            inTheWay: 'meetings',
            tomorrowStep: 'open the spreadsheet',
            tomorrowStepTaskId: null,
            morningTrigger: false,
            createdAt: evening,
            updatedAt: evening,
          },
          evening,
        ),
      );
      for (let i = 0; i < batch.length; i += 100) await service.append(batch.slice(i, i + 100));
      ops += batch.length;
    }
    // As it stands after the year: the last snapshot and the segments since (up to the
    // compaction threshold), as a user's disk would hold it.
    const deviceDir = join(dir, 'oplog', device);
    const bytes = readdirSync(deviceDir).reduce((sum, name) => sum + statSync(join(deviceDir, name)).size, 0);
    return { bytes, ops };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
