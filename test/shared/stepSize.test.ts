import { describe, expect, it } from 'vitest';
import { needsSmallerStep, twoMinuteStarts, twoMinuteWords } from '../../shared/stepSize';
import { openTask, type FocusSession, type SessionOutcome, type SkipRecord } from '../../shared/types';

const MIN = 60_000;
const stop = (focusedMs: number, outcome: SessionOutcome = 'stopped', taskId = 't') =>
  ({ taskId, outcome, focusedMs }) as Pick<FocusSession, 'taskId' | 'outcome' | 'focusedMs'>;
const task = (skipReasons: SkipRecord[] = []) => openTask('t', 'Write the report', 0, { skipReasons });

describe('needsSmallerStep', () => {
  it.each<[string, SkipRecord[], ReturnType<typeof stop>[], boolean]>([
    ['a fresh task', [], [], false],
    ['one short stop', [], [stop(2 * MIN)], false],
    ['two short stops', [], [stop(2 * MIN), stop(4 * MIN + 59_999)], true],
    ['a stop at exactly 5 minutes is not short', [], [stop(2 * MIN), stop(5 * MIN)], false],
    [
      'short but completed (a two-minute start) is not a stop',
      [],
      [stop(2 * MIN, 'completed'), stop(MIN)],
      false,
    ],
    ['abandoned sessions are not stops', [], [stop(MIN, 'abandoned'), stop(MIN, 'abandoned')], false],
    ['stops of another task do not count', [], [stop(MIN, 'stopped', 'other'), stop(MIN)], false],
    ['skipped as too big once', [{ at: 1, reason: 'too-big' }], [], true],
    [
      'skipped for other reasons',
      [
        { at: 1, reason: 'unclear' },
        { at: 2, reason: null },
      ],
      [],
      false,
    ],
  ])('%s → %s', (_name, skips, sessions, expected) => {
    expect(needsSmallerStep(task(skips), sessions)).toBe(expected);
  });
});

describe('twoMinuteStarts', () => {
  const s = (id: string, startedAt: number, over: Partial<FocusSession> = {}) => ({
    id,
    startedAt,
    ...over,
  });
  const two = { mode: 'twoMinute' as const };
  const sessions = [
    s('a', 10, two),
    s('a2', 13, { ...two, continues: 'a' }),
    s('a3', 40, { ...two, continues: 'a2' }),
    s('b', 20, two),
    s('c', 30, two),
    s('c2', 31, { ...two, continues: 'c' }),
    s('standard', 15),
    s('standard2', 16, { continues: 'standard' }),
    s('before', 5, two),
    s('after', 100, two),
  ];
  it('counts two-minute starts in the period and the ones kept going, not their continuations', () => {
    expect(twoMinuteStarts(sessions, 10, 100)).toEqual({ starts: 3, keptGoing: 2 });
    expect(twoMinuteStarts(sessions, 0, 101)).toEqual({ starts: 5, keptGoing: 2 });
    expect(twoMinuteStarts([], 0, 100)).toEqual({ starts: 0, keptGoing: 0 });
  });
  it('says it in words', () => {
    expect(twoMinuteWords({ starts: 10, keptGoing: 7 })).toBe(
      '2-minute starts kept going 7 of 10 times this month',
    );
    expect(twoMinuteWords({ starts: 1, keptGoing: 0 })).toBe(
      '2-minute starts kept going 0 of 1 time this month',
    );
    expect(twoMinuteWords({ starts: 0, keptGoing: 0 })).toBeNull();
  });
});
