/**
 * Text limits and text from outside, one way everywhere.
 *
 * Every limit is counted in UTF-16 code units (`string.length`), as the app's own inputs count
 * them (shared/textSchema.ts has the zod side). No zod here: the quick-add window loads this.
 */

// Matching control characters is the point of these.
// eslint-disable-next-line no-control-regex
const C0 = /[\u0000-\u001f\u007f]/g;
/** Bidirectional embeddings, overrides and isolates: they can make a title read as another. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text that arrives from outside (a link, the command line): C0 controls become spaces and
 * bidirectional controls go.
 */
export function cleanOutsideText(text: string): string {
  return text.replace(BIDI, '').replace(C0, ' ');
}

/** The longest piece of a file or payload an error quotes. */
export const MAX_QUOTE = 40;
/** The longest error sentence. */
export const MAX_ERROR = 300;

/** `text` for an error: controls removed, at most MAX_QUOTE units (the cut marked with …). */
export function quoted(text: string): string {
  const head = text.slice(0, MAX_QUOTE * 4);
  const clean = cleanOutsideText(head).replace(/\s+/g, ' ');
  if (clean.length <= MAX_QUOTE && head.length === text.length) return clean;
  // Not inside a surrogate pair.
  let end = Math.min(clean.length, MAX_QUOTE - 1);
  if (end > 0 && /[\ud800-\udbff]/.test(clean[end - 1] ?? '')) end--;
  return `${clean.slice(0, end)}…`;
}

/** `text` as one sentence of at most MAX_ERROR units: one line, ending in a full stop. */
export function oneSentence(text: string): string {
  let line = text.replace(/\s+/g, ' ').trim();
  if (line.length > MAX_ERROR - 1) {
    let end = MAX_ERROR - 1;
    if (/[\ud800-\udbff]/.test(line[end - 1] ?? '')) end--;
    line = `${line.slice(0, end).trimEnd()}…`;
  }
  return /[.!?…]$/.test(line) ? line : `${line}.`;
}

/** The most text quick add takes (typed, pasted, or from a link): the parser never sees more. */
export const QUICK_ADD_MAX_TEXT = 2000;

/** `text` cut to QUICK_ADD_MAX_TEXT units (not inside a surrogate pair), and whether it was cut. */
export function capQuickAddText(text: string): { text: string; cut: boolean } {
  if (text.length <= QUICK_ADD_MAX_TEXT) return { text, cut: false };
  const end = /[\ud800-\udbff]/.test(text[QUICK_ADD_MAX_TEXT - 1] ?? '')
    ? QUICK_ADD_MAX_TEXT - 1
    : QUICK_ADD_MAX_TEXT;
  return { text: text.slice(0, end), cut: true };
}
