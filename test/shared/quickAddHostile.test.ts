/**
 * The quick-add parser against hostile and random text (issue 24): it never throws, keeps plain
 * text exactly, and keeps a lone `?`, `!` or `…` that follows a leading date.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQuickAdd } from '../../shared/quickAdd';

// Friday 27 November 2026, 10:00 local time.
const NOW = new Date(2026, 10, 27, 10, 0);
const DEC_24 = { at: new Date(2026, 11, 24).getTime(), hasTime: false };

describe('a lone mark after a leading date', () => {
  it.each([
    ["dec 24 ? it's C++", "? it's C++"],
    ['dec 24 ! go', '! go'],
    ['dec 24 … go', '… go'],
    ['dec 24 ?', '?'],
    ['Call Ana dec 24 ? maybe', 'Call Ana ? maybe'],
  ])('%s', (text, title) => {
    expect(parseQuickAdd(text, NOW)).toMatchObject({ title, due: DEC_24 });
  });

  it('still moves a mark right after the date onto the word before it', () => {
    expect(parseQuickAdd('Call Ana dec 24, then Bo', NOW)).toMatchObject({
      title: 'Call Ana, then Bo',
      due: DEC_24,
    });
  });
});

/** Words no parser rule reads: no digits, tokens, quotes, or letters that make date words. */
const plainWord = fc.stringMatching(/^[bcdfgjklnpqvwxz]{1,8}$/);
const plainText = fc.array(plainWord, { minLength: 1, maxLength: 40 }).map((words) => words.join(' '));

describe('the parser on random and huge texts', { timeout: 120_000 }, () => {
  it('keeps plain text exactly', () => {
    fc.assert(
      fc.property(plainText, (text) => {
        expect(parseQuickAdd(text, NOW)).toEqual({
          title: text,
          due: null,
          estimateMin: null,
          tags: [],
          priority: null,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on any text, and gives a well-formed draft', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc
        .array(
          fc.constantFrom(
            '#',
            '~',
            '!',
            '"',
            '“',
            '”',
            '…',
            '?',
            ' ',
            'dec 24',
            'tomorrow',
            '5pm',
            '~15m',
            '!1',
            '#a',
            '\u202e',
            '\u0000',
            '\ud800',
          ),
          { maxLength: 60 },
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        const draft = parseQuickAdd(text, NOW);
        expect(typeof draft.title).toBe('string');
        expect(draft.title).toBe(draft.title.trim());
        expect(draft.title.length).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps a huge plain text exactly, and never throws on huge hostile ones', () => {
    const huge = 'plain words only '.repeat(60_000).trim();
    expect(parseQuickAdd(huge, NOW).title).toBe(huge);
    for (const text of [
      '#'.repeat(1_000_000),
      '"'.repeat(1_000_000),
      '~'.repeat(500_000),
      `${'!1 '.repeat(300_000)}x`,
      '\ud800'.repeat(500_000),
    ]) {
      expect(() => parseQuickAdd(text, NOW)).not.toThrow();
    }
  });
});
