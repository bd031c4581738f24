import { describe, expect, it } from 'vitest';
import { needsSmallerStep, suggestFocusLength, twoMinuteStarts, twoMinuteWords } from '../../shared/stepSize';
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

describe('suggestFocusLength', () => {
  const NOW = 100 * 24 * 60 * MIN;
  const done = (focusedMin: number, over: Partial<FocusSession> = {}) => ({
    startedAt: NOW - 24 * 60 * MIN,
    focusedMs: focusedMin * MIN,
    outcome: 'completed' as SessionOutcome,
    ...over,
  });
  it.each<[string, ReturnType<typeof done>[], number, number | null]>([
    ['too few sessions', [done(10), done(10)], 25, null],
    ['median 10 of 25 (under two thirds): 10', [done(8), done(10), done(24)], 25, 10],
    ['median 12 rounds to 10', [done(12), done(12), done(12)], 25, 10],
    ['median 13 rounds to 15', [done(13), done(13), done(13)], 25, 15],
    ['median 17 of 25 is above two thirds', [done(17), done(17), done(17)], 25, null],
    ['median 16.5 of 25 is under two thirds: 15', [done(16.5), done(16.5), done(16.5)], 25, 15],
    ['an even count takes the mean of the middle two', [done(5), done(9), done(11), done(30)], 25, 10],
    ['never below 5', [done(1), done(1), done(2)], 25, 5],
    ['never the same as the setting', [done(4), done(4), done(4)], 5, null],
    [
      'stopped and abandoned sessions do not count',
      [done(5, { outcome: 'stopped' }), done(5, { outcome: 'abandoned' }), done(20), done(20), done(20)],
      25,
      null,
    ],
    [
      'two-minute starts do not count',
      [done(2, { mode: 'twoMinute' }), done(2, { mode: 'twoMinute' }), done(2, { mode: 'twoMinute' })],
      25,
      null,
    ],
    [
      'sessions older than 14 days do not count',
      [done(5, { startedAt: NOW - 15 * 24 * 60 * MIN }), done(5), done(5)],
      25,
      null,
    ],
  ])('%s', (_name, sessions, focusMinutes, expected) => {
    expect(suggestFocusLength(sessions, NOW, focusMinutes)).toBe(expected);
  });
});
