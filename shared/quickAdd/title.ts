/** The last pass: the title from the characters no pass removed, its punctuation tidied. */
import { isSpace, type Work } from './work';

const SEPARATORS = new Set([',', ';', ':']);
const DASHES = new Set(['-', '\u2013', '\u2014']);
/** Characters that can start a token; a dangling separator is never cut from a word starting with one. */
const TOKEN_STARTS = new Set(['#', '~', '!']);

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
export function buildTitle(w: Work): string {
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
