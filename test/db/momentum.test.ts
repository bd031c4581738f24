import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../renderer/db';
import { rowsFor, type KineticDb } from '../../renderer/db/schema';
import { addDays, dayKey, startOfDay } from '../../shared/days';
import { estimateCalibration, momentumByDay } from '../../shared/momentum';
import type { FocusSession, Task } from '../../shared/types';
import { makeTestSession, makeTestTask, openTestDb, uniqueDbName } from './fixtures/helpers';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** Friday 27 November 2026, 18:00 in Berlin. */
const NOW = new Date(2026, 10, 27, 18, 0).getTime();
const FROM = addDays(startOfDay(NOW), -6);
const TO = addDays(startOfDay(NOW), 1);

let db: KineticDb;
let repos: Repositories;

beforeEach(() => {
  db = openTestDb(uniqueDbName('momentum'));
  repos = createRepositories(db);
});

afterEach(async () => {
  await db.delete();
});

describe('MomentumRepository.between', () => {
  it('reads what momentumByDay and estimateCalibration need over a week, and gives the same answers as all records', async () => {
    const tasks: Task[] = [
      // First started long before the week, worked on again in it: not a first start this week.
      makeTestTask('old', NOW - 30 * DAY),
      // Captured before the week, first started in it.
      makeTestTask('fresh', NOW - 9 * DAY),
      // Done in the week, with an estimate, worked on before the week.
      makeTestTask('doneEstimated', NOW - 20 * DAY, { status: 'done', doneAt: NOW - DAY, estimateMin: 10 }),
      // Done long ago: outside everything.
      makeTestTask('doneLongAgo', NOW - 60 * DAY, { status: 'done', doneAt: NOW - 40 * DAY }),
      // Never started.
      makeTestTask('idle', NOW - 2 * DAY),
    ];
    const sessions: FocusSession[] = [
      makeTestSession('s1', 'old', NOW - 25 * DAY),
      makeTestSession('s2', 'old', NOW - 2 * DAY),
      makeTestSession('s3', 'fresh', NOW - 3 * DAY),
      makeTestSession('s4', 'doneEstimated', NOW - 10 * DAY),
      makeTestSession('s5', 'doneEstimated', NOW - DAY - 60 * MIN),
      makeTestSession('s6', 'doneLongAgo', NOW - 41 * DAY),
      // A session started just before the week that ended in it: not a start of the week.
      { ...makeTestSession('s7', 'fresh', FROM + 10 * MIN), startedAt: FROM - 15 * MIN },
    ];
    await db.transaction('rw', [db.tasks, db.meta, db.sessions], async () => {
      await db.tasks.bulkAdd(rowsFor(tasks, NOW));
      await db.sessions.bulkAdd(sessions);
    });

    const records = await repos.momentum.between(FROM, TO);
    expect(records.tasks.map((t) => t.id).sort()).toEqual(['doneEstimated', 'fresh', 'old']);
    expect(records.sessions.map((s) => s.id).sort()).toEqual(['s1', 's2', 's3', 's4', 's5', 's7']);
    const from = dayKey(FROM);
    const to = dayKey(NOW);
    expect(momentumByDay(records.tasks, records.sessions, from, to)).toEqual(
      momentumByDay(tasks, sessions, from, to),
    );
    expect(estimateCalibration(records.tasks, records.sessions)).toEqual(
      estimateCalibration(
        tasks.filter((t) => t.id !== 'doneLongAgo'),
        sessions,
      ),
    );
  });
});
