/**
 * Text limits for zod schemas, counted in UTF-16 code units (`string.length`), as the app's own
 * inputs count them: zod's `.max()` on strings counts code points, so a title of 1,000 emoji
 * would pass a 1,000-character limit that the app would refuse.
 */
import { z } from 'zod';
import { quoted } from './text';

/** A string of at most `max` UTF-16 units (and at least `min`, after trimming when `trim`). */
export function unitsText(max: number, options: { min?: number; trim?: boolean } = {}): z.ZodType<string> {
  const base = options.trim ? z.string().trim() : z.string();
  const checked = options.min ? base.min(options.min) : base;
  return checked.refine((s) => s.length <= max, {
    message: `Too long: at most ${max.toLocaleString('en-US')} characters`,
    abort: true,
  });
}

/**
 * A zod issue as a short phrase, `focusMinutes: expected a number`: the place and zod's message
 * (cut), never the input; an unknown key is quoted (at most MAX_QUOTE units).
 */
export function issuePhrase(issue: z.core.$ZodIssue): string {
  const where = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : quoted(String(part))));
  const path = where.join('.').replace(/\.\[/g, '[');
  const problem =
    issue.code === 'unrecognized_keys'
      ? `a field that does not belong (“${quoted(issue.keys[0] ?? '')}”)`
      : issue.message.length > 120
        ? `${issue.message.slice(0, 119)}…`
        : issue.message;
  return `${path || 'payload'}: ${problem}`;
}
