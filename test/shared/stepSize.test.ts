import { describe, expect, it } from 'vitest';
import { needsSmallerStep } from '../../shared/stepSize';
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
