import { describe, it, expect } from 'vitest';
import {
  DEFAULT_DUE_FIRST_MS,
  MOMENTUM_MS,
  NEAR_MS,
  NO_DUE,
  explain,
  formatClock,
  formatDay,
  formatDue,
  pickNextAction,
  resolveAction,
  stepsByParent,
  taskIndexKeys,
  type NextAction,
} from '../../shared/nextAction';
import { dayKey } from '../../shared/days';
import { openTask, type Task } from '../../shared/types';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Wednesday 12 March 2025, 14:00 in Berlin (the test time zone). */
const NOW = new Date(2025, 2, 12, 14, 0).getTime();
const at = (month: number, day: number, hours = 0, minutes = 0): number =>
  new Date(2025, month - 1, day, hours, minutes).getTime();
const TODAY = dayKey(NOW);

/** A plain open top-level task created a day before NOW; override what the test is about. */
function task(id: string, overrides: Partial<Task> = {}): Task {
  return openTask(id, `Task ${id}`, NOW - DAY, overrides);
}

function step(id: string, parentId: string, order: number, overrides: Partial<Task> = {}): Task {
  return task(id, { parentId, order, ...overrides });
}

interface Picked {
  id: string;
  rule: NextAction['rule'];
  reason: string;
}

function pick(tasks: readonly Task[], now = NOW, dueFirstMs?: number): Picked | null {
  const action = pickNextAction(tasks, now, dueFirstMs === undefined ? {} : { dueFirstMs });
  return action && { id: action.task.id, rule: action.rule, reason: action.reason };
}

/** The order in which tasks come up when each shown task is done in turn. */
function showOrder(tasks: readonly Task[], now = NOW): string[] {
  let current = [...tasks];
  const out: string[] = [];
  for (let i = 0; i < tasks.length; i++) {
    const action = pickNextAction(current, now);
    if (!action) break;
    out.push(action.task.id);
    current = current.map((t) => (t.id === action.task.id ? { ...t, status: 'done', doneAt: now } : t));
  }
  return out;
}

describe('pickNextAction: nothing to show', () => {
  it('returns null for no tasks', () => {
    expect(pickNextAction([], NOW)).toBeNull();
  });

  it('never shows done or archived tasks, whatever else they have', () => {
    const tasks = [
      task('done', { status: 'done', doneAt: NOW - HOUR, priority: 1, pinnedFor: TODAY }),
      task('archived', { status: 'archived', priority: 1, due: { at: NOW + HOUR, hasTime: true } }),
      task('doneParent', { status: 'done', workedAt: NOW - HOUR }),
      step('doneStep', 'doneParent', 0, { status: 'done' }),
    ];
    expect(pickNextAction(tasks, NOW)).toBeNull();
  });

  it('returns null when everything is snoozed', () => {
    expect(pick([task('a', { snoozedUntil: NOW + HOUR }), task('b', { snoozedUntil: NOW + 1 })])).toBeNull();
  });
});

describe('pickNextAction: pinned', () => {
  it('shows the task pinned for today before anything due later, worked on or ranked', () => {
    const tasks = [
      task('p1', { priority: 1 }),
      task('due', { due: { at: NOW + DEFAULT_DUE_FIRST_MS + MIN, hasTime: true } }),
      task('worked', { workedAt: NOW - MIN }),
      step('workedStep', 'worked', 0),
      task('pinned', { pinnedFor: TODAY, createdAt: NOW - HOUR }),
    ];
    expect(pick(tasks)).toEqual({ id: 'pinned', rule: 'pinned', reason: 'Your first tiny step for today' });
  });

  it('lets a task due at a time come first from 30 minutes before it by default, and after it today', () => {
    const due17 = at(3, 12, 17, 0);
    const tasks = [
      task('pinned', { pinnedFor: TODAY }),
      task('due', { priority: 1, due: { at: due17, hasTime: true } }),
    ];
    expect(DEFAULT_DUE_FIRST_MS).toBe(30 * MIN);
    expect(pick(tasks, due17 - 30 * MIN - 1)?.id).toBe('pinned');
    expect(pick(tasks, due17 - 30 * MIN)).toEqual({ id: 'due', rule: 'dueSoon', reason: 'Due at 5 pm' });
    expect(pick(tasks, due17 + HOUR)).toEqual({ id: 'due', rule: 'dueSoon', reason: 'Was due at 5 pm' });
    // Done: the pinned step is first again.
    const done = tasks.map((t) => (t.id === 'due' ? { ...t, status: 'done' as const, doneAt: due17 } : t));
    expect(pick(done, due17 + HOUR)?.id).toBe('pinned');
  });

  it('takes the lead time from the settings: 15 minutes, 1 hour, 2 hours', () => {
    const due17 = at(3, 12, 17, 0);
    const tasks = [
      task('pinned', { pinnedFor: TODAY }),
      task('due', { priority: 1, due: { at: due17, hasTime: true } }),
    ];
    expect(pick(tasks, due17 - HOUR, HOUR)).toEqual({ id: 'due', rule: 'dueSoon', reason: 'Due at 5 pm' });
    expect(pick(tasks, due17 - HOUR - 1, HOUR)?.id).toBe('pinned');
    expect(pick(tasks, due17 - HOUR)?.id).toBe('pinned'); // the default: not yet
    expect(pick(tasks, due17 - 20 * MIN, 15 * MIN)?.id).toBe('pinned');
    expect(pick(tasks, due17 - 15 * MIN, 15 * MIN)?.id).toBe('due');
    expect(pick(tasks, due17 - 2 * HOUR, 2 * HOUR)?.id).toBe('due');
    // Never further ahead than the due-soon rule looks (NEAR_MS), whatever is passed.
    expect(pick(tasks, due17 - 3 * HOUR, 3 * HOUR)?.id).toBe('pinned');
  });

  it('keeps a task pinned for an earlier day pinned until it is done', () => {
    const yesterday = dayKey(NOW - DAY);
    expect(pick([task('p1', { priority: 1 }), task('old', { pinnedFor: yesterday })])).toEqual({
      id: 'old',
      rule: 'pinned',
      reason: 'Your first step since yesterday',
    });
    expect(pick([task('p1', { priority: 1 }), task('old', { pinnedFor: '2025-03-09' })])).toEqual({
      id: 'old',
      rule: 'pinned',
      reason: 'Your first step since Mar 9',
    });
  });

  it('does not pin a task pinned for tomorrow yet', () => {
    const tasks = [task('p1', { priority: 1 }), task('tomorrow', { pinnedFor: dayKey(NOW + DAY) })];
    expect(pick(tasks)).toEqual({ id: 'p1', rule: 'ranked', reason: 'Top priority' });
    expect(pick(tasks, NOW + DAY)).toEqual({
      id: 'tomorrow',
      rule: 'pinned',
      reason: 'Your first tiny step for today',
    });
  });

  it('shows the first step of a pinned task that has steps', () => {
    const tasks = [
      task('pinned', { title: 'Write report', pinnedFor: TODAY }),
      step('second', 'pinned', 1),
      step('first', 'pinned', 0),
    ];
    const action = pickNextAction(tasks, NOW);
    expect(action?.task.id).toBe('first');
    expect(action?.source.id).toBe('pinned');
    expect(action?.rule).toBe('pinned');
    expect(action?.reason).toBe('Your first tiny step for today');
  });

  it('ignores a pinned task once it is done or archived', () => {
    const tasks = [
      task('donePin', { pinnedFor: TODAY, status: 'done', doneAt: NOW - MIN }),
      task('archivedPin', { pinnedFor: TODAY, status: 'archived' }),
      task('next'),
    ];
    expect(pick(tasks)).toEqual({ id: 'next', rule: 'ranked', reason: 'Next in line' });
  });

  it('orders several pinned tasks by day, then by age', () => {
    const tasks = [
      task('today-new', { pinnedFor: TODAY, createdAt: NOW - HOUR }),
      task('today-old', { pinnedFor: TODAY, createdAt: NOW - 2 * HOUR }),
    ];
    expect(showOrder(tasks)).toEqual(['today-old', 'today-new']);
    const withOlderPin = [
      ...tasks,
      task('yesterday', { pinnedFor: dayKey(NOW - DAY), createdAt: NOW - MIN }),
    ];
    expect(showOrder(withOlderPin)).toEqual(['yesterday', 'today-old', 'today-new']);
  });

  it('skips a snoozed pinned task, and a pinned task whose steps are all snoozed', () => {
    const tasks = [
      task('snoozedPin', { pinnedFor: TODAY, snoozedUntil: NOW + HOUR }),
      task('pinParent', { pinnedFor: TODAY }),
      step('s1', 'pinParent', 0, { snoozedUntil: NOW + HOUR }),
      task('other'),
    ];
    expect(pick(tasks)).toEqual({ id: 'other', rule: 'ranked', reason: 'Next in line' });
    expect(pick(tasks, NOW + HOUR)?.rule).toBe('pinned');
  });
});

describe('pickNextAction: due soon', () => {
  const p1 = task('p1', { priority: 1 });

  it('shows a task due with a time within the next two hours before momentum and ranking', () => {
    const tasks = [
      p1,
      task('worked', { workedAt: NOW - MIN }),
      step('workedStep', 'worked', 0),
      task('call', { due: { at: at(3, 12, 15), hasTime: true } }),
    ];
    expect(pick(tasks)).toEqual({ id: 'call', rule: 'dueSoon', reason: 'Due at 3 pm' });
  });

  it('includes a task due exactly two hours ahead, not one due later', () => {
    expect(pick([p1, task('edge', { due: { at: NOW + NEAR_MS, hasTime: true } })])).toEqual({
      id: 'edge',
      rule: 'dueSoon',
      reason: 'Due at 4 pm',
    });
    expect(pick([p1, task('later', { due: { at: NOW + NEAR_MS + MIN, hasTime: true } })])).toEqual({
      id: 'p1',
      rule: 'ranked',
      reason: 'Top priority',
    });
  });

  it('shows a task whose time already passed earlier today', () => {
    expect(pick([p1, task('missed', { due: { at: at(3, 12, 9, 30), hasTime: true } })])).toEqual({
      id: 'missed',
      rule: 'dueSoon',
      reason: 'Was due at 9:30 am',
    });
  });

  it('does not count a due date without a time', () => {
    expect(pick([p1, task('today', { due: { at: at(3, 12), hasTime: false } })])).toEqual({
      id: 'p1',
      rule: 'ranked',
      reason: 'Top priority',
    });
    expect(pick([task('today', { due: { at: at(3, 12), hasTime: false } })])).toEqual({
      id: 'today',
      rule: 'ranked',
      reason: 'Due today',
    });
  });

  it("does not count yesterday's missed time", () => {
    const tasks = [p1, task('yesterday', { due: { at: at(3, 11, 15), hasTime: true } })];
    expect(pick(tasks)).toEqual({ id: 'p1', rule: 'ranked', reason: 'Top priority' });
    expect(pick([tasks[1]!])).toEqual({ id: 'yesterday', rule: 'ranked', reason: 'Overdue since yesterday' });
  });

  it('shows the earliest due first', () => {
    const tasks = [
      task('three', { due: { at: at(3, 12, 15), hasTime: true } }),
      task('morning', { due: { at: at(3, 12, 9), hasTime: true } }),
      task('half', { due: { at: at(3, 12, 14, 30), hasTime: true } }),
    ];
    expect(showOrder(tasks)).toEqual(['morning', 'half', 'three']);
    expect(pick(tasks)?.reason).toBe('Was due at 9 am');
  });

  it('shows the first step of a due task with steps, and says whose step it is', () => {
    const tasks = [
      task('report', { title: 'Report', due: { at: at(3, 12, 15, 30), hasTime: true } }),
      step('outline', 'report', 0),
    ];
    expect(pick(tasks)).toEqual({
      id: 'outline',
      rule: 'dueSoon',
      reason: 'Due at 3:30 pm: first step of “Report”',
    });
  });

  it('leaves out a snoozed due task', () => {
    const tasks = [p1, task('call', { due: { at: at(3, 12, 15), hasTime: true }, snoozedUntil: NOW + HOUR })];
    expect(pick(tasks)?.id).toBe('p1');
    expect(pick(tasks, NOW + HOUR)).toEqual({ id: 'call', rule: 'dueSoon', reason: 'Due at 3 pm' });
  });
});

describe('pickNextAction: momentum', () => {
  const p1 = task('p1', { priority: 1 });

  it('shows the first open step of the task worked on most recently, within 12 hours', () => {
    const tasks = [
      p1,
      task('older', { title: 'Older', workedAt: NOW - 2 * HOUR }),
      step('olderStep', 'older', 0),
      task('recent', { title: 'Taxes', workedAt: NOW - HOUR }),
      step('recentDone', 'recent', 0, { status: 'done', doneAt: NOW - HOUR }),
      step('recentSecond', 'recent', 2),
      step('recentNext', 'recent', 1),
    ];
    expect(pick(tasks)).toEqual({ id: 'recentNext', rule: 'momentum', reason: 'Next step of “Taxes”' });
  });

  it('counts work exactly 12 hours ago, not longer ago', () => {
    const tasks = [p1, task('w', { title: 'W', workedAt: NOW - MOMENTUM_MS }), step('ws', 'w', 0)];
    expect(pick(tasks)).toEqual({ id: 'ws', rule: 'momentum', reason: 'Next step of “W”' });
    expect(pick(tasks, NOW + 1)).toEqual({ id: 'p1', rule: 'ranked', reason: 'Top priority' });
    expect(pick(tasks, NOW + HOUR)?.rule).toBe('ranked');
  });

  it('does not trigger for a worked-on task without steps', () => {
    const tasks = [task('leaf', { workedAt: NOW - MIN, priority: 3 }), p1];
    expect(pick(tasks)).toEqual({ id: 'p1', rule: 'ranked', reason: 'Top priority' });
  });

  it('falls back to the next worked-on task when the most recent one has only a worked leaf', () => {
    const tasks = [
      p1,
      task('leaf', { workedAt: NOW - MIN }),
      task('parent', { title: 'Parent', workedAt: NOW - 3 * HOUR }),
      step('child', 'parent', 0),
    ];
    expect(pick(tasks)).toEqual({ id: 'child', rule: 'momentum', reason: 'Next step of “Parent”' });
  });

  it('skips a worked-on task whose steps are all snoozed', () => {
    const tasks = [
      p1,
      task('parent', { workedAt: NOW - MIN }),
      step('a', 'parent', 0, { snoozedUntil: NOW + HOUR }),
      step('b', 'parent', 1, { status: 'waiting', snoozedUntil: NOW + DAY }),
    ];
    expect(pick(tasks)).toEqual({ id: 'p1', rule: 'ranked', reason: 'Top priority' });
  });

  it('names a worked-on step as the source when the step itself has steps', () => {
    const tasks = [
      task('root', { title: 'Root' }),
      step('mid', 'root', 0, { title: 'Mid', workedAt: NOW - MIN }),
      step('leaf', 'mid', 0),
    ];
    expect(pick(tasks)).toEqual({ id: 'leaf', rule: 'momentum', reason: 'Next step of “Mid”' });
  });
});

describe('pickNextAction: ranking of top-level tasks', () => {
  it('orders by priority 1, 2, 3, then none', () => {
    const tasks = [
      task('none', { createdAt: NOW - 10 * HOUR }),
      task('p3', { priority: 3, createdAt: NOW - 9 * HOUR }),
      task('p2', { priority: 2, createdAt: NOW - 8 * HOUR }),
      task('p1', { priority: 1, createdAt: NOW - 7 * HOUR }),
    ];
    expect(showOrder(tasks)).toEqual(['p1', 'p2', 'p3', 'none']);
  });

  it('then by earlier due date (no due date last)', () => {
    const tasks = [
      task('noDue', { priority: 2, createdAt: NOW - 10 * HOUR }),
      task('nextWeek', { priority: 2, due: { at: at(3, 19), hasTime: false }, createdAt: NOW - 9 * HOUR }),
      task('tomorrow', { priority: 2, due: { at: at(3, 13), hasTime: false }, createdAt: NOW - 8 * HOUR }),
      task('p1Late', { priority: 1, due: { at: at(4, 30), hasTime: false }, createdAt: NOW - HOUR }),
    ];
    expect(showOrder(tasks)).toEqual(['p1Late', 'tomorrow', 'nextWeek', 'noDue']);
  });

  it('then small estimates (15 minutes or less) before larger or none', () => {
    const tasks = [
      task('none', { createdAt: NOW - 10 * HOUR }),
      task('sixteen', { estimateMin: 16, createdAt: NOW - 9 * HOUR }),
      task('fifteen', { estimateMin: 15, createdAt: NOW - 8 * HOUR }),
      task('two', { estimateMin: 2, createdAt: NOW - 7 * HOUR }),
      task('dueSmall', { estimateMin: 120, due: { at: at(3, 20), hasTime: false }, createdAt: NOW - HOUR }),
    ];
    // Among the small ones age decides (15 and 2 minutes count the same).
    expect(showOrder(tasks)).toEqual(['dueSmall', 'fifteen', 'two', 'none', 'sixteen']);
  });

  it('then fewer skips', () => {
    const tasks = [
      task('skipped2', { skipCount: 2, createdAt: NOW - 10 * HOUR }),
      task('skipped1', { skipCount: 1, createdAt: NOW - 9 * HOUR }),
      task('fresh', { skipCount: 0, createdAt: NOW - 8 * HOUR }),
      task('smallSkipped', { skipCount: 5, estimateMin: 5, createdAt: NOW - HOUR }),
    ];
    expect(showOrder(tasks)).toEqual(['smallSkipped', 'fresh', 'skipped1', 'skipped2']);
  });

  it('then older first, and the id when everything else ties', () => {
    const tasks = [
      task('b', { createdAt: NOW - 2 * HOUR }),
      task('newest', { createdAt: NOW - HOUR }),
      task('oldest', { createdAt: NOW - 3 * HOUR }),
      task('a', { createdAt: NOW - 2 * HOUR }),
    ];
    expect(showOrder(tasks)).toEqual(['oldest', 'a', 'b', 'newest']);
  });

  it('ranks only top-level tasks: a step never jumps ahead on its own priority', () => {
    const tasks = [
      task('parent', { title: 'Parent', priority: 3 }),
      step('urgentStep', 'parent', 1, { priority: 1 }),
      step('firstStep', 'parent', 0),
      task('p2', { priority: 2 }),
    ];
    expect(pick(tasks)).toEqual({ id: 'p2', rule: 'ranked', reason: 'Priority 2' });
  });
});

describe('pickNextAction: small by the calibrated estimate', () => {
  // The same backlog as "then small estimates" above.
  const tasks = [
    task('none', { createdAt: NOW - 10 * HOUR }),
    task('sixteen', { estimateMin: 16, createdAt: NOW - 9 * HOUR }),
    task('fifteen', { estimateMin: 15, createdAt: NOW - 8 * HOUR }),
    task('ten', { estimateMin: 10, createdAt: NOW - 7 * HOUR }),
    task('two', { estimateMin: 2, createdAt: NOW - 7 * HOUR + 1 }),
    task('thirty', { estimateMin: 30, createdAt: NOW - 6 * HOUR }),
  ];
  const order = (estimateRatio: number | null): string[] => {
    let current = [...tasks];
    const out: string[] = [];
    for (let i = 0; i < tasks.length; i++) {
      const action = pickNextAction(current, NOW, { estimateRatio });
      if (!action) break;
      out.push(action.task.id);
      current = current.map((t) => (t.id === action.task.id ? { ...t, status: 'done', doneAt: NOW } : t));
    }
    return out;
  };

  it.each<[string, number | null, string[]]>([
    ['no calibration yet', null, ['fifteen', 'ten', 'two', 'none', 'sixteen', 'thirty']],
    ['a ratio near 1 changes nothing', 1.2, ['fifteen', 'ten', 'two', 'none', 'sixteen', 'thirty']],
    ['just under 1.5 changes nothing', 1.49, ['fifteen', 'ten', 'two', 'none', 'sixteen', 'thirty']],
    // 1.5× long: 15 min is about 23, 10 min exactly 15.
    [
      'estimates 1.5× long: only ≤ 10 min stay small',
      1.5,
      ['ten', 'two', 'none', 'sixteen', 'fifteen', 'thirty'],
    ],
    [
      'estimates 2× long: only ≤ 7.5 min stay small',
      2,
      ['two', 'none', 'sixteen', 'fifteen', 'ten', 'thirty'],
    ],
    ['just over 0.67 changes nothing', 0.68, ['fifteen', 'ten', 'two', 'none', 'sixteen', 'thirty']],
    // 0.5×: 30 min is about 15, 16 about 8.
    [
      'tasks take 0.5× the estimate: up to 30 min count as small',
      0.5,
      ['sixteen', 'fifteen', 'ten', 'two', 'thirty', 'none'],
    ],
    ['0.67 counts as notable', 0.67, ['sixteen', 'fifteen', 'ten', 'two', 'none', 'thirty']],
  ])('%s (ratio %s)', (_name, ratio, expected) => {
    expect(order(ratio)).toEqual(expected);
  });

  it('still ranks priority and due date before size', () => {
    const ranked = [
      task('tinyNoPriority', { estimateMin: 2, createdAt: NOW - 9 * HOUR }),
      task('bigPriority', { estimateMin: 60, priority: 2, createdAt: NOW - HOUR }),
    ];
    expect(pickNextAction(ranked, NOW, { estimateRatio: 0.5 })?.task.id).toBe('bigPriority');
  });

  it('says so in the reason when the calibration made it small', () => {
    const one = [task('report', { estimateMin: 25 })];
    expect(pickNextAction(one, NOW, { estimateRatio: 0.5 })?.reason).toBe(
      'Small: 25 min, about 13 at your pace',
    );
    expect(pickNextAction(one, NOW)?.reason).toBe('Next in line');
    const small = [task('note', { estimateMin: 5 })];
    expect(pickNextAction(small, NOW, { estimateRatio: 1.8 })?.reason).toBe(
      'Small: 5 min, about 9 at your pace',
    );
    expect(pickNextAction([task('q', { estimateMin: 15 })], NOW, { estimateRatio: 1.8 })?.reason).toBe(
      'Next in line',
    );
  });

  it('leaves the stored index keys alone (they are the uncalibrated ranking)', () => {
    const t = task('fifteen', { estimateMin: 15 });
    expect(taskIndexKeys(t).rankKey?.[2]).toBe(0);
  });
});

describe('pickNextAction: steps', () => {
  it('never shows a task with open steps itself, but its first step by order', () => {
    const tasks = [
      task('move', { title: 'Move flat' }),
      step('c', 'move', 2),
      step('a', 'move', 0),
      step('b', 'move', 1),
    ];
    const action = pickNextAction(tasks, NOW);
    expect(action?.task.id).toBe('a');
    expect(action?.source.id).toBe('move');
    expect(action?.reason).toBe('First step of “Move flat”');
    expect(showOrder(tasks)).toEqual(['a', 'b', 'c', 'move']);
  });

  it('goes down nested steps to the first available leaf', () => {
    const tasks = [
      task('root', { title: 'Root' }),
      step('s2', 'root', 1),
      step('s1', 'root', 0),
      step('s1b', 's1', 1),
      step('s1a', 's1', 0),
      step('s1a1', 's1a', 0),
    ];
    expect(pick(tasks)).toEqual({ id: 's1a1', rule: 'ranked', reason: 'First step of “Root”' });
    expect(showOrder(tasks)).toEqual(['s1a1', 's1a', 's1b', 's1', 's2', 'root']);
  });

  it('orders steps with the same order by age', () => {
    const tasks = [
      task('root'),
      step('young', 'root', 0, { createdAt: NOW - HOUR }),
      step('old', 'root', 0, { createdAt: NOW - 2 * HOUR }),
    ];
    expect(pick(tasks)?.id).toBe('old');
  });

  it('passes over snoozed and waiting steps to the next available one', () => {
    const tasks = [
      task('root'),
      step('snoozed', 'root', 0, { snoozedUntil: NOW + HOUR }),
      step('waiting', 'root', 1, { status: 'waiting', snoozedUntil: NOW + DAY }),
      step('free', 'root', 2),
    ];
    expect(pick(tasks)?.id).toBe('free');
    expect(pick(tasks, NOW + HOUR)?.id).toBe('snoozed');
  });

  it('skips a parent whose steps are all snoozed (it does not show the parent instead)', () => {
    const tasks = [
      task('parent', { priority: 1 }),
      step('s1', 'parent', 0, { snoozedUntil: NOW + HOUR }),
      step('s2', 'parent', 1, { snoozedUntil: NOW + 2 * HOUR }),
      task('other', { priority: 3 }),
    ];
    expect(pick(tasks)).toEqual({ id: 'other', rule: 'ranked', reason: 'Next in line' });
    expect(pick(tasks, NOW + HOUR)).toEqual({
      id: 's1',
      rule: 'ranked',
      reason: 'Top priority · first step of “Task parent”',
    });
  });

  it('skips a nested branch whose steps are all snoozed and takes the next branch', () => {
    const tasks = [
      task('root', { title: 'Root' }),
      step('branch', 'root', 0),
      step('leaf', 'branch', 0, { snoozedUntil: NOW + HOUR }),
      step('second', 'root', 1),
    ];
    expect(pick(tasks)).toEqual({ id: 'second', rule: 'ranked', reason: 'First step of “Root”' });
  });

  it('shows the parent itself once all its steps are done', () => {
    const tasks = [task('parent'), step('s', 'parent', 0, { status: 'done', doneAt: NOW - HOUR })];
    expect(pick(tasks)).toEqual({ id: 'parent', rule: 'ranked', reason: 'Next in line' });
  });
});

describe('pickNextAction: snoozed and waiting', () => {
  it('leaves a snoozed task out until its time, then brings it back', () => {
    const tasks = [task('later', { priority: 1, snoozedUntil: NOW + HOUR }), task('other')];
    expect(pick(tasks)?.id).toBe('other');
    expect(pick(tasks, NOW + HOUR - 1)?.id).toBe('other');
    expect(pick(tasks, NOW + HOUR)).toEqual({ id: 'later', rule: 'ranked', reason: 'Top priority' });
  });

  it('leaves a waiting task out until its check-back time, then shows it with a check-back reason', () => {
    const checkBack = NOW + DAY;
    const tasks = [
      task('waiting', { status: 'waiting', waitingNote: 'reply from Sam', snoozedUntil: checkBack }),
      task('other', { createdAt: NOW - HOUR }),
    ];
    expect(pick(tasks)?.id).toBe('other');
    expect(pick(tasks, checkBack - 1)?.id).toBe('other');
    expect(pick(tasks, checkBack)).toEqual({
      id: 'waiting',
      rule: 'ranked',
      reason: 'Check back: reply from Sam',
    });
  });

  it('says only "Check back" without a note, and keeps the other reasons after it', () => {
    const tasks = [task('w', { status: 'waiting', priority: 1, snoozedUntil: NOW - MIN })];
    expect(pick(tasks)).toEqual({ id: 'w', rule: 'ranked', reason: 'Check back · Top priority' });
  });
});

describe('pickNextAction: reasons for ranked tasks', () => {
  const cases: [string, Partial<Task>, string][] = [
    ['priority 1', { priority: 1 }, 'Top priority'],
    ['priority 2', { priority: 2 }, 'Priority 2'],
    ['priority 3 alone', { priority: 3 }, 'Next in line'],
    ['due today', { due: { at: at(3, 12), hasTime: false } }, 'Due today'],
    ['due tomorrow with a time', { due: { at: at(3, 13, 9), hasTime: true } }, 'Due tomorrow at 9 am'],
    ['due on a weekday', { due: { at: at(3, 14), hasTime: false } }, 'Due Friday'],
    ['due in a while', { due: { at: at(4, 2), hasTime: false } }, 'Due Apr 2'],
    ['due later today (not near)', { due: { at: at(3, 12, 18, 45), hasTime: true } }, 'Due today at 6:45 pm'],
    ['overdue', { due: { at: at(3, 10), hasTime: false } }, 'Overdue since Mar 10'],
    [
      'priority and due',
      { priority: 1, due: { at: at(3, 13), hasTime: false } },
      'Top priority · Due tomorrow',
    ],
    ['small', { estimateMin: 10 }, 'Small: 10 min'],
    ['small and old', { estimateMin: 10, createdAt: NOW - 7 * DAY }, 'Small and waiting for a week'],
    ['a week old', { createdAt: NOW - 8 * DAY }, 'Waiting for a week'],
    ['three weeks old', { createdAt: NOW - 22 * DAY }, 'Waiting for 3 weeks'],
    ['priority hides size and age', { priority: 2, estimateMin: 5, createdAt: NOW - 30 * DAY }, 'Priority 2'],
    ['not small', { estimateMin: 16 }, 'Next in line'],
    ['nothing special', {}, 'Next in line'],
  ];
  it.each(cases)('%s', (_name, overrides, reason) => {
    expect(pick([task('t', overrides)])).toEqual({ id: 't', rule: 'ranked', reason });
  });

  it('judges "small" by the step shown and names the task it is a step of', () => {
    const tasks = [
      task('big', { title: 'Big', estimateMin: 240 }),
      step('tiny', 'big', 0, { estimateMin: 5 }),
    ];
    expect(pick(tasks)).toEqual({ id: 'tiny', rule: 'ranked', reason: 'Small: 5 min · first step of “Big”' });
  });

  it('keeps the priority of the task a step belongs to', () => {
    const tasks = [task('big', { title: 'Big', priority: 1 }), step('s', 'big', 0)];
    expect(pick(tasks)).toEqual({ id: 's', rule: 'ranked', reason: 'Top priority · first step of “Big”' });
  });
});

describe('resolveAction and taskIndexKeys', () => {
  it('returns the task itself when it has no active steps, null when none is available', () => {
    const parent = task('p');
    const steps = [step('s', 'p', 0, { snoozedUntil: NOW + HOUR })];
    const byParent = stepsByParent(steps);
    const lookup = (id: string): readonly Task[] => byParent.get(id) ?? [];
    expect(resolveAction(task('leaf'), lookup, NOW)?.id).toBe('leaf');
    expect(resolveAction(parent, lookup, NOW)).toBeNull();
    expect(resolveAction(parent, lookup, NOW + HOUR)?.id).toBe('s');
  });

  it('gives inactive tasks no index keys, and active ones the keys for their rules', () => {
    expect(taskIndexKeys(task('d', { status: 'done', pinnedFor: TODAY }))).toEqual({});
    expect(taskIndexKeys(task('a', { status: 'archived' }))).toEqual({});
    const top = task('top', {
      priority: 2,
      due: { at: at(3, 12, 15), hasTime: true },
      estimateMin: 10,
      skipCount: 3,
      workedAt: NOW - HOUR,
      pinnedFor: TODAY,
    });
    expect(taskIndexKeys(top)).toEqual({
      rankKey: [2, at(3, 12, 15), 0, 3, NOW - DAY, 'top'],
      timedDueKey: [at(3, 12, 15), 'top'],
      momentumKey: [NOW - HOUR, 'top'],
      pinKey: [TODAY, NOW - DAY, 'top'],
    });
    expect(
      taskIndexKeys(step('s', 'top', 4, { status: 'waiting', due: { at: at(3, 13), hasTime: false } })),
    ).toEqual({ stepKey: ['top', 4, NOW - DAY, 's'] });
    expect(taskIndexKeys(task('plain'))).toEqual({ rankKey: [4, NO_DUE, 1, 0, NOW - DAY, 'plain'] });
  });

  it('explain matches the reason pickNextAction gives', () => {
    const tasks = [task('x', { priority: 1, due: { at: at(3, 12, 15), hasTime: true } })];
    const action = pickNextAction(tasks, NOW)!;
    expect(action.reason).toBe(explain(action.rule, action.task, action.source, NOW));
    expect(explain('ranked', tasks[0]!, tasks[0]!, NOW)).toBe('Top priority · Due today at 3 pm');
  });
});

describe('formatClock', () => {
  it.each([
    [0, 0, '12 am'],
    [0, 5, '12:05 am'],
    [9, 30, '9:30 am'],
    [11, 59, '11:59 am'],
    [12, 0, '12 pm'],
    [15, 0, '3 pm'],
    [23, 59, '11:59 pm'],
  ])('%i:%i is %s', (h, m, text) => {
    expect(formatClock(at(3, 12, h, m))).toBe(text);
  });
});

describe('formatDay', () => {
  it('names nearby days relative to now', () => {
    expect(formatDay(at(3, 12, 23, 59), NOW)).toBe('today');
    expect(formatDay(at(3, 12, 0, 0), NOW)).toBe('today');
    expect(formatDay(at(3, 13, 0, 0), NOW)).toBe('tomorrow');
    expect(formatDay(at(3, 11, 23, 59), NOW)).toBe('yesterday');
    expect(formatDay(at(3, 14, 8), NOW)).toBe('Friday');
    expect(formatDay(at(3, 18, 8), NOW)).toBe('Tuesday');
    expect(formatDay(at(3, 19, 8), NOW)).toBe('Mar 19');
    expect(formatDay(at(3, 10, 8), NOW)).toBe('Mar 10');
    expect(formatDay(at(12, 3), NOW)).toBe('Dec 3');
  });

  it('counts calendar days across the change to summer time', () => {
    const saturdayLate = at(3, 29, 23, 30);
    expect(formatDay(at(3, 30, 0, 10), saturdayLate)).toBe('tomorrow');
    expect(formatDay(at(3, 31, 0, 10), saturdayLate)).toBe('Monday');
    expect(formatDay(at(3, 29, 0, 0), at(3, 30, 23, 0))).toBe('yesterday');
  });
});

describe('formatDue', () => {
  it('says nothing for no due date', () => {
    expect(formatDue(null, NOW)).toBe('');
  });

  it('adds the time when there is one', () => {
    expect(formatDue({ at: at(3, 12, 15), hasTime: true }, NOW)).toBe('today at 3 pm');
    expect(formatDue({ at: at(3, 14, 9, 15), hasTime: true }, NOW)).toBe('Friday at 9:15 am');
    expect(formatDue({ at: at(3, 14), hasTime: false }, NOW)).toBe('Friday');
    expect(formatDue({ at: at(3, 13), hasTime: false }, NOW)).toBe('tomorrow');
  });
});

describe('check back wording beyond the ranked rule', () => {
  it('says "Check back" for a waiting step reached through momentum, after its check-back time', () => {
    const tasks = [
      task('p', { title: 'Move flat', workedAt: NOW - HOUR }),
      step('w', 'p', 0, { status: 'waiting', waitingNote: 'the landlord', snoozedUntil: NOW - MIN }),
    ];
    expect(pick(tasks)).toEqual({
      id: 'w',
      rule: 'momentum',
      reason: 'Check back: the landlord · Next step of “Move flat”',
    });
  });

  it('says "Check back" for a waiting task that is due soon', () => {
    const tasks = [
      task('w', { status: 'waiting', snoozedUntil: NOW - MIN, due: { at: NOW + HOUR, hasTime: true } }),
    ];
    expect(pick(tasks)).toEqual({ id: 'w', rule: 'dueSoon', reason: 'Check back · Due at 3 pm' });
  });
});
