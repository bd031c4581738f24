import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseQuickAdd, type ParsedQuickAdd } from '../../shared/quickAdd';

// Friday 27 November 2026, 10:00 local time (TZ=Europe/Berlin, set by vitest.config.ts).
const NOW = new Date(2026, 10, 27, 10, 0);
// The same Friday one minute before midnight: chrono alone would push a plain "friday" a week ahead.
const LATE_FRIDAY = new Date(2026, 10, 27, 23, 59);
// Thursday 3 December 2026, 13:00: chrono alone would push "dec 3" to next year.
const DEC_3_AFTERNOON = new Date(2026, 11, 3, 13, 0);

/** Local time in ms (month is 0-based, like the Date constructor). */
const local = (y: number, m: number, d: number, h = 0, min = 0): number =>
  new Date(y, m, d, h, min).getTime();
const onDay = (y: number, m: number, d: number) => ({ at: local(y, m, d), hasTime: false });
const atTime = (y: number, m: number, d: number, h: number, min = 0) => ({
  at: local(y, m, d, h, min),
  hasTime: true,
});

const parsed = (over: Partial<ParsedQuickAdd>): ParsedQuickAdd => ({
  title: '',
  due: null,
  estimateMin: null,
  tags: [],
  priority: null,
  ...over,
});
const plain = (title: string): ParsedQuickAdd => parsed({ title });

const LONG_FILLER = 'word '.repeat(450); // 2250 characters: too long for date parsing

interface Case {
  name: string;
  text: string;
  now?: Date;
  expected: ParsedQuickAdd;
}

const cases: Case[] = [
  // The example from the spec.
  {
    name: 'everything at once',
    text: 'call Sam tomorrow 5pm ~15m #work !1',
    expected: parsed({
      title: 'call Sam',
      due: atTime(2026, 10, 28, 17),
      estimateMin: 15,
      tags: ['work'],
      priority: 1,
    }),
  },

  // Estimates.
  { name: 'estimate ~15m', text: 'call Sam ~15m', expected: parsed({ title: 'call Sam', estimateMin: 15 }) },
  {
    name: 'estimate ~45m',
    text: '~45m write intro',
    expected: parsed({ title: 'write intro', estimateMin: 45 }),
  },
  { name: 'estimate ~2h', text: 'deep work ~2h', expected: parsed({ title: 'deep work', estimateMin: 120 }) },
  { name: 'estimate ~1.5h', text: 'taxes ~1.5h', expected: parsed({ title: 'taxes', estimateMin: 90 }) },
  { name: 'estimate ~1h30m', text: 'taxes ~1h30m', expected: parsed({ title: 'taxes', estimateMin: 90 }) },
  {
    name: 'estimate units min, mins, hr, hrs (any case); first wins, all removed',
    text: 'a ~20min b ~5mins c ~1hr d ~3HRS',
    expected: parsed({ title: 'a b c d', estimateMin: 20 }),
  },
  {
    name: 'estimate rounds to whole minutes',
    text: 'ping ~0.5m',
    expected: parsed({ title: 'ping', estimateMin: 1 }),
  },
  {
    name: 'estimate of exactly a week',
    text: 'thesis ~168h',
    expected: parsed({ title: 'thesis', estimateMin: 10080 }),
  },
  {
    name: 'estimates out of range or rounding to 0 stay',
    text: 'x ~0m ~0.4m ~10081m ~169h',
    expected: plain('x ~0m ~0.4m ~10081m ~169h'),
  },
  {
    name: 'malformed estimates stay and are never dates',
    text: 'x ~abc ~15 ~m ~15m, ~15mx ~ 15m',
    expected: plain('x ~abc ~15 ~m ~15m, ~15mx ~ 15m'),
  },
  {
    name: 'an estimate is never read as a date, even next to one',
    text: 'meet tomorrow ~15m',
    expected: parsed({ title: 'meet', due: onDay(2026, 10, 28), estimateMin: 15 }),
  },

  // Tags.
  {
    name: 'tags keep their order and spelling',
    text: '#work call #Home Sam',
    expected: parsed({ title: 'call Sam', tags: ['work', 'Home'] }),
  },
  {
    name: 'duplicate tags dropped case-insensitively, first spelling wins',
    text: '#Work x #work #WORK #w',
    expected: parsed({ title: 'x', tags: ['Work', 'w'] }),
  },
  { name: 'C# is not a tag', text: 'learn C# basics', expected: plain('learn C# basics') },
  { name: 'a lone # stays', text: 'item # 5 #', expected: plain('item # 5 #') },
  {
    name: 'a purely numeric #123 stays (issue numbers)',
    text: 'review PR #123',
    expected: plain('review PR #123'),
  },
  {
    name: 'unicode letters, digits, _, -, / in tags',
    text: '#café #日本語 #über-ich #a/b #snake_case #q3 plan',
    expected: parsed({ title: 'plan', tags: ['café', '日本語', 'über-ich', 'a/b', 'snake_case', 'q3'] }),
  },
  {
    name: 'sentence punctuation after a tag moves onto the previous word',
    text: 'Buy milk #home, eggs #shop.',
    expected: parsed({ title: 'Buy milk, eggs.', tags: ['home', 'shop'] }),
  },
  {
    name: 'punctuation after a leading tag is dropped',
    text: '#work: call Sam',
    expected: parsed({ title: 'call Sam', tags: ['work'] }),
  },
  {
    name: 'other characters end the tag and stay; the end of a tag starts a new word',
    text: 'plan #work(urgent) #a#b #ops!1',
    expected: parsed({ title: 'plan (urgent)', tags: ['work', 'a', 'b', 'ops'], priority: 1 }),
  },
  {
    name: 'a separator left dangling by a tag at the end is dropped',
    text: 'Buy milk, #home',
    expected: parsed({ title: 'Buy milk', tags: ['home'] }),
  },

  // Priorities.
  { name: 'priority !1', text: '!1 fix prod', expected: parsed({ title: 'fix prod', priority: 1 }) },
  { name: 'priority !2', text: 'fix prod !2', expected: parsed({ title: 'fix prod', priority: 2 }) },
  {
    name: 'priority: first wins, all removed',
    text: 'fix !3 prod !1',
    expected: parsed({ title: 'fix prod', priority: 3 }),
  },
  { name: '!4, !0, !!, !1, stay', text: 'wow !4 !0 !! !1, x!2', expected: plain('wow !4 !0 !! !1, x!2') },

  // Quotes.
  {
    name: 'nothing inside double quotes is parsed',
    text: 'read "tomorrow #x ~15m !1 at 5pm" later',
    expected: plain('read "tomorrow #x ~15m !1 at 5pm" later'),
  },
  {
    name: 'typographic quotes protect too; tokens outside still count',
    text: 'say “friday #x” to Sam tomorrow #y',
    expected: parsed({ title: 'say “friday #x” to Sam', due: onDay(2026, 10, 28), tags: ['y'] }),
  },
  {
    name: 'an unmatched quote protects the rest of the text',
    text: '#a call "Sam tomorrow #b ~5m',
    expected: parsed({ title: 'call "Sam tomorrow #b ~5m', tags: ['a'] }),
  },
  {
    name: 'a date never spans quoted text',
    text: 'friday "notes" 5pm',
    expected: parsed({ title: '"notes" 5pm', due: onDay(2026, 10, 27) }),
  },

  // Prepositions leave with the date.
  {
    name: 'preposition on',
    text: 'call Sam on friday',
    expected: parsed({ title: 'call Sam', due: onDay(2026, 10, 27) }),
  },
  {
    name: 'preposition at',
    text: 'meet Ana at 5pm',
    expected: parsed({ title: 'meet Ana', due: atTime(2026, 10, 27, 17) }),
  },
  {
    name: 'preposition by (any case)',
    text: 'Pay rent BY Tuesday',
    expected: parsed({ title: 'Pay rent', due: onDay(2026, 11, 1) }),
  },
  {
    name: 'preposition due',
    text: 'report due dec 3',
    expected: parsed({ title: 'report', due: onDay(2026, 11, 3) }),
  },
  {
    name: 'preposition in',
    text: 'finish draft in 2 days',
    expected: parsed({ title: 'finish draft', due: onDay(2026, 10, 29) }),
  },
  {
    name: '"due" before another preposition leaves too',
    text: 'pay rent due by friday',
    expected: parsed({ title: 'pay rent', due: onDay(2026, 10, 27) }),
  },
  {
    name: 'only one preposition: "check in" stays',
    text: 'check in on friday',
    expected: parsed({ title: 'check in', due: onDay(2026, 10, 27) }),
  },

  // Dates and forward dating.
  {
    name: 'time earlier than now is tomorrow',
    text: '9am standup',
    expected: parsed({ title: 'standup', due: atTime(2026, 10, 28, 9) }),
  },
  {
    name: 'a weekday equal to today is today',
    text: 'friday',
    expected: parsed({ due: onDay(2026, 10, 27) }),
  },
  {
    name: 'a weekday equal to today is today even late in the evening',
    text: 'gym friday',
    now: LATE_FRIDAY,
    expected: parsed({ title: 'gym', due: onDay(2026, 10, 27) }),
  },
  {
    name: 'today’s weekday with a past time is next week',
    text: 'gym friday 9am',
    expected: parsed({ title: 'gym', due: atTime(2026, 11, 4, 9) }),
  },
  {
    name: 'today’s weekday with a future time is today',
    text: 'gym friday 11am',
    expected: parsed({ title: 'gym', due: atTime(2026, 10, 27, 11) }),
  },
  {
    name: 'another weekday is its next occurrence',
    text: 'tuesday',
    expected: parsed({ due: onDay(2026, 11, 1) }),
  },
  {
    name: 'next monday 9am',
    text: 'plan next monday 9am',
    expected: parsed({ title: 'plan', due: atTime(2026, 10, 30, 9) }),
  },
  {
    name: 'tomorrow without time is local midnight',
    text: 'tomorrow',
    expected: parsed({ due: onDay(2026, 10, 28) }),
  },
  { name: 'dec 3', text: 'dentist dec 3', expected: parsed({ title: 'dentist', due: onDay(2026, 11, 3) }) },
  {
    name: 'dec 3 on Dec 3 is today, not next year',
    text: 'dentist dec 3',
    now: DEC_3_AFTERNOON,
    expected: parsed({ title: 'dentist', due: onDay(2026, 11, 3) }),
  },
  {
    name: 'tonight has no certain hour',
    text: 'read tonight',
    expected: parsed({ title: 'read', due: onDay(2026, 10, 27) }),
  },
  {
    name: 'an explicit time today that passed is kept',
    text: 'standup today 9am',
    expected: parsed({ title: 'standup', due: atTime(2026, 10, 27, 9) }),
  },
  {
    name: 'only the first date is used',
    text: 'call tomorrow and friday',
    expected: parsed({ title: 'call and friday', due: onDay(2026, 10, 28) }),
  },
  {
    name: 'punctuation after a date moves onto the previous word',
    text: 'go tomorrow, then rest',
    expected: parsed({ title: 'go, then rest', due: onDay(2026, 10, 28) }),
  },
  {
    name: 'a dash left dangling by the date is dropped',
    text: 'Report - tomorrow',
    expected: parsed({ title: 'Report', due: onDay(2026, 10, 28) }),
  },
  {
    name: 'past dates are not due dates',
    text: 'notes from yesterday and dec 3 2020',
    expected: plain('notes from yesterday and dec 3 2020'),
  },

  // False positives that must not eat words.
  { name: 'May I', text: 'May I borrow the car', expected: plain('May I borrow the car') },
  { name: 'second', text: 'Read the second chapter', expected: plain('Read the second chapter') },
  { name: 'Sun', text: 'Sun cream', expected: plain('Sun cream') },
  { name: 'sat', text: 'sat down with Bo', expected: plain('sat down with Bo') },
  { name: 'now', text: 'do it now please', expected: plain('do it now please') },
  { name: 'bare month', text: 'March on', expected: plain('March on') },
  { name: 'a second', text: 'wait a second', expected: plain('wait a second') },
  { name: 'part of day alone', text: 'morning run', expected: plain('morning run') },
  { name: 'fraction', text: 'fix 1/2 of the bugs', expected: plain('fix 1/2 of the bugs') },
  { name: 'number range', text: 'invite 2 to 3 people', expected: plain('invite 2 to 3 people') },
  { name: 'possessive', text: "prepare tomorrow's agenda", expected: plain("prepare tomorrow's agenda") },
  {
    name: 'an ambiguous weekday word counts after on',
    text: 'Sun cream on sat',
    expected: parsed({ title: 'Sun cream', due: onDay(2026, 10, 28) }),
  },

  // Edge input.
  { name: 'empty string', text: '', expected: plain('') },
  { name: 'only whitespace', text: '  \t \n ', expected: plain('') },
  {
    name: 'only tokens',
    text: '~15m #a !2 tomorrow',
    expected: parsed({ due: onDay(2026, 10, 28), estimateMin: 15, tags: ['a'], priority: 2 }),
  },
  {
    name: 'control characters become spaces',
    text: 'a\u0000b\u0007#tag\u007f!1\u001f c',
    expected: parsed({ title: 'a b c', tags: ['tag'], priority: 1 }),
  },
  {
    name: 'whitespace collapsed',
    text: '  call   Sam \t\n now ',
    expected: plain('call Sam now'),
  },
  {
    name: 'no date parsing beyond 2000 characters, tokens still work',
    text: `tomorrow ${LONG_FILLER}#tag`,
    expected: parsed({ title: `tomorrow ${LONG_FILLER.trim()}`, tags: ['tag'] }),
  },
];

describe('bare hours and ordinal days (issue 23)', () => {
  const EVENING = new Date(2026, 10, 27, 18, 0);
  it.each<[string, Date, ParsedQuickAdd]>([
    ['call mom at 5', NOW, parsed({ title: 'call mom', due: atTime(2026, 10, 27, 17) })],
    ['call mom at 5:30', NOW, parsed({ title: 'call mom', due: atTime(2026, 10, 27, 17, 30) })],
    ['call mom at 1', NOW, parsed({ title: 'call mom', due: atTime(2026, 10, 27, 13) })],
    // 5 pm has passed: the next 5 o'clock is tomorrow morning, as before.
    ['call mom at 5', EVENING, parsed({ title: 'call mom', due: atTime(2026, 10, 28, 5) })],
    // Outside 1 to 7, or with am/pm, the hour is as written.
    ['call mom at 9', NOW, parsed({ title: 'call mom', due: atTime(2026, 10, 28, 9) })],
    ['call mom at 5am', NOW, parsed({ title: 'call mom', due: atTime(2026, 10, 28, 5) })],
    ['pay rent on the 1st', NOW, parsed({ title: 'pay rent', due: onDay(2026, 11, 1) })],
    ['pay rent on the 27th', NOW, parsed({ title: 'pay rent', due: onDay(2026, 10, 27) })],
    ['pay rent on the 2nd', NOW, parsed({ title: 'pay rent', due: onDay(2026, 11, 2) })],
    ['review on the 23rd #work', NOW, parsed({ title: 'review', due: onDay(2026, 11, 23), tags: ['work'] })],
    // November has no 31st: the next month that has one.
    ['file the report on the 31st', NOW, parsed({ title: 'file the report', due: onDay(2026, 11, 31) })],
    ['call Sam on the 3rd at 5pm', NOW, parsed({ title: 'call Sam', due: atTime(2026, 11, 3, 17) })],
    // Not a day of the month.
    ['the 1st draft', NOW, plain('the 1st draft')],
  ])('%s', (text, now, expected) => {
    expect(parseQuickAdd(text, now)).toEqual(expected);
  });
});

describe('parseQuickAdd table', () => {
  it('has enough cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('$name: $text', ({ text, now, expected }) => {
    expect(parseQuickAdd(text, now ?? NOW)).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties.

function expectWellFormed(r: ParsedQuickAdd): void {
  expect(typeof r.title).toBe('string');
  expect(r.title).toBe(r.title.trim());
  expect(r.title).not.toMatch(/\s\s/);
  // eslint-disable-next-line no-control-regex -- no control character may survive in a title
  expect(r.title).not.toMatch(/[\u0000-\u001f\u007f]/);
  const lower = r.tags.map((t) => t.toLowerCase());
  expect(new Set(lower).size).toBe(r.tags.length);
  for (const tag of r.tags) expect(tag.length).toBeGreaterThan(0);
  expect([1, 2, 3, null]).toContain(r.priority);
  if (r.estimateMin !== null) {
    expect(Number.isInteger(r.estimateMin)).toBe(true);
    expect(r.estimateMin).toBeGreaterThanOrEqual(1);
    expect(r.estimateMin).toBeLessThanOrEqual(10080);
  }
  if (r.due !== null) {
    expect(Number.isFinite(r.due.at)).toBe(true);
    expect(typeof r.due.hasTime).toBe('boolean');
  }
}

const nowArb = fc.date({ min: new Date(2000, 0, 1), max: new Date(2099, 11, 31), noInvalidDate: true });

/** Pieces that exercise every rule, glued together in random ways. */
const soupArb = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '~15m',
        '~1h30m',
        '~abc',
        '~',
        '#work',
        '#',
        'C#',
        '#a#b',
        '#x,',
        '!1',
        '!3',
        '!4',
        '!!',
        '"',
        '“',
        '”',
        'tomorrow',
        'friday',
        'on',
        'at',
        'by',
        'due',
        'in',
        '5pm',
        '9am',
        'dec 3',
        'in 2 days',
        'now',
        'Sun',
        ',',
        '.',
        ':',
        '-',
        '—',
        ' ',
        '  ',
        '\n',
        '\u0000',
        'é',
        '\ud800',
        'x',
      ),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('parseQuickAdd properties', () => {
  it('never throws and is well-formed for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), nowArb, (text, now) => {
        expectWellFormed(parseQuickAdd(text, now));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws and is well-formed for token soups', () => {
    fc.assert(
      fc.property(soupArb, nowArb, (text, now) => {
        expectWellFormed(parseQuickAdd(text, now));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws and is well-formed for large strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1500, maxLength: 6000 }), (text) => {
        expectWellFormed(parseQuickAdd(text, NOW));
      }),
      { numRuns: 20 },
    );
    const huge = 'call #a ~15m !1 "quoted ~5m" tomorrow C# x,\u0000 '.repeat(5000);
    const r = parseQuickAdd(huge, NOW);
    expectWellFormed(r);
    expect(r).toMatchObject({ due: null, estimateMin: 15, tags: ['a'], priority: 1 });
    expectWellFormed(parseQuickAdd('#a'.repeat(100_000), NOW));
    expectWellFormed(parseQuickAdd('"'.repeat(100_001), NOW));
    expectWellFormed(parseQuickAdd(', '.repeat(100_000) + '#a', NOW));
  });

  // Plain words that mean nothing to the date parser.
  const wordArb = fc.constantFrom(
    'buy',
    'milk',
    'call',
    'Sam',
    'write',
    'report',
    'fix',
    'bug',
    'plan',
    'garden',
    'email',
    'budget',
    'draft',
    'clean',
    'kitchen',
    'book',
    'flight',
    'café',
    'Straße',
    'naïve',
  );
  type Token =
    | { kind: 'estimate'; text: string; minutes: number }
    | { kind: 'tag'; text: string; tag: string }
    | { kind: 'priority'; text: string; priority: 1 | 2 | 3 };
  const estimateArb: fc.Arbitrary<Token> = fc.oneof(
    fc.integer({ min: 1, max: 10080 }).map((m): Token => ({ kind: 'estimate', text: `~${m}m`, minutes: m })),
    fc
      .integer({ min: 1, max: 168 })
      .map((h): Token => ({ kind: 'estimate', text: `~${h}h`, minutes: h * 60 })),
    fc
      .tuple(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom('h', 'hr', 'hrs'),
      )
      .filter(([h, m]) => h * 60 + m >= 1)
      .map(([h, m, unit]): Token => ({ kind: 'estimate', text: `~${h}${unit}${m}min`, minutes: h * 60 + m })),
    fc
      .integer({ min: 1, max: 335 })
      .map((half): Token => ({ kind: 'estimate', text: `~${half / 2}h`, minutes: half * 30 })),
  );
  const tagArb: fc.Arbitrary<Token> = fc
    .tuple(
      fc.constantFrom('a', 'Work', 'home', 'é', 'ß', '日', 'Ω'),
      fc.stringMatching(/^[a-zA-Z0-9_\-/]{0,8}$/),
    )
    .map(([head, rest]): Token => ({ kind: 'tag', text: `#${head}${rest}`, tag: `${head}${rest}` }));
  const priorityArb: fc.Arbitrary<Token> = fc
    .constantFrom<1 | 2 | 3>(1, 2, 3)
    .map((p): Token => ({ kind: 'priority', text: `!${p}`, priority: p }));
  const itemsArb = fc.array(
    fc.oneof(
      wordArb.map((word) => ({ word })),
      fc.oneof(estimateArb, tagArb, priorityArb).map((token) => ({ token })),
    ),
    { maxLength: 20 },
  );

  it('removes every inserted token from the title and recognises its value', () => {
    fc.assert(
      fc.property(itemsArb, nowArb, (items, now) => {
        const text = items.map((item) => ('word' in item ? item.word : item.token.text)).join(' ');
        const r = parseQuickAdd(text, now);
        const words = items.flatMap((item) => ('word' in item ? [item.word] : []));
        const tokens = items.flatMap((item) => ('token' in item ? [item.token] : []));

        expect(r.title).toBe(words.join(' '));
        const titleWords = new Set(r.title.split(' '));
        for (const token of tokens) expect(titleWords.has(token.text)).toBe(false);

        const firstEstimate = tokens.find((t) => t.kind === 'estimate');
        expect(r.estimateMin).toBe(firstEstimate?.kind === 'estimate' ? firstEstimate.minutes : null);
        const firstPriority = tokens.find((t) => t.kind === 'priority');
        expect(r.priority).toBe(firstPriority?.kind === 'priority' ? firstPriority.priority : null);
        const expectedTags: string[] = [];
        for (const t of tokens) {
          if (t.kind === 'tag' && !expectedTags.some((e) => e.toLowerCase() === t.tag.toLowerCase())) {
            expectedTags.push(t.tag);
          }
        }
        expect(r.tags).toEqual(expectedTags);
        expect(r.due).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('token removal is idempotent: the title holds no further tags, estimates or priorities', () => {
    const textArb = fc.oneof(
      itemsArb.map((items) => items.map((item) => ('word' in item ? item.word : item.token.text)).join(' ')),
      soupArb,
      fc.string({ unit: 'binary' }),
    );
    fc.assert(
      fc.property(textArb, nowArb, (text, now) => {
        const again = parseQuickAdd(parseQuickAdd(text, now).title, now);
        expect(again.tags).toEqual([]);
        expect(again.estimateMin).toBeNull();
        expect(again.priority).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });
});
