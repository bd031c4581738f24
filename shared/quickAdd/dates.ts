/** Pass 2: the first date expression (chrono), removed with a preposition right before it. */
import { casual, type ParsedResult, type Parser } from 'chrono-node';
import { startOfDay } from '../days';
import { GLUE_PUNCT, isGlueRun, isSpace, wordBefore, type Work } from './work';

/**
 * Replaces quoted text and unrecognised `~` words in chrono's copy of the text, so chrono neither reads them
 * nor joins two date parts across them.
 */
const BARRIER = '\u00a7';
const PREPOSITIONS = new Set(['on', 'at', 'by', 'due', 'in']);
/** Weekday-ish words that are also ordinary English words; a date only with `on`, `by` or `due` in front. */
const AMBIGUOUS_DATE_WORDS = new Set(['sun', 'sat', 'wed', 'weekend']);
const RESCUING_PREPOSITIONS = new Set(['on', 'by', 'due']);
/** A chrono match starting with one of these already carries its preposition. */
const LEADING_PREPOSITION = /^(?:on|at|by|due|in|within|from|until|till|before|after)\s/i;
const PAST_WORDS = /\b(?:last|past|previous|ago|yesterday)\b/i;
/** Relative expressions ("in 2 days") need one of these; "a day", "2 weeks", "a second" are just words. */
const RELATIVE_MARKER = /\b(?:in|within|next|after|from)\b/i;
const RANGE_WORDS = /\b(?:to|from|until|till|through)\b/g;
const DIGITS_SPACES_DASHES = /[\d\s\-\u2013]/g;

/**
 * "on the 1st", "by the 23rd": the next such day of a month, today included (a month without it is
 * skipped). Needs `on` or `by`, so "the 1st draft" stays a title.
 */
const ordinalDay: Parser = {
  pattern: () => /\b(?:on|by)\s+the\s+([1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b/i,
  extract: (context, match) => {
    const day = Number(match[1]);
    const ref = context.refDate;
    for (let k = 0; k <= 12; k++) {
      const candidate = new Date(ref.getFullYear(), ref.getMonth() + k, day);
      if (candidate.getDate() === day && candidate.getTime() >= startOfDay(ref.getTime())) {
        return { day, month: candidate.getMonth() + 1, year: candidate.getFullYear() };
      }
    }
    return null;
  },
};

/** Chrono's casual English, plus ordinal days of the month. */
const chrono = casual.clone();
chrono.parsers.push(ordinalDay);

/**
 * Turns an accepted chrono result into a due date with forward-date semantics, or null when it lies in the
 * past.
 *
 * - Without a time (`hasTime` false) `at` is local midnight of the day.
 * - A plain weekday ("friday", "on fri", "this weekend") is its next occurrence, today included when today
 *   is that weekday (chrono would move it a week ahead once the current time is past noon). "next friday" is
 *   left to chrono. With a time ("friday 9am") it is the next occurrence that is not in the past.
 * - A time without a day ("9am") is today, or tomorrow if that time has passed.
 * - A day and month without a year ("dec 3") is the next such day, today included; with a time, the next one
 *   that is not in the past (chrono's own forward dating).
 * - An explicitly named day before today ("yesterday", "dec 3 2020", "2 days ago") is not a due date: null.
 *   An explicit day of today with a time that has passed ("today 9am" at 10:00) is kept (simply overdue).
 */
function toDue(r: ParsedResult, now: Date, lower: string): { at: number; hasTime: boolean } | null {
  const st = r.start;
  const date = st.date();
  if (!Number.isFinite(date.getTime())) return null;
  const hasTime = st.isCertain('hour');
  const nowMs = now.getTime();
  const today = startOfDay(now.getTime());
  const dayCertain = st.isCertain('day');
  const weekdayOnly = !dayCertain && st.isCertain('weekday');
  const relative = r.tags().has('result/relativeDate');

  // A bare hour from 1 to 7 ("call mom at 5") means the afternoon while that is still ahead today.
  if (hasTime && !st.isCertain('meridiem') && !dayCertain && !weekdayOnly && !st.isCertain('month')) {
    const hour = date.getHours();
    const pm = new Date(now.getFullYear(), now.getMonth(), now.getDate(), hour + 12, date.getMinutes());
    if (hour >= 1 && hour <= 7 && pm.getTime() >= nowMs) return { at: pm.getTime(), hasTime };
  }

  let y = date.getFullYear();
  let mo = date.getMonth();
  let d = date.getDate();
  const build = (addDays: number, addYears: number): number =>
    hasTime
      ? new Date(
          y + addYears,
          mo,
          d + addDays,
          date.getHours(),
          date.getMinutes(),
          date.getSeconds(),
          date.getMilliseconds(),
        ).getTime()
      : new Date(y + addYears, mo, d + addDays).getTime();
  const isPast = (at: number): boolean => (hasTime ? at < nowMs : at < today);

  if (!hasTime && weekdayOnly && !/\bnext\b/.test(lower)) {
    const weekday = st.get('weekday') ?? date.getDay();
    const ahead = (((weekday - now.getDay()) % 7) + 7) % 7;
    y = now.getFullYear();
    mo = now.getMonth();
    d = now.getDate() + ahead;
  } else if (!hasTime && dayCertain && !relative && !st.isCertain('year')) {
    // Chrono rolls "dec 3" to next year once today's noon has passed; today still counts.
    for (let k = 0; k <= 8; k++) {
      const candidate = new Date(now.getFullYear() + k, mo, d);
      if (candidate.getMonth() === mo && candidate.getTime() >= today) {
        y = now.getFullYear() + k;
        break;
      }
    }
  }

  let at = build(0, 0);
  if (!Number.isFinite(at)) return null;
  if (!isPast(at)) return { at, hasTime };

  if (weekdayOnly) {
    for (let k = 1; k <= 2 && isPast(at); k++) at = build(7 * k, 0);
  } else if (!dayCertain && !st.isCertain('month')) {
    for (let k = 1; k <= 2 && isPast(at); k++) at = build(k, 0);
  } else if (!relative && !st.isCertain('year')) {
    for (let k = 1; k <= 8 && isPast(at); k++) {
      const candidate = build(0, k);
      if (new Date(candidate).getMonth() === mo) at = candidate;
    }
  } else if (hasTime && at >= today) {
    return { at, hasTime };
  }
  return Number.isFinite(at) && !isPast(at) ? { at, hasTime } : null;
}

/** Trailing punctuation and whitespace dropped before comparing a match with a single word. */
function coreText(lower: string): string {
  let t = lower.trim();
  while (t.length > 0 && GLUE_PUNCT.has(t[t.length - 1] ?? '')) t = t.slice(0, -1);
  const space = t.indexOf(' ');
  if (space > 0 && PREPOSITIONS.has(t.slice(0, space))) t = t.slice(space + 1).trim();
  return t;
}

/**
 * Pass 2: the first acceptable date expression. Chrono reads a copy of the text where removed tokens are
 * blanked and quoted text is walled off (BARRIER), with identical indices. A match is ignored when
 * - it touches quoted text or an unrecognised `~` word, or does not stand as whole words (something other
 *   than whitespace before it, or other than sentence punctuation after it: "tomorrow's", "1-2 hours");
 * - it is "now" (a word in many sentences), or refers to the past ("last friday", "2 days ago");
 * - it is a numeric slash date ("1/2 of the bugs", "24/7": fractions, and M/D vs D/M is ambiguous);
 * - it is a time made of numbers and range words only ("invite 2 to 3 people");
 * - it is relative without `in`/`within`/`next`/`after`/`from` ("wait a second", "one day", "2 weeks");
 * - it names neither a day, a weekday nor an hour ("March on", "in May", "morning run", "this week");
 * - it is one of `sun`, `sat`, `wed`, `weekend` without `on`/`by`/`due` in front ("Sun cream", "sat down");
 * - it lies in the past (see `toDue`).
 */
export function findDue(w: Work, now: Date): { at: number; hasTime: boolean } | null {
  const { s } = w;
  const n = s.length;
  let input = '';
  for (let i = 0; i < n; i++) {
    input += w.removed[i] ? ' ' : w.prot[i] || w.barrier[i] ? BARRIER : s[i];
  }

  let results: ParsedResult[];
  try {
    results = chrono.parse(input, now, { forwardDate: true });
  } catch {
    return null;
  }

  for (const r of results) {
    const start = r.index;
    // Chrono's match may end in whitespace ("dec 24 " before "?"): what follows it is then no
    // punctuation attached to the date, and stays where it is.
    const end = r.index + r.text.trimEnd().length;
    if (!(start >= 0 && end <= n && end > start)) continue;
    if (input.slice(start, end).includes(BARRIER)) continue;
    if (start > 0 && !isSpace(s.charCodeAt(start - 1))) continue;
    let after = end;
    while (after < n && !isSpace(s.charCodeAt(after))) after++;
    if (after > end && !isGlueRun(w, end, after)) continue;

    const lower = r.text.toLowerCase();
    const tags = r.tags();
    if (tags.has('casualReference/now') || PAST_WORDS.test(lower)) continue;
    if (tags.has('parser/SlashDateFormatParser')) continue;
    const namesDay = r.start.isCertain('day') || r.start.isCertain('weekday');
    if (!namesDay && lower.replace(RANGE_WORDS, '').replace(DIGITS_SPACES_DASHES, '') === '') continue;
    if (tags.has('result/relativeDate')) {
      if (!RELATIVE_MARKER.test(lower)) continue;
    } else if (!namesDay && !r.start.isCertain('hour')) {
      continue;
    }
    const prev = wordBefore(w, start);
    const ownPreposition = LEADING_PREPOSITION.test(r.text);
    const firstWord = lower.split(/\s/, 1)[0] ?? '';
    if (AMBIGUOUS_DATE_WORDS.has(coreText(lower))) {
      const rescued = ownPreposition
        ? RESCUING_PREPOSITIONS.has(firstWord)
        : prev !== null && RESCUING_PREPOSITIONS.has(prev.lower);
      if (!rescued) continue;
    }

    const due = toDue(r, now, lower);
    if (due === null) continue;

    // Remove the date, one preposition in front of it (unless chrono's match starts with one: "check in on
    // friday" keeps "check in"), and "due" in front of that preposition ("due by friday").
    w.removed.fill(1, start, end);
    if (after > end) w.glue.set(end, after);
    let preposition = ownPreposition ? firstWord : '';
    let before = prev;
    if (!ownPreposition && prev !== null && PREPOSITIONS.has(prev.lower)) {
      w.removed.fill(1, prev.start, prev.end);
      preposition = prev.lower;
      before = wordBefore(w, prev.start);
    }
    if (preposition !== '' && preposition !== 'due' && before !== null && before.lower === 'due') {
      w.removed.fill(1, before.start, before.end);
    }
    return due;
  }
  return null;
}
