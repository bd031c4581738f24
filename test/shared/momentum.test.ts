import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { estimateCalibration, momentumByDay, type DayMomentum } from '../../shared/momentum';
import { openTask, type FocusSession, type SessionOutcome, type Task } from '../../shared/types';

// The unit tests run in Europe/Berlin (vitest.config.ts); this file's days depend on it.
if (process.env.TZ !== 'Europe/Berlin') throw new Error('momentum tests expect TZ=Europe/Berlin');

const MIN = 60_000;
/** Local time in November 2026 (no daylight-saving change in the month). */
const nov = (d: number, h: number, m = 0): number => new Date(2026, 10, d, h, m).getTime();

function task(id: string, over: Partial<Task> = {}): Task {
  return openTask(id, id, nov(1, 9), over);
}

let nextId = 0;
function session(
  taskId: string,
  startedAt: number,
  focusedMs = 10 * MIN,
  outcome: SessionOutcome = 'completed',
): FocusSession {
  return {
    id: `s${nextId++}`,
    taskId,
    title: taskId,
    startedAt,
    endedAt: startedAt + Math.max(focusedMs, 0),
    plannedMs: 25 * MIN,
    focusedMs,
    outcome,
    pauses: [],
    note: null,
  };
}

const one = (tasks: Task[], sessions: FocusSession[], day: string): DayMomentum => {
  const [entry] = momentumByDay(tasks, sessions, day, day);
  return entry!;
};

describe('momentumByDay: the days', () => {
  it.each([
    ['one day', '2026-11-10', '2026-11-10', ['2026-11-10']],
    ['three days across a month end', '2026-11-29', '2026-12-01', ['2026-11-29', '2026-11-30', '2026-12-01']],
    ['the spring change (23 hours)', '2026-03-28', '2026-03-30', ['2026-03-28', '2026-03-29', '2026-03-30']],
    ['the autumn change (25 hours)', '2026-10-24', '2026-10-26', ['2026-10-24', '2026-10-25', '2026-10-26']],
    ['an empty range', '2026-11-11', '2026-11-10', []],
  ])('%s', (_name, from, to, days) => {
    expect(momentumByDay([], [], from, to).map((d) => d.day)).toEqual(days);
  });

  it('a year: starts at the edges of both daylight-saving days fall on their own days', () => {
    const edges = [
      new Date(2026, 2, 28, 23, 59).getTime(),
      new Date(2026, 2, 29, 0, 0).getTime(),
      new Date(2026, 2, 29, 23, 59).getTime(),
      new Date(2026, 2, 30, 0, 0).getTime(),
      new Date(2026, 9, 25, 0, 0).getTime(),
      new Date(2026, 9, 25, 23, 59).getTime(),
      new Date(2026, 9, 26, 0, 0).getTime(),
      new Date(2026, 11, 31, 23, 59).getTime(),
    ];
    const year = momentumByDay(
      [],
      edges.map((at) => session('a', at)),
      '2026-01-01',
      '2026-12-31',
    );
    expect(year).toHaveLength(365);
    const started = year.filter((d) => d.starts > 0).map((d) => [d.day, d.starts]);
    expect(started).toEqual([
      ['2026-03-28', 1],
      ['2026-03-29', 2],
      ['2026-03-30', 1],
      ['2026-10-25', 2],
      ['2026-10-26', 1],
      ['2026-12-31', 1],
    ]);
  });

  it('a day with nothing is zeros and nulls', () => {
    expect(one([], [], '2026-11-10')).toEqual({
      day: '2026-11-10',
      starts: 0,
      firstStartMin: null,
      focusedMin: 0,
      done: 0,
      captureToStartMin: null,
    });
  });

  it.each(['2026-11-31', '2026/11/10', '', 'today'])('refuses the day key %j', (bad) => {
    expect(() => momentumByDay([], [], bad, '2026-11-10')).toThrow(/Not a day key/);
    expect(() => momentumByDay([], [], '2026-11-10', bad)).toThrow(/Not a day key/);
  });
});

describe('momentumByDay: starts, first start, focused minutes', () => {
  const cases: [string, FocusSession[], string, Partial<DayMomentum>][] = [
    [
      'any outcome counts as a start',
      [
        session('a', nov(10, 9), 10 * MIN, 'completed'),
        session('a', nov(10, 10), 1 * MIN, 'stopped'),
        session('b', nov(10, 11), 0, 'abandoned'),
      ],
      '2026-11-10',
      { starts: 3, firstStartMin: 9 * 60, focusedMin: 11 },
    ],
    [
      'the first start is the earliest, not the first listed; minutes round down',
      [session('a', nov(10, 14)), session('a', nov(10, 8, 5) + 59_999)],
      '2026-11-10',
      { starts: 2, firstStartMin: 8 * 60 + 5 },
    ],
    [
      'focused minutes round the sum, not each session',
      [session('a', nov(10, 9), 0.4 * MIN), session('a', nov(10, 10), 0.4 * MIN)],
      '2026-11-10',
      { focusedMin: 1 },
    ],
    ['half a minute rounds up', [session('a', nov(10, 9), 2.5 * MIN)], '2026-11-10', { focusedMin: 3 }],
    [
      'a session across midnight counts on its start day',
      [session('a', nov(10, 23, 50), 30 * MIN)],
      '2026-11-10',
      { starts: 1, firstStartMin: 23 * 60 + 50, focusedMin: 30 },
    ],
    [
      '…and not on the day it ended',
      [session('a', nov(10, 23, 50), 30 * MIN)],
      '2026-11-11',
      { starts: 0, firstStartMin: null, focusedMin: 0 },
    ],
    [
      'a start at local midnight is that day at minute 0',
      [session('a', nov(11, 0))],
      '2026-11-11',
      { starts: 1, firstStartMin: 0 },
    ],
    [
      'the spring change: minutes are elapsed from midnight (02:00–03:00 does not exist)',
      [session('a', new Date(2026, 2, 29, 5, 0).getTime())],
      '2026-03-29',
      { starts: 1, firstStartMin: 4 * 60 },
    ],
    [
      'the spring change: 23:59 is still that day',
      [session('a', new Date(2026, 2, 29, 23, 59).getTime())],
      '2026-03-29',
      { starts: 1, firstStartMin: 22 * 60 + 59 },
    ],
    [
      'the autumn change: the 25th hour is still that day',
      [session('a', new Date(2026, 9, 25, 23, 30).getTime())],
      '2026-10-25',
      { starts: 1, firstStartMin: 24 * 60 + 30 },
    ],
    [
      'the autumn change: the day after starts at its own midnight',
      [session('a', new Date(2026, 9, 26, 0, 10).getTime())],
      '2026-10-26',
      { starts: 1, firstStartMin: 10 },
    ],
    [
      'sessions of tasks not in the list count for starts and focused minutes',
      [session('gone', nov(10, 9), 20 * MIN)],
      '2026-11-10',
      { starts: 1, firstStartMin: 9 * 60, focusedMin: 20, captureToStartMin: null },
    ],
  ];
  it.each(cases)('%s', (_name, sessions, day, expected) => {
    expect(one([task('a'), task('b')], sessions, day)).toMatchObject(expected);
  });
});

describe('momentumByDay: done', () => {
  const tasks = [
    task('done that day', { status: 'done', doneAt: nov(10, 9) }),
    task('a step done that day', { status: 'done', doneAt: nov(10, 23, 59), parentId: 'done that day' }),
    task('done the day before', { status: 'done', doneAt: nov(9, 23, 59) }),
    task('done the day after', { status: 'done', doneAt: nov(11, 0) }),
    task('archived with a done time', { status: 'archived', doneAt: nov(10, 10) }),
    task('reopened with a done time', { status: 'open', doneAt: nov(10, 11) }),
    task('done without a time', { status: 'done', doneAt: null }),
  ];
  it.each([
    ['2026-11-09', 1],
    ['2026-11-10', 2],
    ['2026-11-11', 1],
  ])('%s: %i done', (day, done) => {
    expect(one(tasks, [], day).done).toBe(done);
  });

  it('the autumn change: a task done in the 25th hour counts that day', () => {
    const late = task('late', { status: 'done', doneAt: new Date(2026, 9, 25, 23, 30).getTime() });
    expect(momentumByDay([late], [], '2026-10-25', '2026-10-26').map((d) => d.done)).toEqual([1, 0]);
  });
});

describe('momentumByDay: capture to first start', () => {
  const captured = (id: string, createdAt: number): Task => openTask(id, id, createdAt);
  const cases: [string, Task[], FocusSession[], number | null, string?][] = [
    ['none started', [captured('a', nov(10, 8))], [], null],
    [
      'one task: its wait, not rounded',
      [captured('a', nov(10, 8))],
      [session('a', nov(10, 8, 7) + 30_000)],
      7.5,
    ],
    [
      'the first session only: later sessions that day do not add samples',
      [captured('a', nov(10, 8))],
      [session('a', nov(10, 9)), session('a', nov(10, 8, 30)), session('a', nov(10, 11))],
      30,
    ],
    [
      'an odd count: the middle one',
      [captured('a', nov(10, 8)), captured('b', nov(10, 8)), captured('c', nov(9, 8))],
      [session('a', nov(10, 8, 10)), session('b', nov(10, 9)), session('c', nov(10, 8))],
      60,
    ],
    [
      'an even count: the mean of the middle two',
      [
        captured('a', nov(10, 8)),
        captured('b', nov(10, 8)),
        captured('c', nov(10, 8)),
        captured('d', nov(10, 8)),
      ],
      [
        session('a', nov(10, 8, 1)),
        session('b', nov(10, 8, 2)),
        session('c', nov(10, 8, 5)),
        session('d', nov(10, 12)),
      ],
      3.5,
    ],
    [
      'a task first started on an earlier day is not counted again',
      [captured('a', nov(9, 8)), captured('b', nov(10, 8))],
      [session('a', nov(9, 9)), session('a', nov(10, 9)), session('b', nov(10, 8, 20))],
      20,
    ],
    [
      'a task first started on a later day is not counted here',
      [captured('a', nov(10, 8))],
      [session('a', nov(11, 9))],
      null,
    ],
    [
      'clock skew: a start before the capture counts as 0',
      [captured('a', nov(10, 9)), captured('b', nov(10, 8))],
      [session('a', nov(10, 8, 55)), session('b', nov(10, 8, 40))],
      20,
    ],
    ['clock skew alone gives 0', [captured('a', nov(10, 9))], [session('a', nov(10, 8))], 0],
    [
      'a session across midnight: the wait counts on its start day',
      [captured('a', nov(10, 23))],
      [session('a', nov(10, 23, 45), 60 * MIN)],
      45,
    ],
    [
      'the spring change: the wait is elapsed time',
      [captured('a', new Date(2026, 2, 29, 1, 30).getTime())],
      [session('a', new Date(2026, 2, 29, 3, 30).getTime())],
      60,
      '2026-03-29',
    ],
  ];
  it.each(cases)('%s', (_name, tasks, sessions, expected, day = '2026-11-10') => {
    expect(one(tasks, sessions, day).captureToStartMin).toBe(expected);
  });
});

describe('momentumByDay over split ranges', () => {
  // Days around the autumn change, so some splits fall on and beside a 25-hour day.
  const base = new Date(2026, 9, 20).getTime();
  const span = 12 * 24 * 60 * MIN;
  const time = fc.integer({ min: base - 2 * 24 * 60 * MIN, max: base + span });
  const day = (offset: number): string => {
    const d = new Date(2026, 9, 20 + offset);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };

  it('equals the concatenation of its results over sub-ranges', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e'), created: time, done: fc.option(time) }),
          { maxLength: 8 },
        ),
        fc.array(
          fc.record({
            taskId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'x'),
            startedAt: time,
            focusedMs: fc.nat(90 * MIN),
          }),
          { maxLength: 20 },
        ),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        (taskRecs, sessionRecs, from, len, cut) => {
          const seen = new Set<string>();
          const tasks = taskRecs
            .filter((r) => !seen.has(r.id) && seen.add(r.id))
            .map((r) =>
              openTask(r.id, r.id, r.created, r.done === null ? {} : { status: 'done', doneAt: r.done }),
            );
          const sessions = sessionRecs.map((r) => session(r.taskId, r.startedAt, r.focusedMs));
          const fromDay = day(from);
          const toDay = day(from + len);
          const split = Math.min(cut, len);
          const whole = momentumByDay(tasks, sessions, fromDay, toDay);
          const parts = [
            ...momentumByDay(tasks, sessions, fromDay, day(from + split)),
            ...momentumByDay(tasks, sessions, day(from + split + 1), toDay),
          ];
          expect(parts).toEqual(whole);
          expect(whole).toHaveLength(len + 1);
        },
      ),
    );
  });
});

describe('estimateCalibration', () => {
  const done = (id: string, estimateMin: number | null, over: Partial<Task> = {}): Task =>
    task(id, { status: 'done', doneAt: nov(10, 12), estimateMin, ...over });
  const five = ['a', 'b', 'c', 'd', 'e'];
  const cases: [string, Task[], FocusSession[], { ratio: number | null; samples: number }][] = [
    ['nothing', [], [], { ratio: null, samples: 0 }],
    [
      'four samples are too few',
      five.slice(0, 4).map((id) => done(id, 10)),
      five.slice(0, 4).map((id) => session(id, nov(10, 9), 20 * MIN)),
      { ratio: null, samples: 4 },
    ],
    [
      'five samples: the median of focused over estimated',
      five.map((id) => done(id, 10)),
      five.map((id, i) => session(id, nov(10, 9), [5, 10, 18, 30, 40][i]! * MIN)),
      { ratio: 1.8, samples: 5 },
    ],
    [
      'six samples: the mean of the middle two',
      [...five, 'f'].map((id) => done(id, 20)),
      [...five, 'f'].map((id, i) => session(id, nov(10, 9), [1, 2, 10, 14, 100, 200][i]! * MIN)),
      { ratio: 0.6, samples: 6 },
    ],
    [
      "a task's sessions are summed",
      five.map((id) => done(id, 10)),
      five.flatMap((id) => [session(id, nov(10, 9), 4 * MIN), session(id, nov(10, 10), 11 * MIN)]),
      { ratio: 1.5, samples: 5 },
    ],
    [
      'only done tasks with an estimate above 0 and some focused time',
      [
        ...five.map((id) => done(id, 10)),
        task('open', { estimateMin: 10 }),
        task('archived', { status: 'archived', estimateMin: 10 }),
        done('no estimate', null),
        done('zero estimate', 0),
        done('no session', 10),
        done('zero focus', 10),
      ],
      [
        ...five.map((id) => session(id, nov(10, 9), 10 * MIN)),
        ...['open', 'archived', 'no estimate', 'zero estimate'].map((id) =>
          session(id, nov(10, 9), 99 * MIN),
        ),
        session('zero focus', nov(10, 9), 0, 'abandoned'),
      ],
      { ratio: 1, samples: 5 },
    ],
    [
      'a zero-focus session beside a real one still adds nothing but counts the task',
      five.map((id) => done(id, 10)),
      [...five.map((id) => session(id, nov(10, 9), 5 * MIN)), session('a', nov(10, 10), 0, 'abandoned')],
      { ratio: 0.5, samples: 5 },
    ],
    [
      'a negative focused time (refused by the schemas) is summed, but only a session above 0 makes a sample',
      [...five, 'f'].map((id) => done(id, 10)),
      [
        ...five.map((id) => session(id, nov(10, 9), 20 * MIN)),
        session('a', nov(10, 10), -5 * MIN),
        session('f', nov(10, 10), -5 * MIN),
      ],
      { ratio: 2, samples: 5 },
    ],
    [
      'steps count like any task',
      five.map((id) => done(id, 5, { parentId: 'p' })),
      five.map((id) => session(id, nov(10, 9), 10 * MIN)),
      { ratio: 2, samples: 5 },
    ],
  ];
  it.each(cases)('%s', (_name, tasks, sessions, expected) => {
    const got = estimateCalibration(tasks, sessions);
    expect(got.samples).toBe(expected.samples);
    if (expected.ratio === null) expect(got.ratio).toBeNull();
    else expect(got.ratio).toBeCloseTo(expected.ratio, 12);
  });
});

describe('momentumByDay against the definitions, day by day', () => {
  /** The definitions written as plainly as they read, one day at a time. */
  function reference(tasks: Task[], sessions: FocusSession[], days: string[]): DayMomentum[] {
    const keyOf = (ms: number): string => {
      const d = new Date(ms);
      const pad = (n: number): string => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    };
    return days.map((day) => {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      const midnight = new Date(y, m - 1, d).getTime();
      const started = sessions.filter((s) => keyOf(s.startedAt) === day);
      const earliest = started.length ? Math.min(...started.map((s) => s.startedAt)) : null;
      const waits = tasks.flatMap((t) => {
        const own = sessions.filter((s) => s.taskId === t.id);
        if (own.length === 0) return [];
        const first = Math.min(...own.map((s) => s.startedAt));
        return keyOf(first) === day ? [Math.max(0, (first - t.createdAt) / 60_000)] : [];
      });
      waits.sort((a, b) => a - b);
      const mid = Math.floor(waits.length / 2);
      return {
        day,
        starts: started.length,
        firstStartMin: earliest === null ? null : Math.floor((earliest - midnight) / 60_000),
        focusedMin: Math.round(started.reduce((sum, s) => sum + s.focusedMs, 0) / 60_000),
        done: tasks.filter((t) => t.status === 'done' && t.doneAt !== null && keyOf(t.doneAt) === day).length,
        captureToStartMin:
          waits.length === 0 ? null : waits.length % 2 ? waits[mid]! : (waits[mid - 1]! + waits[mid]!) / 2,
      };
    });
  }

  it('agrees on random records around both daylight-saving changes', () => {
    const HOUR = 60 * MIN;
    const around = fc.constantFrom(new Date(2026, 2, 26).getTime(), new Date(2026, 9, 22).getTime());
    fc.assert(
      fc.property(
        around,
        fc.array(
          fc.record({
            id: fc.constantFrom('a', 'b', 'c', 'd'),
            created: fc.integer({ min: -24, max: 6 * 24 }),
            done: fc.option(fc.integer({ min: 0, max: 6 * 24 * 60 })),
          }),
          { maxLength: 6 },
        ),
        fc.array(
          fc.record({
            taskId: fc.constantFrom('a', 'b', 'c', 'd', 'gone'),
            startedMin: fc.integer({ min: -60, max: 6 * 24 * 60 }),
            focusedMs: fc.nat(120 * MIN),
          }),
          { maxLength: 12 },
        ),
        (base, taskRecs, sessionRecs) => {
          const seen = new Set<string>();
          const tasks = taskRecs
            .filter((r) => !seen.has(r.id) && seen.add(r.id))
            .map((r) =>
              openTask(
                r.id,
                r.id,
                base + r.created * HOUR,
                r.done === null ? {} : { status: 'done', doneAt: base + r.done * MIN },
              ),
            );
          const sessions = sessionRecs.map((r) => session(r.taskId, base + r.startedMin * MIN, r.focusedMs));
          const days = momentumByDay([], [], dayOf(base), dayOf(base + 5 * 24 * HOUR)).map((d) => d.day);
          expect(days.length).toBeGreaterThanOrEqual(5);
          expect(momentumByDay(tasks, sessions, days[0]!, days.at(-1)!)).toEqual(
            reference(tasks, sessions, days),
          );
        },
      ),
    );
  });
});

function dayOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('estimateCalibration against its definition', () => {
  it('agrees on random records', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
            status: fc.constantFrom<Task['status']>('open', 'done', 'done', 'archived'),
            estimateMin: fc.option(fc.constantFrom(0, 1, 5, 10, 25, 60)),
          }),
          { maxLength: 8 },
        ),
        fc.array(
          fc.record({
            taskId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'x'),
            focusedMs: fc.nat(90 * MIN),
          }),
          { maxLength: 20 },
        ),
        (taskRecs, sessionRecs) => {
          const seen = new Set<string>();
          const tasks = taskRecs
            .filter((r) => !seen.has(r.id) && seen.add(r.id))
            .map((r) => task(r.id, { status: r.status, estimateMin: r.estimateMin }));
          const sessions = sessionRecs.map((r) => session(r.taskId, nov(10, 9), r.focusedMs));
          const ratios = tasks
            .filter((t) => t.status === 'done' && t.estimateMin !== null && t.estimateMin > 0)
            .filter((t) => sessions.some((s) => s.taskId === t.id && s.focusedMs > 0))
            .map(
              (t) =>
                sessions.filter((s) => s.taskId === t.id).reduce((sum, s) => sum + s.focusedMs, 0) /
                (t.estimateMin! * 60_000),
            )
            .sort((a, b) => a - b);
          const mid = Math.floor(ratios.length / 2);
          const ratio =
            ratios.length < 5
              ? null
              : ratios.length % 2
                ? ratios[mid]!
                : (ratios[mid - 1]! + ratios[mid]!) / 2;
          expect(estimateCalibration(tasks, sessions)).toEqual({ ratio, samples: ratios.length });
        },
      ),
    );
  });
});
