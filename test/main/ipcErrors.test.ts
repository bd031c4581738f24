/**
 * Every refusal over IPC is one short sentence (issue 24): a handler's own error included, never
 * zod's multi-line JSON, never the whole payload.
 */
import { describe, expect, it } from 'vitest';
import { startTestKinetic } from '../fakes/testKinetic';

function expectSentence(result: { ok: boolean; error?: { message: string } }): string {
  expect(result.ok).toBe(false);
  const message = result.error?.message ?? '';
  expect(message.length).toBeLessThanOrEqual(300);
  expect(message).toMatch(/^[^\n{}[\]]+[.…]$/);
  return message;
}

describe('IPC errors', () => {
  it('settings:update with a field set to undefined answers with one sentence, and changes nothing', async () => {
    const k = await startTestKinetic();
    const before = await k.call('settings:get', undefined);
    const message = expectSentence(await k.raw('settings:update', { focusMinutes: undefined }));
    expect(message).toContain('focusMinutes');
    expect(await k.call('settings:get', undefined)).toEqual(before);
  });

  it('an invalid payload is one sentence quoting at most 40 characters of it', async () => {
    const k = await startTestKinetic();
    const key = `k${'x'.repeat(100_000)}`;
    const message = expectSentence(
      await k.raw('focus:extend', { minutes: 0, [key]: 1, note: 'y'.repeat(5000) }),
    );
    expect(message).not.toContain('x'.repeat(41));
    expectSentence(await k.raw('app:info', { a: 1 }));
    expectSentence(await k.raw(`x${'y'.repeat(10_000)}`, undefined));
  });

  it('counts every text limit in UTF-16 units, as the app does', async () => {
    const k = await startTestKinetic();
    const emoji = (n: number): string => '\u{1F600}'.repeat(n);
    const refusals: [string, unknown][] = [
      ['quickAdd:open', { text: emoji(5001) }],
      ['focus:start', { task: { id: 't', title: emoji(501), estimateMin: null }, mode: 'standard' }],
      ['focus:stop', { note: emoji(501) }],
      ['nextAction:report', { task: { id: 't', title: emoji(501), estimateMin: null } }],
      ['window:showMain', { command: null, taskId: emoji(65) }],
    ];
    for (const [channel, payload] of refusals) {
      const result = await k.raw(channel, payload);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
      expectSentence(result);
    }
    expect(await k.raw('quickAdd:open', { text: emoji(5000) })).toMatchObject({ ok: true });
  });
});
