/**
 * Backup files made to hurt (issue 24): each case here was reproduced against the earlier check.
 * The time guards are generous on purpose: they catch a refusal that scales with the file, not a
 * slow machine.
 */
import { describe, expect, it } from 'vitest';
import { backupText, makeBackup, parseBackup, type ParsedBackup } from '../../shared/backup';
import { openTask } from '../../shared/types';

const NOW = new Date(2026, 10, 28, 9, 30).getTime();
const REFUSED_WITHIN_MS = 2000;

function base(): Record<string, unknown> {
  return JSON.parse(
    backupText(
      makeBackup(
        { tasks: [openTask('a', 'Write report', NOW - 10_000)], sessions: [], reflections: [] },
        NOW,
      ),
    ),
  ) as Record<string, unknown>;
}

/** parseBackup's answer and how long it took; a throw fails the test with its error. */
function timed(text: string): { result: ParsedBackup; ms: number } {
  const started = performance.now();
  const result = parseBackup(text);
  return { result, ms: performance.now() - started };
}

function expectShortRefusal(result: ParsedBackup): string {
  expect(result.ok).toBe(false);
  if (result.ok) return '';
  expect(result.error.length).toBeLessThanOrEqual(300);
  expect(result.error).not.toContain('\n');
  expect(result.error).toMatch(/\.$/);
  return result.error;
}

describe('hostile backups', () => {
  it('refuses 100,000 empty tasks at once, stopping at the first', () => {
    const json = { ...base(), tasks: Array.from({ length: 100_000 }, () => ({})) };
    const { result, ms } = timed(JSON.stringify(json));
    expect(expectShortRefusal(result)).toMatch(/^The backup is damaged at tasks\[0\]/);
    expect(ms).toBeLessThan(REFUSED_WITHIN_MS);
  });

  it('refuses 1,000,000 nulls at once', () => {
    const text = JSON.stringify(base()).replace('"tasks":[', `"tasks":[${'null,'.repeat(1_000_000)}`);
    const { result, ms } = timed(text);
    expectShortRefusal(result);
    expect(ms).toBeLessThan(REFUSED_WITHIN_MS);
  });

  it('answers, not throws, for a task with 130,000 bad skip records', () => {
    const json = base();
    (json['tasks'] as Record<string, unknown>[])[0]!['skipReasons'] = Array.from(
      { length: 130_000 },
      () => 'x',
    );
    const { result, ms } = timed(JSON.stringify(json));
    expect(expectShortRefusal(result)).toContain('tasks[0].skipReasons');
    expect(ms).toBeLessThan(REFUSED_WITHIN_MS);
  });

  it('caps skip records, pauses and tags', () => {
    const json = base();
    (json['tasks'] as Record<string, unknown>[])[0]!['skipReasons'] = Array.from(
      { length: 1001 },
      (_, i) => ({
        at: i,
        reason: null,
      }),
    );
    expect(expectShortRefusal(parseBackup(JSON.stringify(json)))).toMatch(/more than 1,000/);
  });

  it('quotes at most 40 characters of an unknown key 10 MB long', () => {
    const json = base();
    (json['tasks'] as Record<string, unknown>[])[0]![`k${'x'.repeat(10_000_000)}`] = 1;
    const error = expectShortRefusal(parseBackup(JSON.stringify(json)));
    expect(error).not.toContain('x'.repeat(41));
  });

  it('quotes at most 40 characters of a long duplicate id or title', () => {
    const id = 'i'.repeat(128);
    const json = base();
    const task = (json['tasks'] as Record<string, unknown>[])[0]!;
    task['id'] = id;
    (json['tasks'] as unknown[]).push({ ...task });
    const error = expectShortRefusal(parseBackup(JSON.stringify(json)));
    expect(error).not.toContain('i'.repeat(41));
  });

  it('accepts a leading byte-order mark', () => {
    const backup = makeBackup(
      { tasks: [openTask('a', 'Write report', NOW)], sessions: [], reflections: [] },
      NOW,
    );
    expect(parseBackup(`\uFEFF${backupText(backup)}`)).toEqual({ ok: true, backup });
  });

  it('counts the title limit in UTF-16 units, as the app does', () => {
    const json = base();
    (json['tasks'] as Record<string, unknown>[])[0]!['title'] = '\u{1F600}'.repeat(1000);
    expect(expectShortRefusal(parseBackup(JSON.stringify(json)))).toContain('tasks[0].title');
    (json['tasks'] as Record<string, unknown>[])[0]!['title'] = '\u{1F600}'.repeat(500);
    expect(parseBackup(JSON.stringify(json)).ok).toBe(true);
  });

  it('answers for a deeply nested array instead of a stack overflow', () => {
    const text = JSON.stringify(base()).replace(
      '"tasks":[',
      `"tasks":[${'['.repeat(5000)}${']'.repeat(5000)},`,
    );
    expectShortRefusal(timed(text).result);
  });
});
