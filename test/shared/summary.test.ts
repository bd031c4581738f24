import { describe, expect, it } from 'vitest';
import {
  dailyStats,
  reflectionDay,
  streak,
  startsWords,
  summarizeDay,
  toMarkdown,
  type DayStats,
} from '../../shared/summary';
import { openTask, type FocusSession, type Reflection, type Task } from '../../shared/types';

const MIN = 60_000;
const at = (d: number, h: number, m = 0): number => new Date(2026, 10, d, h, m).getTime();

function task(id: string, over: Partial<Task> = {}): Task {
  return openTask(id, id, at(1, 9), over);
}

function session(id: string, endedAt: number, focusedMin: number): FocusSession {
  return {
    id,
    taskId: 't',
    title: 't',
    startedAt: endedAt - focusedMin * MIN,
    endedAt,
    plannedMs: 25 * MIN,
    focusedMs: focusedMin * MIN,
    outcome: 'completed',
    pauses: [],
    note: null,
  };
}

const reflection = (day: string, over: Partial<Reflection> = {}): Reflection => ({
  day,
  moved: '',
  inTheWay: '',
  tomorrowStep: '',
  tomorrowStepTaskId: null,
  morningTrigger: false,
  createdAt: 0,
  updatedAt: 0,
  ...over,
});

describe('summarizeDay', () => {
  // Friday 27 November 2026.
  const tasks: Task[] = [
    task('write intro', { status: 'done', doneAt: at(27, 11) }),
    task('email Ana', { status: 'done', doneAt: at(27, 9, 30) }),
    task('yesterday', { status: 'done', doneAt: at(26, 23, 59) }),
    task('tomorrow', { status: 'done', doneAt: at(28, 0, 0) }),
    task('archived today', { status: 'archived', doneAt: null, updatedAt: at(27, 15) }),
    task('rust', {
      skipCount: 3,
      skipReasons: [
        { at: at(26, 10), reason: 'unclear' },
        { at: at(27, 10), reason: null },
        { at: at(27, 14), reason: 'too-big' },
        { at: at(27, 15), reason: 'too-big' },
      ],
    }),
    task('garage', { skipCount: 1, skipReasons: [{ at: at(27, 8), reason: 'not-now' }] }),
  ];
  const sessions = [
    session('a', at(27, 10), 25),
    session('b', at(27, 16), 17.6),
    session('c', at(26, 23, 30), 40),
    session('d', at(28, 0, 5), 5),
  ];

  it('counts what was done that local day, in order, and only that day', () => {
    const s = summarizeDay('2026-11-27', tasks, sessions);
    expect(s.done).toEqual([
      { id: 'email Ana', title: 'email Ana' },
      { id: 'write intro', title: 'write intro' },
    ]);
  });

  it('adds the focus of sessions that ended that day, in whole minutes', () => {
    const s = summarizeDay('2026-11-27', tasks, sessions);
    expect(s.sessions).toBe(2);
    expect(s.focusMinutes).toBe(43); // 25 + 17.6, rounded
  });

  it('lists what was set aside that day with the reasons given, most skipped first', () => {
    const s = summarizeDay('2026-11-27', tasks, sessions);
    expect(s.skipped).toEqual([
      { id: 'rust', title: 'rust', count: 3, reasons: ['too-big'] },
      { id: 'garage', title: 'garage', count: 1, reasons: ['not-now'] },
    ]);
  });

  it('gives zeros for an empty day', () => {
    expect(summarizeDay('2026-11-20', tasks, sessions)).toEqual({
      day: '2026-11-20',
      done: [],
      focusMinutes: 0,
      sessions: 0,
      skipped: [],
      starts: 0,
      firstStartMin: null,
    });
  });

  it('counts the starts of the day and the first one, with a session that ran past midnight', () => {
    const started = (id: string, startedAt: number, endedAt: number): FocusSession => ({
      ...session(id, endedAt, (endedAt - startedAt) / MIN),
      startedAt,
    });
    const s = summarizeDay('2026-11-27', tasks, [
      started('before', at(26, 23, 50), at(27, 0, 20)),
      started('first', at(27, 8, 45) + 30_000, at(27, 9, 10)),
      started('late', at(27, 23, 40), at(28, 0, 15)),
    ]);
    expect([s.starts, s.firstStartMin]).toEqual([2, 8 * 60 + 45]);
    expect(startsWords(s)).toBe('2 starts, the first at 8:45 am');
    expect(startsWords({ starts: 1, firstStartMin: 13 * 60 })).toBe('1 start, the first at 1 pm');
    expect(startsWords({ starts: 0, firstStartMin: null })).toBe('No starts');
  });

  it('uses local days across a daylight-saving change (25-hour day)', () => {
    const s = summarizeDay(
      '2026-10-25',
      [task('late', { status: 'done', doneAt: new Date(2026, 9, 25, 23, 30).getTime() })],
      [],
    );
    expect(s.done.map((t) => t.id)).toEqual(['late']);
  });
});

describe('reflectionDay', () => {
  it('is today from 4 am, and still yesterday in the small hours', () => {
    expect(reflectionDay(at(27, 17, 30))).toBe('2026-11-27');
    expect(reflectionDay(at(28, 0, 30))).toBe('2026-11-27');
    expect(reflectionDay(at(28, 3, 59))).toBe('2026-11-27');
    expect(reflectionDay(at(28, 4, 0))).toBe('2026-11-28');
  });
});

describe('dailyStats and streak', () => {
  const done = [
    task('a', { status: 'done', doneAt: at(24, 10) }),
    task('b', { status: 'done', doneAt: at(24, 12) }),
    task('c', { status: 'done', doneAt: at(26, 9) }),
    task('d', { status: 'archived', doneAt: at(26, 9) }),
    task('e', { status: 'done', doneAt: at(20, 9) }),
  ];
  const sessions = [
    session('s1', at(25, 10), 25),
    session('s2', at(25, 15), 10),
    session('s3', at(27, 9), 25),
  ];
  const reflections = [reflection('2026-11-24'), reflection('2026-11-26'), reflection('2026-11-01')];

  it('gives one entry per day with zeros, ignoring records outside the range', () => {
    const stats = dailyStats('2026-11-23', '2026-11-27', done, sessions, reflections);
    expect(stats).toEqual<DayStats[]>([
      { day: '2026-11-23', focusMinutes: 0, sessions: 0, done: 0, reflected: false },
      { day: '2026-11-24', focusMinutes: 0, sessions: 0, done: 2, reflected: true },
      { day: '2026-11-25', focusMinutes: 35, sessions: 2, done: 0, reflected: false },
      { day: '2026-11-26', focusMinutes: 0, sessions: 0, done: 1, reflected: true },
      { day: '2026-11-27', focusMinutes: 25, sessions: 1, done: 0, reflected: false },
    ]);
  });

  it('counts a streak of days with a reflection or a focus session, ending today', () => {
    const stats = dailyStats('2026-11-20', '2026-11-27', done, sessions, reflections);
    expect(streak(stats, '2026-11-27')).toBe(4); // 24, 25, 26, 27
  });

  it('does not break the streak because today is not over yet', () => {
    const stats = dailyStats('2026-11-20', '2026-11-28', done, sessions, reflections);
    expect(streak(stats, '2026-11-28')).toBe(4);
  });

  it('is zero after a day without either', () => {
    const stats = dailyStats('2026-11-20', '2026-11-30', done, sessions, reflections);
    expect(streak(stats, '2026-11-30')).toBe(0);
  });
});

describe('toMarkdown', () => {
  it('writes a day as a journal entry, escaping Markdown in user text', () => {
    const summary = {
      day: '2026-11-27',
      done: [{ id: '1', title: 'Fix *the* [link]' }],
      focusMinutes: 42,
      sessions: 1,
      skipped: [
        { id: '2', title: 'Learn Rust', count: 2, reasons: ['too-big' as const, 'unclear' as const] },
      ],
      starts: 3,
      firstStartMin: 9 * 60 + 5,
    };
    const md = toMarkdown([
      {
        summary,
        reflection: reflection('2026-11-27', {
          moved: '# A heading?\n- not a list',
          inTheWay: '',
          tomorrowStep: 'Open the draft',
        }),
      },
    ]);
    expect(md).toBe(
      [
        '## Friday, November 27, 2026',
        '',
        '- 1 done · 42 focus minutes · 1 focus session',
        '- 3 starts, the first at 9:05 am',
        '',
        '**Done**',
        '',
        '- [x] Fix \\*the\\* \\[link\\]',
        '',
        '**Set aside**',
        '',
        '- Learn Rust — too big, unclear',
        '',
        '**What moved**',
        '',
        '\\# A heading?',
        '\\- not a list',
        '',
        '**Tomorrow’s first tiny step**',
        '',
        'Open the draft',
        '',
      ].join('\n'),
    );
  });

  it('writes several days in order and skips empty answers', () => {
    const day = (d: string) => ({
      summary: {
        day: d,
        done: [],
        focusMinutes: 0,
        sessions: 0,
        skipped: [],
        starts: 0,
        firstStartMin: null,
      },
      reflection: null,
    });
    const md = toMarkdown([day('2026-11-26'), day('2026-11-27')]);
    expect(md.indexOf('Thursday, November 26')).toBeLessThan(md.indexOf('Friday, November 27'));
    expect(md).toContain('- 0 done · 0 focus minutes · 0 focus sessions\n- No starts');
    expect(md).not.toContain('**Done**');
  });
});
