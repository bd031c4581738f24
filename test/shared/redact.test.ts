import { describe, expect, it } from 'vitest';
import { redactUserText } from '../../shared/redact';

describe('redactUserText', () => {
  it('removes quoted text and the query of kinetic:// links', () => {
    expect(redactUserText('dropped the oldest: "call Sam tomorrow"')).toBe('dropped the oldest: "…"');
    expect(redactUserText('Resume “Write the intro”?')).toBe('Resume “…”?');
    expect(redactUserText("Cannot read properties of undefined (reading 'title')")).toBe(
      "Cannot read properties of undefined (reading '…')",
    );
    expect(redactUserText('Ignored a link: kinetic://add?text=buy%20milk now')).toBe(
      'Ignored a link: kinetic://add?… now',
    );
  });

  it('leaves lines without user text alone', () => {
    const line = 'settings.json: write failed (Error: EACCES)';
    expect(redactUserText(line)).toBe(line);
  });
});
