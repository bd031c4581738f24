import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  finishesAt,
  focusedMs,
  initialTimer,
  isTimerState,
  reduceTimer,
  remainingMs,
  timerPhase,
  type ActiveTimer,
  type TimerEvent,
  type TimerPhase,
  type TimerState,
} from '../../shared/focusTimer';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = 1_700_000_000_000;
const D = 25 * MIN;

/** States are flat, so a shallow freeze makes any mutation by the reducer throw (ESM is strict). */
function frozen<S extends TimerState>(state: S): S {
  return Object.freeze(state);
}

/** Lets tests hand the reducer data that does not type-check, as unvalidated IPC input could. */
function malformed(value: unknown): TimerEvent {
  return value as TimerEvent;
}

const idle = frozen(initialTimer());
const running = frozen(reduceTimer(idle, { type: 'start', taskId: 't1', durationMs: D }, T0));
const paused = frozen(reduceTimer(running, { type: 'pause' }, T0 + 10 * MIN));
/** Running since T0 with nothing else happening; finished from T0 + D on. */
const finished = running;

interface Reading {
  phase: TimerPhase;
  remaining: number;
  focused: number;
}

interface Row {
  name: string;
  from: TimerState;
  event: TimerEvent;
  at: number;
  applies: boolean;
  /** Readings of the result at `at`. */
  now: Reading;
  /** Optional readings of the result at a later time with no further events. */
  later?: Reading & { at: number };
}

const idleReading: Reading = { phase: 'idle', remaining: 0, focused: 0 };

const rows: Row[] = [
  // idle
  {
    name: 'idle + start → running with the full duration',
    from: idle,
    event: { type: 'start', taskId: 't1', durationMs: D },
    at: T0,
    applies: true,
    now: { phase: 'running', remaining: D, focused: 0 },
    later: { at: T0 + 5 * MIN, phase: 'running', remaining: 20 * MIN, focused: 5 * MIN },
  },
  {
    name: 'idle + start with empty taskId → unchanged',
    from: idle,
    event: { type: 'start', taskId: '', durationMs: D },
    at: T0,
    applies: false,
    now: idleReading,
  },
  ...[0, -5, NaN, Infinity, -Infinity].map((durationMs): Row => ({
    name: `idle + start with durationMs ${durationMs} → unchanged`,
    from: idle,
    event: { type: 'start', taskId: 't1', durationMs },
    at: T0,
    applies: false,
    now: idleReading,
  })),
  {
    name: 'idle + start with a non-finite nowMs → unchanged',
    from: idle,
    event: { type: 'start', taskId: 't1', durationMs: D },
    at: NaN,
    applies: false,
    now: idleReading,
  },
  ...(['pause', 'resume', 'stop'] as const).map((type): Row => ({
    name: `idle + ${type} → unchanged`,
    from: idle,
    event: { type },
    at: T0,
    applies: false,
    now: idleReading,
  })),
  {
    name: 'idle + extend → unchanged',
    from: idle,
    event: { type: 'extend', ms: 5 * MIN },
    at: T0,
    applies: false,
    now: idleReading,
  },

  // running (started at T0 for 25 min)
  {
    name: 'running + start → unchanged (a session is in progress)',
    from: running,
    event: { type: 'start', taskId: 't2', durationMs: D },
    at: T0 + 10 * MIN,
    applies: false,
    now: { phase: 'running', remaining: 15 * MIN, focused: 10 * MIN },
  },
  {
    name: 'running + pause → paused, and remaining stays frozen across hours',
    from: running,
    event: { type: 'pause' },
    at: T0 + 10 * MIN,
    applies: true,
    now: { phase: 'paused', remaining: 15 * MIN, focused: 10 * MIN },
    later: { at: T0 + 10 * MIN + 5 * HOUR, phase: 'paused', remaining: 15 * MIN, focused: 10 * MIN },
  },
  {
    name: 'running + resume → unchanged',
    from: running,
    event: { type: 'resume' },
    at: T0 + 10 * MIN,
    applies: false,
    now: { phase: 'running', remaining: 15 * MIN, focused: 10 * MIN },
  },
  {
    name: 'running + extend → more remaining, still running',
    from: running,
    event: { type: 'extend', ms: 5 * MIN },
    at: T0 + 10 * MIN,
    applies: true,
    now: { phase: 'running', remaining: 20 * MIN, focused: 10 * MIN },
    later: { at: T0 + 30 * MIN, phase: 'finished', remaining: 0, focused: 30 * MIN },
  },
  ...[0, -1, NaN, Infinity, -Infinity].map((ms): Row => ({
    name: `running + extend by ${ms} → unchanged`,
    from: running,
    event: { type: 'extend', ms },
    at: T0 + 10 * MIN,
    applies: false,
    now: { phase: 'running', remaining: 15 * MIN, focused: 10 * MIN },
  })),
  {
    name: 'running + stop → idle',
    from: running,
    event: { type: 'stop' },
    at: T0 + 10 * MIN,
    applies: true,
    now: idleReading,
  },
  {
    name: 'running, just before the end: still running with 1 ms left',
    from: running,
    event: { type: 'resume' },
    at: T0 + D - 1,
    applies: false,
    now: { phase: 'running', remaining: 1, focused: D - 1 },
  },
  {
    name: 'running reaches 0 → finished without any event',
    from: running,
    event: { type: 'resume' },
    at: T0 + D,
    applies: false,
    now: { phase: 'finished', remaining: 0, focused: D },
    later: { at: T0 + D + 3 * HOUR, phase: 'finished', remaining: 0, focused: D },
  },
  {
    name: 'running, clock went backwards: counts as 0 elapsed, pause still applies',
    from: running,
    event: { type: 'pause' },
    at: T0 - 5 * MIN,
    applies: true,
    now: { phase: 'paused', remaining: D, focused: 0 },
  },
  {
    name: 'running, clock went backwards: extend applies, nothing negative',
    from: running,
    event: { type: 'extend', ms: 5 * MIN },
    at: T0 - HOUR,
    applies: true,
    now: { phase: 'running', remaining: 30 * MIN, focused: 0 },
    later: { at: T0 + 10 * MIN, phase: 'running', remaining: 20 * MIN, focused: 10 * MIN },
  },

  // paused (10 min in, 15 min left), events two hours later
  {
    name: 'paused + start → unchanged',
    from: paused,
    event: { type: 'start', taskId: 't2', durationMs: D },
    at: T0 + 2 * HOUR,
    applies: false,
    now: { phase: 'paused', remaining: 15 * MIN, focused: 10 * MIN },
  },
  {
    name: 'paused + pause → unchanged',
    from: paused,
    event: { type: 'pause' },
    at: T0 + 2 * HOUR,
    applies: false,
    now: { phase: 'paused', remaining: 15 * MIN, focused: 10 * MIN },
  },
  {
    name: 'paused + resume → running again from the frozen remaining',
    from: paused,
    event: { type: 'resume' },
    at: T0 + 2 * HOUR,
    applies: true,
    now: { phase: 'running', remaining: 15 * MIN, focused: 10 * MIN },
    later: { at: T0 + 2 * HOUR + 5 * MIN, phase: 'running', remaining: 10 * MIN, focused: 15 * MIN },
  },
  {
    name: 'paused + extend → more remaining, still paused',
    from: paused,
    event: { type: 'extend', ms: 5 * MIN },
    at: T0 + 2 * HOUR,
    applies: true,
    now: { phase: 'paused', remaining: 20 * MIN, focused: 10 * MIN },
    later: { at: T0 + 9 * HOUR, phase: 'paused', remaining: 20 * MIN, focused: 10 * MIN },
  },
  {
    name: 'paused + stop → idle',
    from: paused,
    event: { type: 'stop' },
    at: T0 + 2 * HOUR,
    applies: true,
    now: idleReading,
  },
  {
    name: 'paused + resume with the clock gone backwards → running, nothing lost',
    from: paused,
    event: { type: 'resume' },
    at: T0,
    applies: true,
    now: { phase: 'running', remaining: 15 * MIN, focused: 10 * MIN },
    later: { at: T0 + MIN, phase: 'running', remaining: 14 * MIN, focused: 11 * MIN },
  },

  // finished (ran out at T0 + D), events after a long gap
  {
    name: 'finished + start → a new session',
    from: finished,
    event: { type: 'start', taskId: 't2', durationMs: 10 * MIN },
    at: T0 + D + 2 * HOUR,
    applies: true,
    now: { phase: 'running', remaining: 10 * MIN, focused: 0 },
  },
  {
    name: 'finished + invalid start → unchanged',
    from: finished,
    event: { type: 'start', taskId: 't2', durationMs: -1 },
    at: T0 + D + 2 * HOUR,
    applies: false,
    now: { phase: 'finished', remaining: 0, focused: D },
  },
  {
    name: 'finished + pause → unchanged',
    from: finished,
    event: { type: 'pause' },
    at: T0 + D + 2 * HOUR,
    applies: false,
    now: { phase: 'finished', remaining: 0, focused: D },
  },
  {
    name: 'finished + resume → unchanged',
    from: finished,
    event: { type: 'resume' },
    at: T0 + D + 2 * HOUR,
    applies: false,
    now: { phase: 'finished', remaining: 0, focused: D },
  },
  {
    name: 'finished + extend after a long gap → keep going with exactly ms remaining',
    from: finished,
    event: { type: 'extend', ms: 5 * MIN },
    at: T0 + D + 2 * HOUR,
    applies: true,
    now: { phase: 'running', remaining: 5 * MIN, focused: D },
    later: { at: T0 + D + 2 * HOUR + 5 * MIN, phase: 'finished', remaining: 0, focused: 30 * MIN },
  },
  {
    name: 'finished + extend by NaN → unchanged',
    from: finished,
    event: { type: 'extend', ms: NaN },
    at: T0 + D + 2 * HOUR,
    applies: false,
    now: { phase: 'finished', remaining: 0, focused: D },
  },
  {
    name: 'finished + stop → idle',
    from: finished,
    event: { type: 'stop' },
    at: T0 + D + 2 * HOUR,
    applies: true,
    now: idleReading,
  },

  // malformed events never apply
  ...[
    { type: 'explode' },
    { type: 'extend' },
    { type: 'extend', ms: '5' },
    { type: 'start', taskId: 7, durationMs: D },
    { type: 'start', durationMs: D },
    {},
    [],
    null,
    undefined,
    42,
    'stop',
  ].map((event): Row => ({
    name: `running + malformed ${JSON.stringify(event) ?? 'undefined'} → unchanged`,
    from: running,
    event: malformed(event),
    at: T0 + 10 * MIN,
    applies: false,
    now: { phase: 'running', remaining: 15 * MIN, focused: 10 * MIN },
  })),
  ...(['pause', 'resume', 'extend', 'start'] as const).map((type): Row => ({
    name: `paused + ${type} at nowMs NaN → unchanged`,
    from: paused,
    event: malformed({ type, ms: MIN, taskId: 't3', durationMs: MIN }),
    at: NaN,
    applies: false,
    now: { phase: 'paused', remaining: 15 * MIN, focused: 10 * MIN },
  })),
];

function read(state: TimerState, at: number): Reading {
  return { phase: timerPhase(state, at), remaining: remainingMs(state, at), focused: focusedMs(state, at) };
}

describe('focus timer transitions', () => {
  it.each(rows)('$name', (row) => {
    const before = JSON.stringify(row.from);
    const next = reduceTimer(row.from, row.event, row.at);

    if (row.applies) expect(next).not.toBe(row.from);
    else expect(next).toBe(row.from);
    expect(JSON.stringify(row.from)).toBe(before);
    expect(isTimerState(next)).toBe(true);

    // Readings at a NaN time are meaningless; the state itself is what matters there.
    const at = Number.isNaN(row.at) ? T0 + 10 * MIN : row.at;
    expect(read(next, at)).toEqual(row.now);
    if (row.later) {
      const { at: laterAt, ...reading } = row.later;
      expect(read(next, laterAt)).toEqual(reading);
    }
  });

  it('stop on idle returns the same object; stop on active returns a fresh idle state', () => {
    expect(reduceTimer(idle, { type: 'stop' }, T0)).toBe(idle);
    expect(reduceTimer(running, { type: 'stop' }, T0)).toEqual({ phase: 'idle' });
  });

  it('start records the task and start time and runs immediately', () => {
    expect(running).toEqual({
      phase: 'active',
      taskId: 't1',
      startedAt: T0,
      totalMs: D,
      accumulatedMs: 0,
      runningSince: T0,
    });
  });

  it('keep going banks the old total and keeps the session start', () => {
    const kept = reduceTimer(finished, { type: 'extend', ms: 5 * MIN }, T0 + 3 * HOUR);
    expect(kept).toEqual({
      phase: 'active',
      taskId: 't1',
      startedAt: T0,
      totalMs: 30 * MIN,
      accumulatedMs: D,
      runningSince: T0 + 3 * HOUR,
    });
  });

  it('keep going also works from a persisted state that was paused exactly at the end', () => {
    const loaded = frozen<ActiveTimer>({
      phase: 'active',
      taskId: 't1',
      startedAt: T0,
      totalMs: D,
      accumulatedMs: D,
      runningSince: null,
    });
    expect(timerPhase(loaded, T0 + HOUR)).toBe('finished');
    expect(reduceTimer(loaded, { type: 'resume' }, T0 + HOUR)).toBe(loaded);
    const kept = reduceTimer(loaded, { type: 'extend', ms: MIN }, T0 + HOUR);
    expect(read(kept, T0 + HOUR)).toEqual({ phase: 'running', remaining: MIN, focused: D });
  });

  it('an extend that would overflow totalMs to Infinity does not apply', () => {
    const huge = reduceTimer(running, { type: 'extend', ms: Number.MAX_VALUE }, T0);
    expect(huge).not.toBe(running);
    expect(isTimerState(huge)).toBe(true);
    expect(reduceTimer(huge, { type: 'extend', ms: Number.MAX_VALUE }, T0)).toBe(huge);
  });

  it('stray keys from a loaded state do not survive a transition', () => {
    const loaded = { ...running, extra: 1 };
    expect(isTimerState(loaded)).toBe(true);
    expect(reduceTimer(loaded, { type: 'pause' }, T0 + MIN)).not.toHaveProperty('extra');
  });
});

describe('finishesAt', () => {
  it('is null when idle or paused', () => {
    expect(finishesAt(idle)).toBeNull();
    expect(finishesAt(paused)).toBeNull();
  });

  it('is when a running timer reaches 0', () => {
    expect(finishesAt(running)).toBe(T0 + D);
    const resumed = reduceTimer(paused, { type: 'resume' }, T0 + HOUR);
    expect(finishesAt(resumed)).toBe(T0 + HOUR + 15 * MIN);
    const extended = reduceTimer(resumed, { type: 'extend', ms: MIN }, T0 + HOUR + MIN);
    expect(finishesAt(extended)).toBe(T0 + HOUR + 16 * MIN);
  });
});

describe('isTimerState', () => {
  const valid: ActiveTimer = {
    phase: 'active',
    taskId: 't',
    startedAt: T0,
    totalMs: D,
    accumulatedMs: 0,
    runningSince: null,
  };

  it.each<[string, unknown]>([
    ['idle', { phase: 'idle' }],
    ['running', running],
    ['paused', paused],
    ['accumulated equals total', { ...valid, accumulatedMs: D }],
    ['runningSince before startedAt (clock went back)', { ...valid, runningSince: T0 - HOUR }],
  ])('accepts %s', (_name, value) => {
    expect(isTimerState(value)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a number', 3],
    ['a string', 'idle'],
    ['an array', []],
    ['an unknown phase', { phase: 'running' }],
    ['missing phase', { ...valid, phase: undefined }],
    ['empty taskId', { ...valid, taskId: '' }],
    ['numeric taskId', { ...valid, taskId: 1 }],
    ['missing startedAt', { ...valid, startedAt: undefined }],
    ['NaN startedAt', { ...valid, startedAt: NaN }],
    ['zero totalMs', { ...valid, totalMs: 0, accumulatedMs: 0 }],
    ['negative totalMs', { ...valid, totalMs: -1, accumulatedMs: -2 }],
    ['infinite totalMs', { ...valid, totalMs: Infinity }],
    ['string totalMs', { ...valid, totalMs: '100' }],
    ['negative accumulatedMs', { ...valid, accumulatedMs: -1 }],
    ['accumulatedMs above totalMs', { ...valid, accumulatedMs: D + 1 }],
    ['NaN accumulatedMs', { ...valid, accumulatedMs: NaN }],
    ['missing runningSince', { ...valid, runningSince: undefined }],
    ['infinite runningSince', { ...valid, runningSince: Infinity }],
    ['string runningSince', { ...valid, runningSince: '0' }],
  ])('rejects %s', (_name, value) => {
    expect(isTimerState(value)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random event sequences
// ---------------------------------------------------------------------------------------------

const taskIdArb = fc.constantFrom('a', 'task-1', 'ü');
const smallMsArb = fc.integer({ min: 1, max: 200 });

const validEventArb: fc.Arbitrary<TimerEvent> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ type: fc.constant('start' as const), taskId: taskIdArb, durationMs: smallMsArb }),
  },
  { weight: 3, arbitrary: fc.constant<TimerEvent>({ type: 'pause' }) },
  { weight: 3, arbitrary: fc.constant<TimerEvent>({ type: 'resume' }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('extend' as const), ms: smallMsArb }) },
  { weight: 1, arbitrary: fc.constant<TimerEvent>({ type: 'stop' }) },
);

const badNumberArb = fc.constantFrom(0, -1, -100, NaN, Infinity, -Infinity);
const malformedEventArb: fc.Arbitrary<TimerEvent> = fc
  .oneof(
    fc.record({ type: fc.constant('extend'), ms: badNumberArb }),
    fc.record({ type: fc.constant('start'), taskId: taskIdArb, durationMs: badNumberArb }),
    fc.record({
      type: fc.constant('start'),
      taskId: fc.constantFrom<unknown>('', 5, null),
      durationMs: smallMsArb,
    }),
    fc.constantFrom<unknown>({ type: 'bogus' }, { type: 'extend' }, {}, [], null, undefined, 42, 'pause'),
  )
  .map(malformed);

const eventArb = fc.oneof(
  { weight: 5, arbitrary: validEventArb },
  { weight: 1, arbitrary: malformedEventArb },
);

/** Time steps ≥ 0: often 0 (same instant), usually small, sometimes long relative to durations. */
const deltaArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 60 }),
  fc.integer({ min: 0, max: 1_000 }),
);

interface Step {
  delta: number;
  event: TimerEvent;
}

const scenarioArb = fc.record({
  t0: fc.integer({ min: 0, max: 2_000_000_000_000 }),
  steps: fc.array(fc.record({ delta: deltaArb, event: eventArb }), { maxLength: 40 }),
});

/** Later offsets to probe a state at, in increasing order. */
const probesArb = fc
  .array(fc.integer({ min: 0, max: 1_000 }), { minLength: 1, maxLength: 8 })
  .map((xs) => [...xs].sort((a, b) => a - b));

interface Transition {
  before: TimerState;
  event: TimerEvent;
  at: number;
  after: TimerState;
}

/** Runs the reducer over the steps (times t0 + cumulative deltas), freezing every state it sees. */
function runSteps(t0: number, steps: Step[]): Transition[] {
  const out: Transition[] = [];
  let state: TimerState = frozen(initialTimer());
  let at = t0;
  for (const step of steps) {
    at += step.delta;
    const after = frozen(reduceTimer(state, step.event, at));
    out.push({ before: state, event: step.event, at, after });
    state = after;
  }
  return out;
}

/** Whether the event is well formed per the contract, judged independently of the implementation. */
function wellFormed(event: unknown): event is TimerEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as { type?: unknown; taskId?: unknown; durationMs?: unknown; ms?: unknown };
  const positive = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x) && x > 0;
  switch (e.type) {
    case 'start':
      return typeof e.taskId === 'string' && e.taskId !== '' && positive(e.durationMs);
    case 'extend':
      return positive(e.ms);
    case 'pause':
    case 'resume':
    case 'stop':
      return true;
    default:
      return false;
  }
}

/** The phase × event table of the contract. */
function appliesIn(phase: TimerPhase, event: TimerEvent): boolean {
  if (!wellFormed(event)) return false;
  switch (event.type) {
    case 'start':
      return phase === 'idle' || phase === 'finished';
    case 'pause':
      return phase === 'running';
    case 'resume':
      return phase === 'paused';
    case 'extend':
      return phase !== 'idle';
    case 'stop':
      return phase !== 'idle';
  }
}

describe('focus timer properties', () => {
  it('never throws; states stay plain JSON and pass isTimerState; inputs are never mutated', () => {
    fc.assert(
      fc.property(scenarioArb, probesArb, ({ t0, steps }, probes) => {
        for (const { after, at } of runSteps(t0, steps)) {
          expect(JSON.parse(JSON.stringify(after))).toEqual(after);
          expect(isTimerState(after)).toBe(true);
          for (const p of probes) {
            const r = remainingMs(after, at + p);
            const f = focusedMs(after, at + p);
            expect(r).toBeGreaterThanOrEqual(0);
            expect(f).toBeGreaterThanOrEqual(0);
            expect(Number.isFinite(r) && Number.isFinite(f)).toBe(true);
          }
        }
      }),
    );
  });

  it('never throws and stays valid even when the clock jumps around (including backwards)', () => {
    const wildSteps = fc.array(
      fc.record({
        at: fc.integer({ min: -1_000, max: 1_000 }),
        event: eventArb,
        probe: fc.integer({ min: -1_000, max: 1_000 }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(wildSteps, (steps) => {
        let state: TimerState = frozen(initialTimer());
        for (const { at, event, probe } of steps) {
          state = frozen(reduceTimer(state, event, at));
          expect(isTimerState(state)).toBe(true);
          const r = remainingMs(state, probe);
          const f = focusedMs(state, probe);
          expect(r).toBeGreaterThanOrEqual(0);
          expect(f).toBeGreaterThanOrEqual(0);
          if (state.phase === 'active') {
            expect(r + f).toBe(state.totalMs);
            expect(r).toBeLessThanOrEqual(state.totalMs);
          }
        }
      }),
    );
  });

  it('while not idle, focused + remaining = start duration + accepted extends', () => {
    fc.assert(
      fc.property(scenarioArb, probesArb, ({ t0, steps }, probes) => {
        let expected = 0;
        for (const { before, event, at, after } of runSteps(t0, steps)) {
          if (after !== before && wellFormed(event)) {
            if (event.type === 'start') expected = event.durationMs;
            if (event.type === 'extend') expected += event.ms;
          }
          if (after.phase === 'idle') continue;
          for (const p of [0, ...probes]) {
            expect(focusedMs(after, at + p) + remainingMs(after, at + p)).toBe(expected);
          }
        }
      }),
    );
  });

  it('within a session focused never decreases and never exceeds the wall time spent running', () => {
    fc.assert(
      fc.property(scenarioArb, ({ t0, steps }) => {
        let sessionStart: number | null = null;
        let lastFocused = 0;
        // Upper bound on running wall time: every interval that began in the running phase.
        let runningWall = 0;
        let prev: { state: TimerState; at: number } = { state: initialTimer(), at: t0 };
        for (const { before, event, at, after } of runSteps(t0, steps)) {
          if (timerPhase(prev.state, prev.at) === 'running') runningWall += at - prev.at;
          // Before the event: time has passed, the session is unchanged.
          if (sessionStart !== null) {
            const f = focusedMs(before, at);
            expect(f).toBeGreaterThanOrEqual(lastFocused);
            lastFocused = f;
          }
          const newSession =
            after !== before && (after.phase === 'idle' || (wellFormed(event) && event.type === 'start'));
          if (newSession) {
            sessionStart = after.phase === 'idle' ? null : at;
            lastFocused = 0;
            runningWall = 0;
          }
          if (sessionStart !== null) {
            const f = focusedMs(after, at);
            expect(f).toBeGreaterThanOrEqual(lastFocused);
            expect(f).toBeLessThanOrEqual(at - sessionStart);
            expect(f).toBeLessThanOrEqual(runningWall);
            lastFocused = f;
          }
          prev = { state: after, at };
        }
      }),
    );
  });

  it('without events, remaining never increases (and focused never decreases) as time passes', () => {
    fc.assert(
      fc.property(scenarioArb, probesArb, ({ t0, steps }, probes) => {
        for (const { after, at } of runSteps(t0, steps)) {
          let lastRemaining = remainingMs(after, at);
          let lastFocused = focusedMs(after, at);
          for (const p of probes) {
            const r = remainingMs(after, at + p);
            const f = focusedMs(after, at + p);
            expect(r).toBeLessThanOrEqual(lastRemaining);
            expect(f).toBeGreaterThanOrEqual(lastFocused);
            lastRemaining = r;
            lastFocused = f;
          }
        }
      }),
    );
  });

  it('a paused timer keeps the remaining it had when paused, at any later time', () => {
    fc.assert(
      fc.property(scenarioArb, probesArb, ({ t0, steps }, probes) => {
        for (const { before, event, at, after } of runSteps(t0, steps)) {
          if (after !== before && wellFormed(event) && event.type === 'pause') {
            const atPause = remainingMs(before, at);
            expect(atPause).toBeGreaterThan(0);
            for (const p of probes) {
              expect(remainingMs(after, at + p)).toBe(atPause);
              expect(timerPhase(after, at + p)).toBe('paused');
            }
          }
          if (timerPhase(after, at) === 'paused') {
            const r = remainingMs(after, at);
            for (const p of probes) expect(remainingMs(after, at + p)).toBe(r);
          }
        }
      }),
    );
  });

  it('an event that does not apply returns the same reference; one that applies returns a new object', () => {
    fc.assert(
      fc.property(scenarioArb, ({ t0, steps }) => {
        for (const { before, event, at, after } of runSteps(t0, steps)) {
          const applies = appliesIn(timerPhase(before, at), event);
          if (applies) expect(after).not.toBe(before);
          else expect(after).toBe(before);
        }
      }),
    );
  });

  it('matches an independent countdown model', () => {
    /** A ticking model: it moves time forward explicitly and never looks at the reducer's fields. */
    interface Model {
      session: { total: number; remaining: number; running: boolean; focused: number } | null;
    }
    const phaseOf = (m: Model): TimerPhase => {
      if (m.session === null) return 'idle';
      if (m.session.remaining === 0) return 'finished';
      return m.session.running ? 'running' : 'paused';
    };
    const advance = (m: Model, dt: number): void => {
      if (m.session === null || !m.session.running) return;
      const used = Math.min(dt, m.session.remaining);
      m.session.remaining -= used;
      m.session.focused += used;
    };
    /** Applies the event to the model in place; returns whether it applied. */
    const apply = (m: Model, event: TimerEvent): boolean => {
      const phase = phaseOf(m);
      if (!wellFormed(event)) return false;
      const s = m.session;
      switch (event.type) {
        case 'start':
          if (phase !== 'idle' && phase !== 'finished') return false;
          m.session = { total: event.durationMs, remaining: event.durationMs, running: true, focused: 0 };
          return true;
        case 'pause':
          if (s === null || phase !== 'running') return false;
          s.running = false;
          return true;
        case 'resume':
          if (s === null || phase !== 'paused') return false;
          s.running = true;
          return true;
        case 'extend':
          if (s === null) return false;
          s.total += event.ms;
          s.remaining += event.ms;
          if (phase === 'finished') s.running = true;
          return true;
        case 'stop':
          if (s === null) return false;
          m.session = null;
          return true;
      }
    };
    const expectSame = (m: Model, state: TimerState, at: number): void => {
      expect(timerPhase(state, at)).toBe(phaseOf(m));
      expect(remainingMs(state, at)).toBe(m.session?.remaining ?? 0);
      expect(focusedMs(state, at)).toBe(m.session?.focused ?? 0);
      if (m.session !== null && state.phase === 'active') expect(state.totalMs).toBe(m.session.total);
      const end = finishesAt(state);
      if (phaseOf(m) === 'running') expect(end).toBe(at + (m.session?.remaining ?? 0));
      if (phaseOf(m) === 'paused' || phaseOf(m) === 'idle') expect(end).toBeNull();
    };

    fc.assert(
      fc.property(scenarioArb, ({ t0, steps }) => {
        const model: Model = { session: null };
        const transitions = runSteps(t0, steps);
        transitions.forEach(({ before, event, at, after }, i) => {
          advance(model, steps[i]?.delta ?? 0);
          expectSame(model, before, at);
          const applied = apply(model, event);
          expect(after !== before).toBe(applied);
          expectSame(model, after, at);
        });
      }),
      { numRuns: 300 },
    );
  });
});
