/**
 * shared/api.ts: the bridge the preload exposes (one method per channel, answering with the
 * envelope) and the API the renderer builds over it (replies, or errors with their code as a field).
 */
import { describe, expect, it } from 'vitest';
import {
  createKineticApi,
  createKineticBridge,
  fromBridge,
  KineticIpcError,
  type KineticTransport,
} from '../../shared/api';
import type { ExhaustivePayloads, IpcResult } from '../../shared/ipc';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../shared/ipcChannels';

function recordingTransport(answer: (channel: string, payload: unknown) => IpcResult<unknown>) {
  const calls: { channel: string; payload: unknown }[] = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  const transport: KineticTransport = {
    invoke: (channel, payload) => {
      calls.push({ channel, payload });
      return Promise.resolve(answer(channel, payload));
    },
    subscribe: (channel, listener) => {
      listeners.set(channel, listener);
      return () => listeners.delete(channel);
    },
  };
  return { transport, calls, listeners };
}

describe('the bridge (window.kinetic)', () => {
  it('has one method per channel and nothing else, frozen', () => {
    const bridge = createKineticBridge(recordingTransport(() => ({ ok: true, value: null })).transport);
    const methods = Object.entries(bridge).flatMap(([domain, verbs]) =>
      Object.keys(verbs as object).map((verb) => `${domain}.${verb}`),
    );
    const expected = [
      ...INVOKE_CHANNELS.map((c) => c.replace(':', '.')),
      ...EVENT_CHANNELS.map((c) => {
        const [d, v] = c.split(':') as [string, string];
        return `${d}.on${v.charAt(0).toUpperCase()}${v.slice(1)}`;
      }),
    ];
    expect(methods.sort()).toEqual(expected.sort());
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.focus)).toBe(true);
  });

  it('answers with the envelope, refusals included', async () => {
    const refusal = { code: 'invalid-payload', channel: 'focus:extend', message: 'Too long.' } as const;
    const { transport, calls } = recordingTransport((channel) =>
      channel === 'focus:extend' ? { ok: false, error: refusal } : { ok: true, value: 'fine' },
    );
    const bridge = createKineticBridge(transport);
    expect(await bridge.focus.extend({ minutes: 500 })).toEqual({ ok: false, error: refusal });
    expect(await bridge.focus.get()).toEqual({ ok: true, value: 'fine' });
    expect(calls).toEqual([
      { channel: 'focus:extend', payload: { minutes: 500 } },
      { channel: 'focus:get', payload: undefined },
    ]);
  });

  it('subscribes listeners by channel and refuses anything but a function', () => {
    const { transport, listeners } = recordingTransport(() => ({ ok: true, value: null }));
    const bridge = createKineticBridge(transport);
    const seen: unknown[] = [];
    const off = bridge.focus.onChanged((s) => seen.push(s));
    listeners.get('focus:changed')?.({ timer: 'x' });
    expect(seen).toEqual([{ timer: 'x' }]);
    off();
    expect(listeners.has('focus:changed')).toBe(false);
    // @ts-expect-error not a function
    expect(() => bridge.settings.onChanged('nope')).toThrow(/listener must be a function/);
  });
});

describe('the API over the bridge', () => {
  it('resolves to the reply, and rejects a refusal with its code and channel as fields', async () => {
    const api = fromBridge(
      createKineticBridge(
        recordingTransport((channel) =>
          channel === 'outbox:ack'
            ? { ok: false, error: { code: 'forbidden-sender', channel, message: 'Not from here.' } }
            : { ok: true, value: [] },
        ).transport,
      ),
    );
    expect(await api.outbox.list()).toEqual([]);
    const error = await api.outbox.ack({ ids: ['a'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KineticIpcError);
    expect(error).toMatchObject({
      code: 'forbidden-sender',
      channel: 'outbox:ack',
      message: 'Not from here.',
    });
  });

  it('createKineticApi is the two together', async () => {
    const api = createKineticApi(recordingTransport(() => ({ ok: true, value: 7 })).transport);
    expect(await api.focus.get()).toBe(7);
  });
});

describe('the event payload map', () => {
  it('must name every channel and no other (a type check)', () => {
    type Fine = ExhaustivePayloads<'a' | 'b', { a: number; b: string }>;
    // @ts-expect-error a channel without a payload type
    type Missing = ExhaustivePayloads<'a' | 'b', { a: number }>;
    // @ts-expect-error a payload type for no channel
    type Extra = ExhaustivePayloads<'a', { a: number; c: boolean }>;
    const fine: Fine = { a: 1, b: 'x' };
    expect(fine).toEqual({ a: 1, b: 'x' });
    expect([] as (Missing | Extra)[]).toEqual([]);
  });
});
