import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IpcRegistry } from '../../electron/main/ipc/registry';
import { initialTimer } from '../../shared/focusTimer';
import type { FocusSnapshot } from '../../shared/focus';
import { INVOKE_CHANNELS, invokeChannels, type IpcResult, type WindowKind } from '../../shared/ipc';
import { ORIGIN, RecordingLog, senderOf, startTestKinetic, task } from '../fakes/testKinetic';

const ERROR_CODES = ['unknown-channel', 'forbidden-sender', 'invalid-payload', 'failed'];

function registry(): { registry: IpcRegistry; log: RecordingLog } {
  const log = new RecordingLog();
  return { registry: new IpcRegistry([ORIGIN, 'http://localhost:5173'], log), log };
}

function expectError(result: IpcResult<unknown>, code: string, channel: string): string {
  if (result.ok) throw new Error(`Expected ${code}, got ok with ${JSON.stringify(result.value)}`);
  expect(result.error.code).toBe(code);
  expect(result.error.channel).toBe(channel);
  expect(result.error.message.length).toBeGreaterThan(0);
  return result.error.message;
}

describe('IpcRegistry.invoke refuses', () => {
  it('an unknown channel, also names that exist on every object', async () => {
    const { registry: r, log } = registry();
    for (const name of ['nope:nothing', 'toString', '__proto__', 'constructor', '']) {
      expectError(await r.invoke(name, undefined, senderOf('main')), 'unknown-channel', name);
    }
    expectError(await r.invoke(42, undefined, senderOf('main')), 'unknown-channel', '42');
    expect(log.warnings).toHaveLength(6);
    expect(log.warnings[0]).toContain('nope:nothing');
  });

  it('a sender from another origin', async () => {
    const { registry: r } = registry();
    let called = 0;
    r.handle('app:info', () => {
      called++;
      return { version: '1', platform: 'linux' };
    });
    for (const url of [
      'https://evil.example/main/index.html',
      'app://kinetic.evil/main/index.html',
      'http://localhost:5174/main/index.html',
      'file:///main/index.html',
      'not a url',
      '',
    ]) {
      const message = expectError(
        await r.invoke('app:info', undefined, { url }),
        'forbidden-sender',
        'app:info',
      );
      expect(message).toContain('is not a Kinetic window');
    }
    expect(called).toBe(0);
  });

  it('a page of a trusted origin that is not a Kinetic window', async () => {
    const { registry: r } = registry();
    r.handle('app:info', () => ({ version: '1', platform: 'linux' }));
    for (const path of ['/', '/assets/evil.html', '/main/other.html', '/mainindex.html']) {
      expectError(
        await r.invoke('app:info', undefined, { url: `${ORIGIN}${path}` }),
        'forbidden-sender',
        'app:info',
      );
    }
    // The dev server origin is trusted too, and its pages are recognized.
    const ok = await r.invoke('app:info', undefined, { url: 'http://localhost:5173/focus/index.html' });
    expect(ok).toEqual({ ok: true, value: { version: '1', platform: 'linux' } });
  });

  it('a Kinetic window that is not in the channel’s `from` list', async () => {
    const { registry: r } = registry();
    let called = 0;
    r.handle('outbox:list', () => {
      called++;
      return [];
    });
    for (const window of ['quickAdd', 'focus', 'reflection'] as const) {
      const message = expectError(
        await r.invoke('outbox:list', undefined, senderOf(window)),
        'forbidden-sender',
        'outbox:list',
      );
      expect(message).toBe(`The ${window} window may not call this channel.`);
    }
    expect(called).toBe(0);
    expect(await r.invoke('outbox:list', undefined, senderOf('main'))).toEqual({ ok: true, value: [] });
  });

  it('invalid payloads, with a message naming the field', async () => {
    const { registry: r } = registry();
    let called = 0;
    r.handle('focus:start', () => {
      called++;
      throw new Error('must not be called');
    });
    r.handle('app:info', () => ({ version: '1', platform: 'linux' }));
    const cases: [payload: unknown, mentions: string][] = [
      [undefined, 'payload'],
      [null, 'payload'],
      ['start', 'payload'],
      [{ task: task('t1'), mode: 'forever' }, 'mode'],
      [{ task: { ...task('t1'), estimateMin: '25' }, mode: 'standard' }, 'task.estimateMin'],
      [{ task: { ...task('t1'), title: '   ' }, mode: 'standard' }, 'task.title'],
      [{ task: task('t1') }, 'mode'],
      [{ task: task('t1'), mode: 'standard', extra: true }, 'extra'],
    ];
    for (const [payload, mentions] of cases) {
      const message = expectError(
        await r.invoke('focus:start', payload, senderOf('main')),
        'invalid-payload',
        'focus:start',
      );
      expect(message).toContain(mentions);
    }
    // A channel without payload refuses one.
    expectError(await r.invoke('app:info', {}, senderOf('main')), 'invalid-payload', 'app:info');
    expect(called).toBe(0);
  });

  it('a handler that throws or rejects answers `failed` with its message', async () => {
    const { registry: r } = registry();
    r.handle('app:info', () => {
      throw new Error('boom');
    });
    r.handle('focus:get', () => Promise.reject(new Error('later boom')));
    r.handle('outbox:list', () => {
      throw 'a string';
    });
    expect(expectError(await r.invoke('app:info', undefined, senderOf('main')), 'failed', 'app:info')).toBe(
      'boom.',
    );
    expect(
      expectError(await r.invoke('focus:get', undefined, senderOf('focus')), 'failed', 'focus:get'),
    ).toBe('later boom.');
    expect(
      expectError(await r.invoke('outbox:list', undefined, senderOf('main')), 'failed', 'outbox:list'),
    ).toBe('a string.');
  });

  it('a channel in the contract without a handler answers `failed`', async () => {
    const { registry: r } = registry();
    expectError(await r.invoke('app:info', undefined, senderOf('main')), 'failed', 'app:info');
    expect(r.missingHandlers()).toEqual([...INVOKE_CHANNELS]);
  });

  it('registering a second handler for a channel', () => {
    const { registry: r } = registry();
    r.handle('app:info', () => ({ version: '1', platform: 'linux' }));
    expect(() => r.handle('app:info', () => ({ version: '2', platform: 'linux' }))).toThrow(
      /already registered/,
    );
  });
});

describe('IpcRegistry.invoke accepts', () => {
  it('a valid call: the handler gets the parsed payload and the calling window', async () => {
    const { registry: r, log } = registry();
    const seen: { text: string | null; window: WindowKind }[] = [];
    r.handle('quickAdd:open', ({ text }, { window }) => {
      seen.push({ text, window });
      return null;
    });
    const notes: (string | null)[] = [];
    const idleSnapshot: FocusSnapshot = {
      timer: initialTimer(),
      task: null,
      mode: 'standard',
      pauses: [],
      pausedBy: null,
      keepGoingMinutes: 25,
    };
    r.handle('focus:stop', ({ note }) => {
      notes.push(note);
      return idleSnapshot;
    });
    expect(await r.invoke('quickAdd:open', { text: 'milk' }, senderOf('focus'))).toEqual({
      ok: true,
      value: null,
    });
    expect(seen).toEqual([{ text: 'milk', window: 'focus' }]);
    // zod transforms apply before the handler (the note is trimmed).
    const stopped = await r.invoke('focus:stop', { note: '  here  ' }, senderOf('focus'));
    expect(stopped).toMatchObject({ ok: true, value: { timer: { phase: 'idle' } } });
    expect(notes).toEqual(['here']);
    expect(log.warnings).toEqual([]);
  });

  it('a handler that returns undefined answers null (an envelope always has a value)', async () => {
    const { registry: r } = registry();
    r.handle('window:hide', () => undefined as unknown as null);
    expect(await r.invoke('window:hide', undefined, { url: `${ORIGIN}/reflection/` })).toEqual({
      ok: true,
      value: null,
    });
  });
});

describe('the registry startKinetic builds', () => {
  it('has a handler for every channel', async () => {
    const k = await startTestKinetic();
    expect(k.main.registry.missingHandlers()).toEqual([]);
  });

  it('answers every channel with an envelope for arbitrary JSON payloads, and never throws', async () => {
    const k = await startTestKinetic();
    const kinds = ['main', 'quickAdd', 'focus', 'reflection'] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...INVOKE_CHANNELS),
        fc.oneof(fc.jsonValue(), fc.constant(undefined)),
        fc.constantFrom(...kinds),
        async (channel, payload, window) => {
          const result = await k.main.registry.invoke(channel, payload, senderOf(window));
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) {
            expect(ERROR_CODES).toContain(result.error.code);
            expect(result.error.channel).toBe(channel);
            expect(typeof result.error.message).toBe('string');
          }
          const allowed = (invokeChannels[channel].from as readonly string[]).includes(window);
          const valid = invokeChannels[channel].request.safeParse(payload).success;
          if (!allowed) expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
          else if (!valid) expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
        },
      ),
      { numRuns: 400 },
    );
  });
});
