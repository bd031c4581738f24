/**
 * The indexed pick (TaskRepository.nextAction) must agree with the pure policy (pickNextAction)
 * on every data set: same task, same rule, same reason.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TaskRepository } from '../../renderer/db/tasks';
import { rowsFor, toRow } from '../../renderer/db/schema';
import { BackupRepository } from '../../renderer/db/backup';
import { MomentumRepository } from '../../renderer/db/momentum';
import { raiseFloors } from '../../renderer/db/floors';
import { makeBackup } from '../../shared/backup';
import {
  DEFAULT_DUE_FIRST_MS,
  MAX_DEPTH,
  MOMENTUM_MS,
  NEAR_MS,
  pickNextAction,
  type NextAction,
} from '../../shared/nextAction';
import { dayKey, startOfDay } from '../../shared/days';
import type { Priority, Task, TaskStatus } from '../../shared/types';
import { makeTestTask, openTestDb, uniqueDbName } from './fixtures/helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const MAX_TREE_DEPTH = 3;

interface Outcome {
  id: string;
  sourceId: string;
  rule: NextAction['rule'];
  reason: string;
}

const outcome = (a: NextAction | null): Outcome | null =>
  a && { id: a.task.id, sourceId: a.source.id, rule: a.rule, reason: a.reason };

/**
 * Writes the tasks into a fresh database and returns both picks. `counted` says which rows carry
 * their caches (open-step count, readiness, the parent's keys) as the repositories write them,
 * computed as of `asOf` (the time of the last write, before or after `now`); the others leave
 * them unknown.
 */
async function bothPicks(
  tasks: readonly Task[],
  now: number,
  counted: (index: number) => boolean = () => true,
  asOf = now,
  policy: { dueFirstMs?: number } = {},
): Promise<{ indexed: Outcome | null; pure: Outcome | null }> {
  const db = openTestDb(uniqueDbName('pick'));
  try {
    const rows = rowsFor(tasks, asOf);
    await db.transaction('rw', db.tasks, db.meta, () =>
      db.tasks.bulkAdd(tasks.map((t, i) => (counted(i) ? rows[i]! : toRow(t)))),
    );
    const indexed = outcome(await new TaskRepository(db).nextAction(now, policy));
    return { indexed, pure: outcome(pickNextAction(tasks, now, policy)) };
  } finally {
    await db.delete();
  }
}

// ---- Generators -------------------------------------------------------------------------------

/** Offsets around `now` (ms), with the rule boundaries drawn often. */
type Offset = { kind: 'rel'; ms: number } | { kind: 'dayStart'; days: number; ms: number };

const offsetArb: fc.Arbitrary<Offset> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.integer({ min: -3 * DAY, max: 3 * DAY }).map((ms): Offset => ({ kind: 'rel', ms })),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        0,
        1,
        -1,
        NEAR_MS,
        NEAR_MS + 1,
        NEAR_MS - 1,
        DEFAULT_DUE_FIRST_MS,
        DEFAULT_DUE_FIRST_MS + 1,
        HOUR + 1,
        15 * MIN,
        -MOMENTUM_MS,
        -MOMENTUM_MS - 1,
        HOUR,
        -HOUR,
      )
      .map((ms): Offset => ({ kind: 'rel', ms })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ days: fc.integer({ min: -2, max: 2 }), ms: fc.constantFrom(0, -1, 1, 9 * HOUR) })
      .map(({ days, ms }): Offset => ({ kind: 'dayStart', days, ms })),
  },
);

function resolveOffset(o: Offset, now: number): number {
  if (o.kind === 'rel') return now + o.ms;
  const start = startOfDay(now);
  return new Date(start).setDate(new Date(start).getDate() + o.days) + o.ms;
}

interface TaskSpec {
  id: string;
  status: TaskStatus;
  /** Which earlier task to hang under (counted back, modulo the eligible ones), or null for top level. */
  parentPick: number | null;
  order: number;
  due: { at: Offset; hasTime: boolean } | null;
  estimateMin: number | null;
  priority: Priority | null;
  skipCount: number;
  snoozed: Offset | null;
  workedAgo: number | null;
  pinDays: number | null;
  createdAgo: number;
  waitingNote: string | null;
}

// Ids from a small alphabet (with non-ASCII and a surrogate pair) so ties break on id often and
// string order must agree between IndexedDB and JavaScript.
const idArb = fc.string({
  unit: fc.constantFrom('a', 'b', 'B', 'z', '0', 'é', '日', '😀'),
  minLength: 1,
  maxLength: 4,
});

/** `arb` in `weight` of 20 cases, else null. */
const sometimes = <T>(arb: fc.Arbitrary<T>, weight: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 20 - weight, arbitrary: fc.constant(null) }, { weight, arbitrary: arb });

const specArb: fc.Arbitrary<TaskSpec> = fc.record({
  id: idArb,
  status: fc.oneof(
    { weight: 6, arbitrary: fc.constant<TaskStatus>('open') },
    { weight: 2, arbitrary: fc.constant<TaskStatus>('waiting') },
    { weight: 1, arbitrary: fc.constant<TaskStatus>('done') },
    { weight: 1, arbitrary: fc.constant<TaskStatus>('archived') },
  ),
  parentPick: sometimes(fc.oneof(fc.nat({ max: 2 }), fc.nat({ max: 1000 })), 12),
  order: fc.integer({ min: -2, max: 3 }),
  due: sometimes(fc.record({ at: offsetArb, hasTime: fc.boolean() }), 6),
  estimateMin: sometimes(fc.constantFrom(1, 5, 10, 15, 16, 30, 120), 10),
  priority: fc.constantFrom<Priority | null>(null, 1, 2, 3),
  skipCount: fc.integer({ min: 0, max: 3 }),
  snoozed: sometimes(offsetArb, 6),
  workedAgo: sometimes(
    fc.oneof(fc.integer({ min: -HOUR, max: 14 * HOUR }), fc.constantFrom(0, MOMENTUM_MS, MOMENTUM_MS + 1)),
    6,
  ),
  pinDays: sometimes(fc.integer({ min: -3, max: 2 }), 1),
  createdAgo: fc.oneof(fc.integer({ min: 0, max: 30 * DAY }), fc.constantFrom(DAY, 7 * DAY)),
  waitingNote: sometimes(fc.constantFrom('reply from Sam', 'parts'), 10),
});

function buildTasks(specs: readonly TaskSpec[], now: number): Task[] {
  const tasks: Task[] = [];
  const depth = new Map<string, number>();
  for (const [i, s] of specs.entries()) {
    const eligible = tasks.filter((t) => (depth.get(t.id) ?? 0) < MAX_TREE_DEPTH);
    // Counted back from the most recent eligible task, so that small picks build deeper chains.
    const parent =
      s.parentPick === null || eligible.length === 0
        ? null
        : eligible[eligible.length - 1 - (s.parentPick % eligible.length)]!;
    depth.set(s.id, parent ? (depth.get(parent.id) ?? 0) + 1 : 0);
    const dueAt = s.due ? resolveOffset(s.due.at, now) : 0;
    const createdAt = now - s.createdAgo;
    tasks.push(
      makeTestTask(s.id, createdAt, {
        title: `Task ${i}`,
        status: s.status,
        parentId: parent?.id ?? null,
        order: s.order,
        due: s.due ? { at: s.due.hasTime ? dueAt : startOfDay(dueAt), hasTime: s.due.hasTime } : null,
        estimateMin: s.estimateMin,
        priority: s.priority,
        skipCount: s.skipCount,
        snoozedUntil: s.snoozed ? resolveOffset(s.snoozed, now) : null,
        waitingNote: s.status === 'waiting' ? s.waitingNote : null,
        pinnedFor: s.pinDays === null ? null : dayKey(startOfDay(now) + s.pinDays * DAY + 12 * HOUR),
        workedAt: s.workedAgo === null ? null : now - s.workedAgo,
        doneAt: s.status === 'done' ? now - HOUR : null,
      }),
    );
  }
  return tasks;
}

// `now` across a few weeks around the change to summer time (30 March 2025 in Berlin), any minute.
const nowArb = fc.oneof(
  fc.integer({ min: new Date(2025, 2, 10).getTime(), max: new Date(2025, 3, 10).getTime() }),
  fc
    .record({ day: fc.integer({ min: 27, max: 31 }), minute: fc.integer({ min: 0, max: 24 * 60 - 1 }) })
    .map(({ day, minute }) => new Date(2025, 2, day, 0, minute).getTime()),
);

const scenarioArb = fc
  .record({ now: nowArb, specs: fc.uniqueArray(specArb, { maxLength: 40, selector: (s) => s.id }) })
  .map(({ now, specs }) => ({ now, tasks: buildTasks(specs, now) }));

describe('indexed nextAction equals pickNextAction', () => {
  it('on random task sets and times, written at that time', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ now, tasks }) => {
        const { indexed, pure } = await bothPicks(tasks, now);
        expect(indexed).toEqual(pure);
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('on random task sets and times, written earlier or later (tasks set aside then may be ready now)', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, offsetArb, async ({ now, tasks }, writtenAt) => {
        const { indexed, pure } = await bothPicks(tasks, now, () => true, resolveOffset(writtenAt, now));
        expect(indexed).toEqual(pure);
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('on random task sets and times, with each lead time the settings offer', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.constantFrom(15, 30, 60, 120), async ({ now, tasks }, minutes) => {
        const { indexed, pure } = await bothPicks(tasks, now, () => true, now, { dueFirstMs: minutes * MIN });
        expect(indexed).toEqual(pure);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('on random task sets and times, with no caches at all', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ now, tasks }) => {
        const { indexed, pure } = await bothPicks(tasks, now, () => false);
        expect(indexed).toEqual(pure);
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it('on random task sets and times, with caches on some rows only', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenarioArb,
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        async (s, mask) => {
          const { indexed, pure } = await bothPicks(s.tasks, s.now, (i) => mask[i] ?? true);
          expect(indexed).toEqual(pure);
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('after restoring a backup into a database in use (the merged tasks)', async () => {
    // Each task is in the database only, in the backup only, or in both, the backup's copy
    // older or newer and changed; the newer copy of each wins.
    const placeArb = fc.constantFrom('local', 'backup', 'older', 'newer');
    await fc.assert(
      fc.asyncProperty(
        scenarioArb,
        fc.array(placeArb, { minLength: 40, maxLength: 40 }),
        async ({ now, tasks }, places) => {
          const local: Task[] = [];
          const backup: Task[] = [];
          const merged: Task[] = [];
          tasks.forEach((task, i) => {
            const place = places[i]!;
            const changed: Task = {
              ...task,
              priority: task.priority === 1 ? null : 1,
              status: task.status === 'open' ? 'done' : 'open',
              doneAt: task.status === 'open' ? now - HOUR : null,
              updatedAt: task.updatedAt + (place === 'newer' ? MIN : -MIN),
            };
            if (place !== 'backup') local.push(task);
            if (place !== 'local') backup.push(place === 'backup' ? task : changed);
            merged.push(place === 'newer' ? changed : task);
          });
          const db = openTestDb(uniqueDbName('restore'));
          try {
            const repo = new TaskRepository(db);
            await db.transaction('rw', db.tasks, db.meta, async () => {
              await db.tasks.bulkAdd(rowsFor(local, now - HOUR));
              await raiseFloors(db, now - HOUR);
            });
            await repo.nextAction(now);
            await new BackupRepository(db).restore(
              makeBackup({ tasks: backup, sessions: [], reflections: [] }, now),
              now,
            );
            expect(outcome(await repo.nextAction(now))).toEqual(outcome(pickNextAction(merged, now)));
          } finally {
            await db.delete();
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('the generator reaches every rule and the empty answer', async () => {
    const seen = new Set<string>();
    const samples = fc.sample(scenarioArb, { numRuns: 300, seed: 42 });
    for (const { now, tasks } of samples) seen.add(pickNextAction(tasks, now)?.rule ?? 'none');
    expect([...seen].sort()).toEqual(['dueSoon', 'momentum', 'none', 'pinned', 'ranked']);
  });
});

describe('indexed nextAction: hand-written cases', () => {
  const NOW = new Date(2025, 2, 12, 14, 0).getTime();
  const t = (id: string, overrides: Partial<Task> = {}): Task => makeTestTask(id, NOW - DAY, overrides);

  async function expectSame(tasks: readonly Task[], now: number, expected: Outcome | null): Promise<void> {
    const { indexed, pure } = await bothPicks(tasks, now);
    expect(pure).toEqual(expected);
    expect(indexed).toEqual(expected);
  }

  it('returns null for an empty database', async () => {
    await expectSame([], NOW, null);
  });

  it('pages through the ranking index past many candidates whose steps are all snoozed', async () => {
    const tasks: Task[] = [];
    for (let i = 0; i < 20; i++) {
      const id = `p${String(i).padStart(2, '0')}`;
      tasks.push(t(id, { priority: 1 }), t(`${id}-s`, { parentId: id, snoozedUntil: NOW + HOUR }));
    }
    // Unavailable top-level tasks in between as well.
    for (let i = 0; i < 10; i++) tasks.push(t(`q${i}`, { priority: 2, snoozedUntil: NOW + HOUR }));
    tasks.push(t('last', { priority: 3, title: 'Last' }), t('nope', { status: 'done', priority: 1 }));
    await expectSame(tasks, NOW, { id: 'last', sourceId: 'last', rule: 'ranked', reason: 'Next in line' });
    await expectSame(tasks, NOW + HOUR, {
      id: 'p00-s',
      sourceId: 'p00',
      rule: 'ranked',
      reason: 'Top priority · first step of “Task p00”',
    });
  });

  it('breaks a ranking tie on the id', async () => {
    await expectSame([t('b'), t('a'), t('c')], NOW, {
      id: 'a',
      sourceId: 'a',
      rule: 'ranked',
      reason: 'Next in line',
    });
  });

  it('takes a pin from an earlier day before one from today', async () => {
    const tasks = [
      t('today', { pinnedFor: dayKey(NOW), createdAt: NOW - 10 * DAY }),
      t('old', { pinnedFor: dayKey(NOW - 2 * DAY) }),
      t('future', { pinnedFor: dayKey(NOW + DAY), createdAt: NOW - 20 * DAY }),
    ];
    await expectSame(tasks, NOW, {
      id: 'old',
      sourceId: 'old',
      rule: 'pinned',
      reason: 'Your first step since Mar 10',
    });
  });

  it('follows the due-soon, momentum and step rules through the indexes', async () => {
    const tasks = [
      t('p1', { priority: 1 }),
      t('report', { title: 'Report', due: { at: NOW + NEAR_MS, hasTime: true } }),
      t('report-s2', { parentId: 'report', order: 1 }),
      t('report-s1', { parentId: 'report', order: 0, snoozedUntil: NOW + MIN }),
      t('worked', { title: 'Worked', workedAt: NOW - HOUR }),
      t('worked-s', { parentId: 'worked' }),
    ];
    await expectSame(tasks, NOW, {
      id: 'report-s2',
      sourceId: 'report',
      rule: 'dueSoon',
      reason: 'Due at 4 pm: first step of “Report”',
    });
    await expectSame(tasks, NOW + MIN, {
      id: 'report-s1',
      sourceId: 'report',
      rule: 'dueSoon',
      reason: 'Due at 4 pm: first step of “Report”',
    });
    const noDue = tasks.filter((x) => !x.id.startsWith('report'));
    await expectSame(noDue, NOW, {
      id: 'worked-s',
      sourceId: 'worked',
      rule: 'momentum',
      reason: 'Next step of “Worked”',
    });
    await expectSame(noDue, NOW + 11 * HOUR + 1, {
      id: 'p1',
      sourceId: 'p1',
      rule: 'ranked',
      reason: 'Top priority',
    });
  });

  it('agrees on a step chain deeper than MAX_DEPTH', async () => {
    const tasks = [t('n0', { title: 'Root' })];
    for (let i = 1; i <= MAX_DEPTH + 3; i++) tasks.push(t(`n${i}`, { parentId: `n${i - 1}` }));
    await expectSame(tasks, NOW, {
      id: `n${MAX_DEPTH}`,
      sourceId: 'n0',
      rule: 'ranked',
      reason: 'First step of “Root”',
    });
  });

  it('agrees (and terminates) on a corrupt cycle of steps', async () => {
    const tasks = [
      t('x', { parentId: 'y', pinnedFor: dayKey(NOW) }),
      t('y', { parentId: 'x' }),
      t('top', { priority: 1 }),
    ];
    const { indexed, pure } = await bothPicks(tasks, NOW);
    expect(indexed).toEqual(pure);
    expect(pure?.rule).toBe('pinned');
  });

  it('shows a waiting task after its check-back time through the index', async () => {
    const tasks = [
      t('w', { status: 'waiting', waitingNote: 'parts', snoozedUntil: NOW + HOUR, createdAt: NOW - 3 * DAY }),
      t('other'),
    ];
    await expectSame(tasks, NOW, { id: 'other', sourceId: 'other', rule: 'ranked', reason: 'Next in line' });
    await expectSame(tasks, NOW + HOUR, {
      id: 'w',
      sourceId: 'w',
      rule: 'ranked',
      reason: 'Check back: parts',
    });
  });
});

describe('the indexed pick with an estimate calibration equals pickNextAction with it', () => {
  it.each([
    [null, 'fifteen'],
    [1.2, 'fifteen'],
    [1.5, 'ten'],
    [2, 'two'],
    [0.5, 'sixteen'],
  ])('ranks by the calibrated estimate (ratio %s → %s), also below a task with steps', async (ratio, id) => {
    const now = new Date(2025, 2, 12, 14, 0).getTime();
    const t = (name: string, hoursAgo: number, estimateMin: number | null): Task =>
      makeTestTask(name, now - hoursAgo * HOUR, { estimateMin });
    const tasks = [
      t('none', 10, null),
      t('sixteen', 9, 16),
      t('fifteen', 8, 15),
      t('ten', 7, 10),
      // Its step is what gets shown: the step's parent is ranked by the parent's own estimate.
      { ...t('two', 6, 2) },
      { ...t('twoStep', 6, 1), parentId: 'two' },
      t('thirty', 5, 30),
    ];
    const db = openTestDb(uniqueDbName('calibrated'));
    try {
      await db.transaction('rw', db.tasks, db.meta, () => db.tasks.bulkAdd(rowsFor(tasks, now)));
      const indexed = await new TaskRepository(db).nextAction(now);
      const calibrated = await new MomentumRepository(db).calibrated(indexed, now, ratio);
      expect(calibrated?.source.id).toBe(id);
      expect(outcome(calibrated)).toEqual(outcome(pickNextAction(tasks, now, { estimateRatio: ratio })));
    } finally {
      await db.delete();
    }
  });

  it('on random task sets, times and ratios (MomentumRepository.calibrated)', async () => {
    const ratioArb = fc.constantFrom<number | null>(null, 0.4, 0.5, 0.67, 0.68, 1, 1.49, 1.5, 2, 3);
    await fc.assert(
      fc.asyncProperty(scenarioArb, ratioArb, async ({ now, tasks }, ratio) => {
        const db = openTestDb(uniqueDbName('calibrated'));
        try {
          await db.transaction('rw', db.tasks, db.meta, () => db.tasks.bulkAdd(rowsFor(tasks, now)));
          const indexed = await new TaskRepository(db).nextAction(now);
          const calibrated = await new MomentumRepository(db).calibrated(indexed, now, ratio);
          expect(outcome(calibrated)).toEqual(outcome(pickNextAction(tasks, now, { estimateRatio: ratio })));
        } finally {
          await db.delete();
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
