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
import { buildTitle } from './title';
import { findDue } from './dates';
import { scanTokens } from './tokens';
import { CONTROL_CHARS, protectQuotes, type Work } from './work';

export interface ParsedQuickAdd {
  title: string;
  due: { at: number; hasTime: boolean } | null;
  estimateMin: number | null;
  tags: string[];
  priority: 1 | 2 | 3 | null;
}

/** Longer texts are not searched for dates (chrono is the only super-linear part). */
const MAX_DATE_TEXT = 2000;

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
