/**
 * Quick add: turns one line typed by the user into a task draft.
 *
 *   parseQuickAdd('call Sam tomorrow 5pm ~15m #work !1', now)
 *   → { title: 'call Sam', due: { at: <tomorrow 17:00>, hasTime: true }, estimateMin: 15, tags: ['work'],
 *       priority: 1 }
 *
 * It runs on every keystroke, so it is pure, never throws and stays linear in the length of the text
 * (chrono only sees texts up to MAX_DATE_TEXT characters). Time is passed in, never read.
 *
 * Recognised, in this order:
 * 1. Quotes. Text inside "…" or “…” is never parsed and stays in the title with its quotes. A straight
 *    quote is closed by the next straight quote; a typographic quote (“ or ”) by the next “ or ” (so German
 *    „…“ and Swedish ”…” are covered too). An unmatched quote protects everything after it: nothing the user
 *    meant to quote is ever eaten.
 * 2. Whole whitespace-delimited tokens outside quotes:
 *    - estimates `~15m`, `~2h`, `~1.5h`, `~1h30m` (units m/min/mins, h/hr/hrs, any case), rounded to
 *      whole minutes, valid when 1..10080 (a week); the first valid one gives the value, all valid ones are
 *      removed. Any other word starting with `~` stays in the title and is hidden from the date parser.
 *    - priorities `!1` (highest), `!2`, `!3`; the first gives the value, all are removed.
 *    - tags `#name` where `#` starts a word (start of text or after whitespace, so `C#` is no tag). Tag
 *      characters are Unicode letters (with their combining marks), decimal digits, `_`, `-` and `/`; a tag
 *      needs at least one letter, so `#123` (an issue number) stays in the title. The tag ends at the first
 *      other character and that point counts as the start of a new word (`#a#b` → tags a and b; `#work!1` →
 *      tag and priority). Duplicates are dropped case-insensitively, the first spelling wins.
 * 3. The first date expression (chrono, forward-dating; see `toDue` and `findDue` for the rules and the
 *    false positives that are ignored), removed together with a preposition right before it (`on`, `at`,
 *    `by`, `due`, `in`).
 *
 * Title clean-up: control characters become spaces, whitespace is collapsed and trimmed. Sentence
 * punctuation (`, . ; : ! ? …`) that directly follows a removed tag or date moves onto the preceding word
 * ("milk #home, eggs" → "milk, eggs"; dropped at the very start: "#work: call" → "call"), and a separator
 * (`,` `;` `:` or a free-standing dash) left dangling at the start or end of the title by a removal is
 * dropped ("Report - tomorrow" → "Report").
 */
import { casual, type ParsedResult, type Parser } from 'chrono-node';

export interface ParsedQuickAdd {
  title: string;
  due: { at: number; hasTime: boolean } | null;
  estimateMin: number | null;
  tags: string[];
  priority: 1 | 2 | 3 | null;
}

/** Longer texts are not searched for dates (chrono is the only super-linear part). */
const MAX_DATE_TEXT = 2000;
const MAX_ESTIMATE_MIN = 10080;
/** Longer `~` words are never estimates (keeps the number parsing trivially cheap). */
const MAX_ESTIMATE_TOKEN = 32;
/**
 * Replaces quoted text and unrecognised `~` words in chrono's copy of the text, so chrono neither reads them
 * nor joins two date parts across them.
 */
const BARRIER = '\u00a7';

// Matching control characters is the point here: they become spaces.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;
const ESTIMATE = /^~(?:(\d+(?:\.\d+)?)(?:h|hr|hrs)(?:(\d+)(?:m|min|mins))?|(\d+(?:\.\d+)?)(?:m|min|mins))$/i;
const TAG_CHAR = /^[\p{L}\p{M}\p{Nd}_\-/]$/u;
const LETTER = /^\p{L}$/u;
/** Punctuation that moves onto the previous word when the token in front of it is removed. */
const GLUE_PUNCT = new Set([',', '.', ';', ':', '!', '?', '\u2026']);
const SEPARATORS = new Set([',', ';', ':']);
const DASHES = new Set(['-', '\u2013', '\u2014']);
/** Characters that can start a token; a dangling separator is never cut from a word starting with one. */
const TOKEN_STARTS = new Set(['#', '~', '!']);

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

/** Exactly the characters of the regex class `\s`, so splitting agrees with the final `/\s+/` collapse. */
function isSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function parseEstimate(word: string): number | null {
  if (word.length > MAX_ESTIMATE_TOKEN) return null;
  const m = ESTIMATE.exec(word);
  if (!m) return null;
  const minutes =
    m[3] !== undefined ? Number(m[3]) : Number(m[1]) * 60 + (m[2] !== undefined ? Number(m[2]) : 0);
  const rounded = Math.round(minutes);
  return Number.isFinite(rounded) && rounded >= 1 && rounded <= MAX_ESTIMATE_MIN ? rounded : null;
}

function parsePriority(word: string): 1 | 2 | 3 | null {
  if (word === '!1') return 1;
  if (word === '!2') return 2;
  if (word === '!3') return 3;
  return null;
}

/** Marks quoted text (quote characters included). */
function protectQuotes(s: string): Uint8Array {
  const n = s.length;
  const prot = new Uint8Array(n);
  let i = 0;
  while (i < n) {
    const c = s[i];
    if (c !== '"' && c !== '\u201c' && c !== '\u201d') {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && !(c === '"' ? s[j] === '"' : s[j] === '\u201c' || s[j] === '\u201d')) j++;
    const end = Math.min(j + 1, n); // unmatched: protect to the end
    prot.fill(1, i, end);
    i = end;
  }
  return prot;
}

/** State shared by the token and date passes; all arrays are indexed by UTF-16 position in the text. */
interface Work {
  s: string;
  prot: Uint8Array;
  /** Characters that leave the title. */
  removed: Uint8Array;
  /** Characters chrono must not see (quoted text, unrecognised `~` words). */
  barrier: Uint8Array;
  /** Start → end of a punctuation run that attaches to the preceding word. */
  glue: Map<number, number>;
}

/** Returns the end of the tag starting at `from` (just after `#`), or null if there is no tag. */
function scanTag(w: Work, from: number, end: number): number | null {
  let i = from;
  let hasLetter = false;
  while (i < end && !w.prot[i]) {
    const cp = w.s.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    if (!TAG_CHAR.test(ch)) break;
    if (!hasLetter && LETTER.test(ch)) hasLetter = true;
    i += ch.length;
  }
  return i > from && hasLetter ? i : null;
}

function isGlueRun(w: Work, from: number, end: number): boolean {
  if (from >= end) return false;
  for (let i = from; i < end; i++) if (w.prot[i] || !GLUE_PUNCT.has(w.s[i] ?? '')) return false;
  return true;
}

/**
 * Finds the kept, unquoted word that ends before `pos` (skipping whitespace and removed characters).
 * Returns its bounds and lower-case text, or null.
 */
function wordBefore(w: Work, pos: number): { start: number; end: number; lower: string } | null {
  let e = pos;
  while (e > 0 && (isSpace(w.s.charCodeAt(e - 1)) || w.removed[e - 1])) e--;
  if (e === 0) return null;
  let b = e;
  while (b > 0 && !isSpace(w.s.charCodeAt(b - 1))) {
    if (w.removed[b - 1] || w.prot[b - 1]) return null;
    b--;
  }
  return { start: b, end: e, lower: w.s.slice(b, e).toLowerCase() };
}

interface Tokens {
  estimateMin: number | null;
  priority: 1 | 2 | 3 | null;
  tags: string[];
}

/** Pass 1: estimates, priorities and tags, word by word. */
function scanTokens(w: Work): Tokens {
  const { s, prot } = w;
  const n = s.length;
  const out: Tokens = { estimateMin: null, priority: null, tags: [] };
  const seenTags = new Set<string>();

  // Scans [start, end) as one word; after a tag the rest of the word is scanned as a new word.
  const scanWord = (start: number, end: number): void => {
    let a = start;
    while (a < end && !prot[a]) {
      const first = s[a];
      if (first === '~') {
        const minutes = parseEstimate(s.slice(a, Math.min(end, a + MAX_ESTIMATE_TOKEN + 1)));
        if (minutes !== null) {
          out.estimateMin ??= minutes;
          w.removed.fill(1, a, end);
        } else {
          w.barrier.fill(1, a, end);
        }
        return;
      }
      if (first === '!') {
        const p = end - a === 2 ? parsePriority(s.slice(a, end)) : null;
        if (p !== null) {
          out.priority ??= p;
          w.removed.fill(1, a, end);
        }
        return;
      }
      if (first !== '#') return;
      const tagEnd = scanTag(w, a + 1, end);
      if (tagEnd === null) return;
      const tag = s.slice(a + 1, tagEnd);
      const key = tag.toLowerCase();
      if (!seenTags.has(key)) {
        seenTags.add(key);
        out.tags.push(tag);
      }
      w.removed.fill(1, a, tagEnd);
      if (isGlueRun(w, tagEnd, end)) {
        w.glue.set(tagEnd, end);
        return;
      }
      a = tagEnd;
    }
  };

  let i = 0;
  while (i < n) {
    if (isSpace(s.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    while (end < n && !isSpace(s.charCodeAt(end))) end++;
    scanWord(i, end);
    i = end;
  }
  return out;
}

const startOfDay = (d: Date): number => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

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
      if (candidate.getDate() === day && candidate.getTime() >= startOfDay(ref)) {
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
  const today = startOfDay(now);
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
function findDue(w: Work, now: Date): { at: number; hasTime: boolean } | null {
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

/** True when t[from, to) is a non-empty run of separators and dashes (a word like "-", "—" or ","). */
function isSeparatorWord(t: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = t[i] ?? '';
    if (!SEPARATORS.has(c) && !DASHES.has(c)) return false;
  }
  return true;
}

/**
 * Drops separators left dangling at the start or end of the (collapsed, trimmed) title by a removal:
 * whole words made of separators or dashes ("Report - tomorrow" → "Report"), and separators ending the
 * last word ("Buy milk, #home" → "Buy milk"). A word starting with `#`, `~` or `!` keeps its ending, so that
 * cutting it can never turn "!1," into a priority token. Works on indices so it stays linear.
 */
function trimSeparators(t: string, head: boolean, tail: boolean): string {
  let b = 0;
  let e = t.length;
  if (tail) {
    while (e > 0) {
      const wordStart = t.lastIndexOf(' ', e - 1) + 1;
      if (isSeparatorWord(t, wordStart, e)) {
        e = Math.max(0, wordStart - 1);
        continue;
      }
      if (SEPARATORS.has(t[e - 1] ?? '') && !TOKEN_STARTS.has(t[wordStart] ?? '')) {
        while (e > wordStart && SEPARATORS.has(t[e - 1] ?? '')) e--;
      }
      break;
    }
  }
  if (head) {
    while (b < e) {
      const space = t.indexOf(' ', b);
      const wordEnd = space < 0 || space > e ? e : space;
      if (!isSeparatorWord(t, b, wordEnd)) break;
      b = Math.min(e, wordEnd + 1);
    }
  }
  return t.slice(b, e);
}

/** Builds the title from the characters that were not removed. */
function buildTitle(w: Work): string {
  const { s, removed, glue } = w;
  const n = s.length;
  const out: string[] = [];
  let firstKept = -1;
  let lastKept = -1;
  let firstRemoved = -1;
  let lastRemoved = -1;
  const noteRemoved = (i: number): void => {
    if (firstRemoved < 0) firstRemoved = i;
    lastRemoved = i;
  };

  let i = 0;
  while (i < n) {
    if (removed[i]) {
      noteRemoved(i);
      out.push(' ');
      i++;
      continue;
    }
    const glueEnd = glue.get(i);
    if (glueEnd !== undefined) {
      while (out.length > 0 && out[out.length - 1] === ' ') out.pop();
      if (out.length === 0) {
        noteRemoved(glueEnd - 1); // nothing to attach to: dropped
      } else {
        out.push(s.slice(i, glueEnd));
        lastKept = glueEnd - 1;
      }
      i = glueEnd;
      continue;
    }
    const ch = s[i] ?? '';
    if (isSpace(s.charCodeAt(i))) {
      out.push(' ');
    } else {
      out.push(ch);
      if (firstKept < 0) firstKept = i;
      lastKept = i;
    }
    i++;
  }

  const title = out.join('').replace(/\s+/g, ' ').trim();
  if (firstKept < 0) return title;
  return trimSeparators(title, firstRemoved >= 0 && firstRemoved < firstKept, lastRemoved > lastKept);
}

export function parseQuickAdd(text: string, now: Date): ParsedQuickAdd {
  const s = (typeof text === 'string' ? text : '').replace(CONTROL_CHARS, ' ');
  const n = s.length;
  const w: Work = {
    s,
    prot: protectQuotes(s),
    removed: new Uint8Array(n),
    barrier: new Uint8Array(n),
    glue: new Map(),
  };
  const tokens = scanTokens(w);
  const canParseDates = n <= MAX_DATE_TEXT && now instanceof Date && Number.isFinite(now.getTime());
  const due = canParseDates ? findDue(w, now) : null;
  return {
    title: buildTitle(w),
    due,
    estimateMin: tokens.estimateMin,
    tags: tokens.tags,
    priority: tokens.priority,
  };
}
