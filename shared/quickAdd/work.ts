/** The state the passes share, and the character tests they agree on. */

// Matching control characters is the point here: they become spaces.
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;
/** Punctuation that moves onto the previous word when the token in front of it is removed. */
export const GLUE_PUNCT = new Set([',', '.', ';', ':', '!', '?', '\u2026']);

/** State shared by the token and date passes; all arrays are indexed by UTF-16 position in the text. */
export interface Work {
  s: string;
  prot: Uint8Array;
  /** Characters that leave the title. */
  removed: Uint8Array;
  /** Characters chrono must not see (quoted text, unrecognised `~` words). */
  barrier: Uint8Array;
  /** Start → end of a punctuation run that attaches to the preceding word. */
  glue: Map<number, number>;
}

/** Exactly the characters of the regex class `\s`, so splitting agrees with the final `/\s+/` collapse. */
export function isSpace(code: number): boolean {
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

/** Marks quoted text (quote characters included). */
export function protectQuotes(s: string): Uint8Array {
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

export function isGlueRun(w: Work, from: number, end: number): boolean {
  if (from >= end) return false;
  for (let i = from; i < end; i++) if (w.prot[i] || !GLUE_PUNCT.has(w.s[i] ?? '')) return false;
  return true;
}

/**
 * Finds the kept, unquoted word that ends before `pos` (skipping whitespace and removed characters).
 * Returns its bounds and lower-case text, or null.
 */
export function wordBefore(w: Work, pos: number): { start: number; end: number; lower: string } | null {
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
