/** Pass 1: estimates (`~15m`), priorities (`!1`) and tags (`#work`), word by word. */
import { isGlueRun, isSpace, type Work } from './work';

const MAX_ESTIMATE_MIN = 10080;
/** Longer `~` words are never estimates (keeps the number parsing trivially cheap). */
const MAX_ESTIMATE_TOKEN = 32;
const ESTIMATE = /^~(?:(\d+(?:\.\d+)?)(?:h|hr|hrs)(?:(\d+)(?:m|min|mins))?|(\d+(?:\.\d+)?)(?:m|min|mins))$/i;
const TAG_CHAR = /^[\p{L}\p{M}\p{Nd}_\-/]$/u;
const LETTER = /^\p{L}$/u;

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

export interface Tokens {
  estimateMin: number | null;
  priority: 1 | 2 | 3 | null;
  tags: string[];
}

/** Pass 1: estimates, priorities and tags, word by word. */
export function scanTokens(w: Work): Tokens {
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
