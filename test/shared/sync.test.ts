import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyOp,
  compareHlc,
  hlcDevice,
  hlcTime,
  isHlc,
  materialize,
  materializeInTurns,
  materializeStamped,
  nextHlc,
  parseOpLog,
  receiveHlc,
  serializeOp,
  toSyncOp,
  SYNC_TABLES,
  type StampedRecord,
  type SyncOp,
  type SyncTable,
} from '../../shared/sync';
import {
  parseLogFile,
  parseLogFileInTurns,
  parseSnapshot,
  snapshotLines,
  snapshotLinesInTurns,
} from '../../shared/syncSnapshot';

const MAX_MS = 9_999_999_999_999;
const MAX_COUNTER = 36 ** 4 - 1;
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 7, 21, 0, 0);

const stamp = (ms: number, counter: number, device: string): string =>
  `${String(ms).padStart(13, '0')}-${counter.toString(36).padStart(4, '0')}-${device}`;

const op = (hlc: string, table: SyncTable, id: string, set: Record<string, unknown>): SyncOp => ({
  hlc,
  device: hlcDevice(hlc),
  table,
  id,
  set,
});

// Arbitraries. Values are what JSON holds and gives back unchanged (no -0, no undefined), with
// strings of any unicode, line breaks included.
const deviceArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const smallDeviceArb = fc.constantFrom('a', 'b', 'B', 'dev-1', 'dev_2', 'Z9');
const msArb = fc.integer({ min: 0, max: MAX_MS });
const counterArb = fc.integer({ min: 0, max: MAX_COUNTER });
const hlcArb = fc.tuple(msArb, counterArb, deviceArb).map(([ms, c, d]) => stamp(ms, c, d));
const nearHlcArb = fc
  .tuple(fc.integer({ min: 1000, max: 1010 }), fc.integer({ min: 0, max: 3 }), smallDeviceArb)
  .map(([ms, c, d]) => stamp(ms, c, d));
const lineBreakyString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('a\nb', '\u2028', 'x\u2029y', '\r\n', '"\\', '\u0085', '\ud83d\ude00', '{"hlc":'),
);
const leafArb = fc.oneof(
  lineBreakyString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
);
const valueArb = fc.oneof(
  leafArb,
  fc.array(leafArb, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('x', 'y', 'nested key'), leafArb, { maxKeys: 2 }),
);
const fieldArb = fc.constantFrom('title', 'done', 'note', 'dueAt', 'order');
const setArb = fc.dictionary(fieldArb, valueArb, { minKeys: 1, maxKeys: 4 });
const tableArb = fc.constantFrom<SyncTable>(...SYNC_TABLES);
const idArb = fc.constantFrom('t1', 't2', 't3', '2026-12-07');
const opArb = fc
  .tuple(nearHlcArb, tableArb, idArb, setArb)
  .map(([hlc, table, id, set]) => op(hlc, table, id, set));
/** Ops as a real log has them: one op per stamp. */
const logArb = fc.uniqueArray(opArb, { selector: (o) => o.hlc, maxLength: 30 });

/** The contract spelled out the plain way: per table, id and field, the value with the greatest stamp. */
function reference(ops: readonly SyncOp[]): Record<SyncTable, Record<string, Record<string, unknown>>> {
  const best = new Map<string, { hlc: string; value: unknown }>();
  for (const o of ops) {
    for (const [field, value] of Object.entries(o.set)) {
      const key = JSON.stringify([o.table, o.id, field]);
      const current = best.get(key);
      if (!current || o.hlc > current.hlc) best.set(key, { hlc: o.hlc, value });
    }
  }
  const out: Record<SyncTable, Record<string, Record<string, unknown>>> = {
    tasks: {},
    sessions: {},
    reflections: {},
  };
  for (const [key, { value }] of best) {
    const [table, id, field] = JSON.parse(key) as [SyncTable, string, string];
    (out[table][id] ??= {})[field] = value;
  }
  return out;
}

describe('isHlc', () => {
  it.each([
    ['0000000000000-0000-a', true],
    ['1796677714542-00zz-dev_1-x', true],
    [stamp(MAX_MS, MAX_COUNTER, 'A'.repeat(64)), true],
    ['', false],
    ['1796677714542-0000-', false],
    ['1796677714542-0000-' + 'a'.repeat(65), false],
    ['179667771454-0000-a', false],
    ['1796677714542-000-a', false],
    ['1796677714542-00ZZ-a', false],
    ['1796677714542-0000-a b', false],
    ['1796677714542-0000-a\n', false],
    [' 1796677714542-0000-a', false],
  ])('%j is a stamp: %s', (value, expected) => {
    expect(isHlc(value)).toBe(expected);
  });

  it('refuses what is not a string', () => {
    for (const value of [null, undefined, 1, {}, [], true]) expect(isHlc(value)).toBe(false);
  });
});

describe('nextHlc', () => {
  it('starts at the wall time with counter 0 and names the device', () => {
    const hlc = nextHlc(null, NOW, 'dev-1');
    expect(hlc).toBe(stamp(NOW, 0, 'dev-1'));
    expect(hlcTime(hlc)).toBe(NOW);
    expect(hlcDevice(hlc)).toBe('dev-1');
    expect(isHlc(hlc)).toBe(true);
  });

  it('is strictly greater than the previous stamp when the wall clock stood still or went back', () => {
    const first = nextHlc(null, NOW, 'a');
    const same = nextHlc(first, NOW, 'a');
    const back = nextHlc(same, NOW - DAY, 'a');
    expect(same).toBe(stamp(NOW, 1, 'a'));
    expect(back).toBe(stamp(NOW, 2, 'a'));
    expect(first < same && same < back).toBe(true);
  });

  it('moves to the next millisecond when the counter is used up', () => {
    const full = stamp(NOW, MAX_COUNTER, 'a');
    expect(nextHlc(full, NOW, 'a')).toBe(stamp(NOW + 1, 0, 'a'));
  });

  it('takes the wall time again once the wall clock has passed the previous stamp', () => {
    expect(nextHlc(stamp(NOW, 7, 'a'), NOW + 1, 'a')).toBe(stamp(NOW + 1, 0, 'a'));
  });

  it('treats a wall time that is not a finite number, negative or fractional as a clock reading it can use', () => {
    expect(nextHlc(null, Number.NaN, 'a')).toBe(stamp(0, 0, 'a'));
    expect(nextHlc(null, -5, 'a')).toBe(stamp(0, 0, 'a'));
    expect(nextHlc(null, Number.POSITIVE_INFINITY, 'a')).toBe(stamp(0, 0, 'a'));
    expect(nextHlc(null, NOW + 0.9, 'a')).toBe(stamp(NOW, 0, 'a'));
    expect(nextHlc(null, MAX_MS * 10, 'a')).toBe(stamp(MAX_MS, 0, 'a'));
  });

  it('refuses a device id that is not 1–64 characters of [A-Za-z0-9_-]', () => {
    for (const device of ['', 'a b', 'ü', 'a'.repeat(65), 'a/b', 'a\n']) {
      expect(() => nextHlc(null, NOW, device)).toThrow(TypeError);
    }
    expect(() => nextHlc(null, NOW, 'a'.repeat(64))).not.toThrow();
  });

  it('refuses a previous stamp that is not a stamp', () => {
    expect(() => nextHlc('yesterday', NOW, 'a')).toThrow(TypeError);
  });

  it('chains strictly increasing stamps under any wall clock (property)', () => {
    fc.assert(
      fc.property(
        deviceArb,
        fc.array(
          fc.oneof(
            fc.integer({ min: -DAY, max: MAX_MS - DAY }),
            fc.integer({ min: NOW - 10, max: NOW + 10 }),
            fc.double(),
          ),
          { minLength: 1, maxLength: 60 },
        ),
        (device, walls) => {
          let prev: string | null = null;
          for (const wallMs of walls) {
            const next = nextHlc(prev, wallMs, device);
            expect(isHlc(next)).toBe(true);
            expect(hlcDevice(next)).toBe(device);
            if (prev !== null) expect(compareHlc(next, prev)).toBe(1);
            prev = next;
          }
        },
      ),
    );
  });

  it('sorts a stamp taken at a later wall time after one taken earlier, whatever the devices (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_MS - 2 }),
        fc.integer({ min: 1, max: DAY }),
        counterArb,
        counterArb,
        deviceArb,
        deviceArb,
        (early, gap, c1, c2, d1, d2) => {
          const late = Math.min(MAX_MS, early + gap);
          // Each device's previous stamp is before the wall time it is stamping at.
          const a = nextHlc(stamp(Math.max(0, early - 1), c1, d1), early, d1);
          const b = nextHlc(stamp(late - 1, c2, d2), late, d2);
          expect(hlcTime(a)).toBe(early);
          expect(hlcTime(b)).toBe(late);
          expect(compareHlc(a, b)).toBe(-1);
        },
      ),
    );
  });

  it('never gives two devices the same stamp (property)', () => {
    fc.assert(
      fc.property(
        fc.option(hlcArb, { nil: null }),
        fc.option(hlcArb, { nil: null }),
        msArb,
        deviceArb,
        deviceArb,
        (p1, p2, wallMs, d1, d2) => {
          fc.pre(d1 !== d2);
          const a = nextHlc(p1 && stamp(hlcTime(p1), 0, d1), wallMs, d1);
          const b = nextHlc(p2 && stamp(hlcTime(p2), 0, d2), wallMs, d2);
          expect(a).not.toBe(b);
          expect(compareHlc(a, b)).not.toBe(0);
        },
      ),
    );
  });
});

describe('receiveHlc', () => {
  it('is greater than a remote stamp from the future and keeps its time', () => {
    for (const ahead of [DAY, 30 * DAY, 365 * DAY]) {
      const remote = stamp(NOW + ahead, 5, 'far');
      const local = stamp(NOW, 3, 'here');
      const got = receiveHlc(local, remote, NOW, 'here');
      expect(got).toBe(stamp(NOW + ahead, 6, 'here'));
      expect(got > remote && got > local).toBe(true);
    }
  });

  it('is greater than the local stamp when the remote one is old', () => {
    const got = receiveHlc(stamp(NOW, 9, 'here'), stamp(NOW - DAY, 0, 'far'), NOW, 'here');
    expect(got).toBe(stamp(NOW, 10, 'here'));
  });

  it('takes the wall time when it is newer than both', () => {
    expect(receiveHlc(stamp(NOW - 5, 9, 'here'), stamp(NOW - 3, 4, 'far'), NOW, 'here')).toBe(
      stamp(NOW, 0, 'here'),
    );
  });

  it('works with no local stamp yet', () => {
    expect(receiveHlc(null, stamp(NOW, 4, 'far'), NOW - 1, 'here')).toBe(stamp(NOW, 5, 'here'));
  });

  it('moves past both when the remote counter is used up', () => {
    const remote = stamp(NOW, MAX_COUNTER, 'far');
    const got = receiveHlc(null, remote, NOW, 'here');
    expect(got).toBe(stamp(NOW + 1, 0, 'here'));
  });

  it('is strictly greater than both local and remote and never throws for skew (property)', () => {
    fc.assert(
      fc.property(
        fc.option(
          fc
            .tuple(fc.integer({ min: 0, max: MAX_MS - 1 }), counterArb)
            .map(([ms, c]) => stamp(ms, c, 'here')),
          { nil: null },
        ),
        fc
          .tuple(fc.integer({ min: 0, max: MAX_MS - 1 }), counterArb, deviceArb)
          .map(([ms, c, d]) => stamp(ms, c, d)),
        fc.oneof(msArb, fc.double()),
        (local, remote, wallMs) => {
          const got = receiveHlc(local, remote, wallMs, 'here');
          expect(isHlc(got)).toBe(true);
          expect(hlcDevice(got)).toBe('here');
          expect(compareHlc(got, remote)).toBe(1);
          if (local !== null) expect(compareHlc(got, local)).toBe(1);
          // And the clock goes on from it.
          expect(compareHlc(nextHlc(got, wallMs, 'here'), got)).toBe(1);
        },
      ),
    );
  });
});

// A bug: at the top of the stamp range the counter's carry is clamped away and the "next" stamp is
// smaller than the one it follows (see the report). A remote stamp is input from another device.
describe('stamps at the top of the range', () => {
  it('nextHlc never returns a stamp that is not greater than the previous one', () => {
    const prev = stamp(MAX_MS, MAX_COUNTER, 'a');
    let next: string | null = null;
    try {
      next = nextHlc(prev, NOW, 'a');
    } catch {
      // Refusing is acceptable: there is no greater stamp for this device.
    }
    if (next !== null) expect(compareHlc(next, prev)).toBe(1);
  });

  it('receiveHlc never returns a stamp that is not greater than the remote one', () => {
    const remote = stamp(MAX_MS, MAX_COUNTER, 'zz');
    let got: string | null = null;
    try {
      got = receiveHlc(null, remote, NOW, 'a');
    } catch {
      // Refusing is acceptable: there is no greater stamp for this device.
    }
    if (got !== null) expect(compareHlc(got, remote)).toBe(1);
  });
});

describe('compareHlc', () => {
  it.each([
    [stamp(1, 0, 'a'), stamp(2, 0, 'a'), -1],
    [stamp(2, 0, 'a'), stamp(1, 0, 'a'), 1],
    [stamp(NOW, 1, 'a'), stamp(NOW, 0, 'z'), 1],
    [stamp(NOW, 0, 'a'), stamp(NOW, 0, 'b'), -1],
    [stamp(NOW, 0, 'a'), stamp(NOW, 0, 'a'), 0],
    [stamp(NOW, 35, 'a'), stamp(NOW, 36, 'a'), -1],
  ])('compareHlc(%s, %s) is %i', (a, b, expected) => {
    expect(compareHlc(a, b)).toBe(expected);
  });

  it('agrees with plain string comparison, and orders by time, then counter (property)', () => {
    fc.assert(
      fc.property(
        fc.tuple(msArb, counterArb, deviceArb),
        fc.tuple(msArb, counterArb, deviceArb),
        ([m1, c1, d1], [m2, c2, d2]) => {
          const a = stamp(m1, c1, d1);
          const b = stamp(m2, c2, d2);
          const plain = a < b ? -1 : a > b ? 1 : 0;
          expect(compareHlc(a, b)).toBe(plain);
          expect(compareHlc(b, a)).toBe(-plain);
          if (m1 !== m2) expect(compareHlc(a, b)).toBe(m1 < m2 ? -1 : 1);
          else if (c1 !== c2) expect(compareHlc(a, b)).toBe(c1 < c2 ? -1 : 1);
          expect([a, b].sort()).toEqual([a, b].sort(compareHlc));
        },
      ),
    );
  });
});

describe('materialize', () => {
  it('gives empty objects for tables with no ops', () => {
    expect(materialize([])).toEqual({ tasks: {}, sessions: {}, reflections: {} });
    const only = materialize([op(stamp(1, 0, 'a'), 'sessions', 's1', { minutes: 25 })]);
    expect(only).toEqual({ tasks: {}, sessions: { s1: { minutes: 25 } }, reflections: {} });
  });

  it('keeps per field the value of the op with the greatest stamp, whatever the order', () => {
    const ops = [
      op(stamp(3, 0, 'b'), 'tasks', 't1', { title: 'third', done: true }),
      op(stamp(1, 0, 'a'), 'tasks', 't1', { title: 'first', note: 'kept' }),
      op(stamp(2, 0, 'a'), 'tasks', 't1', { title: 'second', done: false }),
      op(stamp(2, 0, 'b'), 'tasks', 't2', { title: 'other' }),
      op(stamp(2, 1, 'a'), 'reflections', '2026-12-07', { firstStep: 'call Sam' }),
    ];
    const expected = {
      tasks: { t1: { title: 'third', done: true, note: 'kept' }, t2: { title: 'other' } },
      sessions: {},
      reflections: { '2026-12-07': { firstStep: 'call Sam' } },
    };
    expect(materialize(ops)).toEqual(expected);
    expect(materialize([...ops].reverse())).toEqual(expected);
    expect(materialize([...ops, ...ops])).toEqual(expected);
  });

  it('decides two different values under one stamp the same way in either order', () => {
    const a = op(stamp(5, 0, 'a'), 'tasks', 't', { title: 'apple' });
    const b = op(stamp(5, 0, 'a'), 'tasks', 't', { title: 'banana' });
    expect(materialize([a, b])).toEqual(materialize([b, a]));
  });

  it('keeps ids and fields named like prototype keys as plain data', () => {
    const set: Record<string, unknown> = {};
    Object.defineProperty(set, '__proto__', { value: { polluted: true }, enumerable: true });
    const state = materialize([
      op(stamp(1, 0, 'a'), 'tasks', '__proto__', { title: 'x' }),
      op(stamp(1, 1, 'a'), 'tasks', 'constructor', { title: 'y' }),
      op(stamp(1, 2, 'a'), 'tasks', 't', set),
    ]);
    expect(Object.keys(state.tasks).sort()).toEqual(['__proto__', 'constructor', 't']);
    expect(Object.getPrototypeOf(state.tasks)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(state.tasks.t)).toBe(Object.prototype);
  });

  it('is the value of the greatest stamp per table, id and field (property)', () => {
    fc.assert(
      fc.property(logArb, (ops) => {
        expect(materialize(ops)).toEqual(reference(ops));
      }),
    );
  });

  it('does not depend on the order of the ops or on duplicates (property)', () => {
    fc.assert(
      fc.property(
        fc
          .array(opArb, { maxLength: 30 })
          .chain((ops) =>
            fc.tuple(
              fc.constant(ops),
              fc.shuffledSubarray(ops, { minLength: ops.length, maxLength: ops.length }),
              fc.subarray(ops),
            ),
          ),
        ([ops, shuffled, again]) => {
          expect(materialize([...shuffled, ...again])).toEqual(materialize(ops));
          expect(materializeStamped([...again, ...shuffled])).toEqual(materializeStamped(ops));
        },
      ),
    );
  });
});

describe('applyOp and materializeStamped', () => {
  it('applies an op in place, field by field, and says whether anything changed', () => {
    const record: StampedRecord = { fields: {}, stamps: {} };
    expect(applyOp(record, op(stamp(2, 0, 'a'), 'tasks', 't', { title: 'b', done: false }))).toBe(true);
    expect(applyOp(record, op(stamp(1, 0, 'a'), 'tasks', 't', { title: 'old' }))).toBe(false);
    expect(applyOp(record, op(stamp(2, 0, 'a'), 'tasks', 't', { title: 'b' }))).toBe(false);
    expect(applyOp(record, op(stamp(3, 0, 'b'), 'tasks', 't', { title: 'old', note: 'n' }))).toBe(true);
    expect(record).toEqual({
      fields: { title: 'old', done: false, note: 'n' },
      stamps: { title: stamp(3, 0, 'b'), done: stamp(2, 0, 'a'), note: stamp(3, 0, 'b') },
    });
  });

  it('records the winning stamp of every field', () => {
    const state = materializeStamped([
      op(stamp(1, 0, 'a'), 'sessions', 's', { minutes: 25, taskId: 't' }),
      op(stamp(4, 0, 'b'), 'sessions', 's', { minutes: 30 }),
    ]);
    expect(state.sessions.s).toEqual({
      fields: { minutes: 30, taskId: 't' },
      stamps: { minutes: stamp(4, 0, 'b'), taskId: stamp(1, 0, 'a') },
    });
    expect(state.tasks).toEqual({});
    expect(state.reflections).toEqual({});
  });
});

const good = { hlc: stamp(NOW, 0, 'dev-1'), device: 'dev-1', table: 'tasks', id: 't1', set: { title: 'x' } };
const line = (value: unknown): string => JSON.stringify(value);

describe('toSyncOp', () => {
  it('accepts a well-formed op and keeps only the op fields', () => {
    expect(toSyncOp({ ...good, extra: 1 })).toEqual(good);
  });

  it.each([
    ['null', null],
    ['an array', [good]],
    ['a string', 'op'],
    ['no hlc', { ...good, hlc: undefined }],
    ['an empty hlc', { ...good, hlc: '' }],
    ['a numeric hlc', { ...good, hlc: 5 }],
    ['a bad device', { ...good, device: 'a b' }],
    ['a device too long', { ...good, device: 'a'.repeat(65) }],
    ['an unknown table', { ...good, table: 'users' }],
    ['an empty id', { ...good, id: '' }],
    ['a numeric id', { ...good, id: 1 }],
    ['an id too long', { ...good, id: 'x'.repeat(129) }],
    ['a set that is null', { ...good, set: null }],
    ['a set that is an array', { ...good, set: ['x'] }],
    ['an empty set', { ...good, set: {} }],
  ])('refuses %s', (_what, value) => {
    expect(toSyncOp(value)).toBeNull();
  });
});

describe('serializeOp', () => {
  it('writes one JSON object with the op field names and no line break', () => {
    const o = op(stamp(NOW, 0, 'a'), 'tasks', 't\n1', { title: 'a\nb\u2028c\u2029d\r', 'x\u2028': 1 });
    const text = serializeOp(o);
    expect(text).not.toMatch(/[\n\r\u2028\u2029]/);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['hlc', 'device', 'table', 'id', 'set']);
    expect(parsed).toEqual(o);
  });

  it('leaves out anything else an op object carries', () => {
    const o = { ...op(stamp(NOW, 0, 'a'), 'tasks', 't', { title: 'x' }), extra: 'no' } as SyncOp;
    expect(Object.keys(JSON.parse(serializeOp(o)) as object)).toEqual([
      'hlc',
      'device',
      'table',
      'id',
      'set',
    ]);
  });
});

describe('parseOpLog', () => {
  it('reads serialized ops and plain JSON.stringify lines, ignoring blank lines', () => {
    const a = op(stamp(NOW, 0, 'a'), 'tasks', 't1', { title: 'x' });
    const b = op(stamp(NOW, 1, 'a'), 'sessions', 's1', { minutes: 25 });
    const text = ['', serializeOp(a), '   ', JSON.stringify(b), '\t', ''].join('\n');
    expect(parseOpLog(text)).toEqual({ ops: [a, b], bad: 0 });
    expect(parseOpLog(`${serializeOp(a)}\r\n${serializeOp(b)}\r\n`)).toEqual({ ops: [a, b], bad: 0 });
    expect(parseOpLog('')).toEqual({ ops: [], bad: 0 });
  });

  const cases: [string, string][] = [
    ['not JSON', 'hello'],
    ['cut off', line(good).slice(0, -7)],
    ['JSON but not an object', '[1,2]'],
    ['null', 'null'],
    ['a number', '42'],
    ['missing hlc', line({ ...good, hlc: undefined })],
    ['missing device', line({ ...good, device: undefined })],
    ['missing table', line({ ...good, table: undefined })],
    ['missing id', line({ ...good, id: undefined })],
    ['missing set', line({ ...good, set: undefined })],
    ['hlc of a wrong type', line({ ...good, hlc: 17 })],
    ['device of a wrong type', line({ ...good, device: 1 })],
    ['id of a wrong type', line({ ...good, id: { a: 1 } })],
    ['set of a wrong type', line({ ...good, set: 'title=x' })],
    ['an unknown table', line({ ...good, table: 'notes' })],
    ['an empty set', line({ ...good, set: {} })],
    ['__proto__ in set', line(good).replace('"title"', '"__proto__"')],
    ['constructor in set', line({ ...good, set: { constructor: 'x' } })],
    ['prototype in set', line({ ...good, set: { prototype: 'x' } })],
    ['__proto__ at the top', line(good).replace('{', '{"__proto__":{"x":1},')],
    ['__proto__ nested deep', line({ ...good, set: { a: { b: [{ c: 1 }] } } }).replace('"c"', '"__proto__"')],
    ['constructor nested in an array', line({ ...good, set: { a: [1, { constructor: 1 }] } })],
    ['prototype nested', line({ ...good, set: { a: { prototype: null } } })],
  ];

  it.each(cases)('skips and counts a line that is %s', (_what, bad) => {
    const a = op(stamp(NOW, 0, 'a'), 'tasks', 't1', { title: 'x' });
    expect(parseOpLog([serializeOp(a), bad, serializeOp(a)].join('\n'))).toEqual({ ops: [a, a], bad: 1 });
  });

  it('does not let a prototype key reach any prototype', () => {
    parseOpLog(line(good).replace('"title"', '"__proto__"').replace('"x"', '{"polluted":true}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('counts every bad line', () => {
    expect(parseOpLog(cases.map(([, bad]) => bad).join('\n'))).toEqual({ ops: [], bad: cases.length });
  });

  it('never throws on hostile text', () => {
    const deep = `{"hlc":"${stamp(1, 0, 'a')}","device":"a","table":"tasks","id":"t","set":{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    const deepBad = '['.repeat(1_000_000);
    for (const text of [deep, deepBad, '\u0000', '\ud800', '{"a":1}'.repeat(1000), '\n'.repeat(10_000)]) {
      expect(() => parseOpLog(text)).not.toThrow();
    }
    expect(parseOpLog(deep).ops).toHaveLength(1);
    expect(parseOpLog(deepBad)).toEqual({ ops: [], bad: 1 });
    expect(parseOpLog(undefined as unknown as string)).toEqual({ ops: [], bad: 0 });
  });

  it('never throws on arbitrary text, and counts a bad line for every non-blank line it cannot use (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.json()),
        (text) => {
          const { ops, bad } = parseOpLog(text);
          const lines = text.split('\n').filter((l) => l.trim() !== '');
          expect(ops.length + bad).toBe(lines.length);
        },
      ),
    );
  });

  it('gives back serialized ops exactly, whatever their strings hold (property)', () => {
    const anyOp = fc
      .tuple(hlcArb, tableArb, fc.string({ unit: 'binary', minLength: 1, maxLength: 128 }), setArb)
      .map(([hlc, table, id, set]) => op(hlc, table, id, set));
    fc.assert(
      fc.property(fc.array(anyOp, { maxLength: 20 }), fc.boolean(), (ops, plain) => {
        const lines = ops.map((o) => (plain ? JSON.stringify(o) : serializeOp(o)));
        for (const l of lines) if (!plain) expect(l).not.toMatch(/[\n\u2028\u2029]/);
        expect(parseOpLog(lines.join('\n') + '\n')).toEqual({ ops, bad: 0 });
      }),
    );
  });

  it('reads the whole lines of a log cut off anywhere, and counts at most the cut one bad (property)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 10 }), fc.nat(), (ops, at) => {
        const text = ops.map(serializeOp).join('\n') + '\n';
        const cut = text.slice(0, at % (text.length + 1));
        const { ops: read, bad } = parseOpLog(cut);
        const whole = cut.split('\n').length - 1;
        expect(read.slice(0, whole)).toEqual(ops.slice(0, whole));
        expect(bad).toBeLessThanOrEqual(1);
      }),
    );
  });
});

// A bug: an op whose field holds `undefined` passes toSyncOp (so the IPC schema takes it) but its
// line loses the field; a line with nothing left in `set` is refused, so the log cannot give back
// an op it acknowledged (see the report and test/main/oplog.test.ts).
describe('ops toSyncOp accepts', () => {
  it('survive serializeOp and parseOpLog', () => {
    const o = { hlc: stamp(NOW, 0, 'a'), device: 'a', table: 'tasks', id: 't', set: { dueAt: undefined } };
    const accepted = toSyncOp(o);
    if (accepted === null) return;
    expect(parseOpLog(serializeOp(accepted)).bad).toBe(0);
  });
});

describe('snapshots', () => {
  const text = (ops: SyncOp[]): string => snapshotLines(materializeStamped(ops)).join('\n');

  it('writes one line per record, in table then id order, with the usual stamp and the others', () => {
    const lines = snapshotLines(
      materializeStamped([
        op(stamp(1, 0, 'a'), 'tasks', 't2', { title: 'x', done: false, note: 'n' }),
        op(stamp(2, 0, 'b'), 'tasks', 't2', { note: 'm' }),
        op(stamp(1, 1, 'a'), 'tasks', 't1', { title: 'y' }),
        op(stamp(1, 2, 'a'), 'sessions', 's', { minutes: 5 }),
      ]),
    );
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { t: 'tasks', id: 't1', h: stamp(1, 1, 'a'), f: { title: 'y' }, s: {} },
      {
        t: 'tasks',
        id: 't2',
        h: stamp(1, 0, 'a'),
        f: { title: 'x', done: false, note: 'm' },
        s: { note: stamp(2, 0, 'b') },
      },
      { t: 'sessions', id: 's', h: stamp(1, 2, 'a'), f: { minutes: 5 }, s: {} },
    ]);
    for (const l of lines) expect(l).not.toMatch(/[\n\u2028\u2029]/);
  });

  it('gives back ops that materialize to the same state, stamps included (property)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), (ops) => {
        const { ops: back, bad } = parseSnapshot(text(ops));
        expect(bad).toBe(0);
        expect(materialize(back)).toEqual(materialize(ops));
        expect(materializeStamped(back)).toEqual(materializeStamped(ops));
        // A snapshot of a snapshot gives back the same again.
        expect(materializeStamped(parseSnapshot(text(back)).ops)).toEqual(materializeStamped(ops));
      }),
    );
  });

  it('keeps strings with line breaks on one line per record', () => {
    const ops = [op(stamp(1, 0, 'a'), 'tasks', 'x\ny', { title: 'a\u2028b\nc\u2029' })];
    const snapshot = text(ops);
    expect(snapshot.split('\n')).toHaveLength(1);
    expect(materialize(parseSnapshot(snapshot).ops)).toEqual(materialize(ops));
  });

  const h = stamp(NOW, 0, 'a');
  const record = { t: 'tasks', id: 't', h, f: { title: 'x' }, s: {} };
  it.each([
    ['not JSON', 'nope'],
    ['null', 'null'],
    ['an array', '[]'],
    ['without fields', line({ ...record, f: undefined })],
    ['with fields that are an array', line({ ...record, f: ['x'] })],
    ['without other stamps', line({ ...record, s: undefined })],
    ['with a bad usual stamp', line({ ...record, h: 'yesterday' })],
    ['with a bad field stamp', line({ ...record, s: { title: '1' } })],
    ['with an unknown table', line({ ...record, t: 'notes' })],
    ['with an empty id', line({ ...record, id: '' })],
    ['with no fields', line({ ...record, f: {} })],
    ['with a __proto__ field', line(record).replace('"title"', '"__proto__"')],
    ['with a constructor field', line({ ...record, f: { constructor: 1 } })],
    ['with a prototype key nested in a value', line({ ...record, f: { title: { a: [{ prototype: 1 }] } } })],
    ['cut off', line(record).slice(0, -3)],
  ])('refuses and counts a line %s', (_what, bad) => {
    const ok = line(record);
    expect(parseSnapshot([ok, bad, '', ok].join('\n'))).toEqual({
      ops: [op(h, 'tasks', 't', { title: 'x' }), op(h, 'tasks', 't', { title: 'x' })],
      bad: 1,
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json()), (snapshot) => {
        const { ops, bad } = parseSnapshot(snapshot);
        expect(bad).toBeGreaterThanOrEqual(0);
        for (const o of ops) expect(toSyncOp(o)).toEqual(o);
      }),
    );
    expect(() => parseSnapshot('['.repeat(1_000_000))).not.toThrow();
    expect(parseSnapshot(undefined as unknown as string)).toEqual({ ops: [], bad: 0 });
  });
});

describe('reading and writing log files a slice at a time (main gives its event loop turns between)', () => {
  it('parses, materializes and writes a snapshot the same as all at once, whatever the slice (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { maxLength: 40 }),
        fc.array(fc.string(), { maxLength: 5 }),
        fc.integer({ min: 1, max: 7 }),
        async (ops, junk, slice) => {
          let turns = 0;
          const turn = (): Promise<void> => {
            turns++;
            return Promise.resolve();
          };
          const segment = [...ops.map(serializeOp), ...junk].join('\n');
          const snapshot = [...snapshotLines(materializeStamped(ops)), ...junk].join('\n');
          for (const [name, file] of [
            ['seg-00000001.jsonl', segment],
            ['snap-00000002.jsonl', snapshot],
          ] as const) {
            expect(await parseLogFileInTurns(name, file, turn, slice)).toEqual(parseLogFile(name, file));
          }
          expect(await snapshotLinesInTurns(materializeStamped(ops), turn, slice)).toEqual(
            snapshotLines(materializeStamped(ops)),
          );
          expect(await materializeInTurns(ops, turn, slice)).toEqual(materializeStamped(ops));
          if (ops.length > 2 * slice) expect(turns).toBeGreaterThan(0);
        },
      ),
    );
  });
});
