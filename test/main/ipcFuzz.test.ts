/**
 * Every IPC channel of the contract, called into the real registry and services (startKinetic)
 * with random and near-miss payloads from every window, and from frames that are not ours
 * (issue 24). Never an exception; every refusal one short sentence; and a refused call changes
 * nothing: the services' state, the store, the files and the windows are as before.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  INVOKE_CHANNELS,
  WINDOW_KINDS,
  invokeChannels,
  type InvokeChannel,
  type WindowKind,
} from '../../shared/ipc';
import { senderOf, startTestKinetic, task, type TestKinetic } from '../fakes/testKinetic';

/** A valid payload of each channel, for near misses. */
const VALID: Record<InvokeChannel, unknown> = {
  'app:info': undefined,
  'log:rendererError': { kind: 'error', message: 'boom', stack: null },
  'log:openFolder': undefined,
  'settings:get': undefined,
  'settings:update': { focusMinutes: 30 },
  'window:hide': undefined,
  'window:showMain': { command: 'add', taskId: null },
  'nextAction:report': { task: task('t1') },
  'reminders:set': { items: [{ id: 't1', title: 'call Sam', at: 1_764_230_400_000 }] },
  'quickAdd:open': { text: 'call Sam' },
  'quickAdd:takeDraft': undefined,
  'focus:get': undefined,
  'focus:start': { task: task('t1', 'Write', 25), mode: 'standard' },
  'focus:pause': undefined,
  'focus:resume': undefined,
  'focus:extend': { minutes: 5 },
  'focus:stop': { note: null },
  'focus:done': undefined,
  'focus:smaller': undefined,
  'focus:show': undefined,
  'outbox:list': undefined,
  'sync:status': undefined,
  'sync:choose': undefined,
  'sync:off': undefined,
  'sync:rename': { name: 'Laptop' },
  'outbox:ack': { ids: ['a'] },
  'reflection:open': undefined,
  'reflection:get': undefined,
  'reflection:saved': { day: '2026-11-26', morningStep: null },
  'history:export': { fileName: 'week.md', markdown: '# Week' },
  'backup:save': { fileName: 'kinetic-backup-2026-11-26.json', text: '{}' },
  'backup:open': undefined,
  'backup:autoStatus': undefined,
  'backup:autoKeep': { day: '2026-11-26', text: '{}' },
  'oplog:hello': undefined,
  'oplog:append': {
    ops: [
      {
        hlc: '0001764230400000-0000-id1',
        device: 'id1',
        table: 'tasks',
        id: 't1',
        set: { title: 'call Sam' },
      },
    ],
  },
  'oplog:read': { after: {}, cursor: 0 },
  'oplog:recovered': { ops: 0, rebuilt: false, refused: 0, dataLoss: null },
};

/** Everything a call could change, as text. */
function stateOf(k: TestKinetic): string {
  const s = k.main.services;
  return JSON.stringify({
    storeWrites: k.store.writes.length,
    backups: [...k.backups.files],
    written: [...k.dialog.written],
    windows: k.windows.log,
    visible: [...k.windows.visible],
    sent: k.windows.sent.length,
    broadcasts: k.windows.broadcasts.length,
    tray: [k.tray.calls.length, k.tray.menu],
    notifications: k.notifier.shown.length,
    shortcuts: [...k.shortcuts.registered.keys()],
    timers: k.clock.pending(),
    settings: s.settings.get(),
    focus: s.focus.snapshot(),
    outbox: s.outbox.list(),
    reflection: s.reflection.state(),
    auto: s.autoBackup.status(),
    quickAddShown: k.windows.visible.has('quickAdd'),
    oplog: s.oplog.status(),
  });
}

const hostileValue = fc.oneof(
  fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true }),
  fc.constantFrom(
    { __proto__: { polluted: true } },
    JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
    { constructor: { prototype: { polluted: true } } },
    'x'.repeat(300_000),
    '\u{1F600}'.repeat(6000),
    -0,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    [],
    {},
    null,
  ),
);

/** A payload near the channel's valid one (one field off, one field more or less), or anything. */
function payloadFor(channel: InvokeChannel): fc.Arbitrary<unknown> {
  const valid = VALID[channel];
  const keys = valid && typeof valid === 'object' ? Object.keys(valid) : [];
  const nearMisses =
    keys.length === 0
      ? [hostileValue]
      : [
          fc
            .tuple(fc.constantFrom(...keys), hostileValue)
            .map(([key, value]) => ({ ...(valid as object), [key]: value })),
          fc.constantFrom(...keys).map((key) => {
            const copy: Record<string, unknown> = { ...(valid as object) };
            delete copy[key];
            return copy;
          }),
          fc
            .tuple(fc.string({ maxLength: 50 }), hostileValue)
            .map(([key, value]) => ({ ...(valid as object), [key]: value })),
        ];
  return fc.oneof(hostileValue, ...nearMisses);
}

const foreignUrl = fc.oneof(
  fc.constantFrom(
    'https://evil.example/main/index.html',
    'http://localhost:5173/main/index.html',
    'app://kinetic.evil.example/main/index.html',
    'app://evil/main/index.html',
    'app://kinetic/evil.html',
    'app://kinetic/main/index.html/../../etc',
    'file:///home/me/main/index.html',
    'blob:app://kinetic/4f1c9a52',
    'data:text/html,<script>1</script>',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    'javascript:alert(1)',
    '',
    'x'.repeat(100_000),
  ),
  fc.webUrl(),
  fc.string({ maxLength: 200 }),
);

interface Tally {
  calls: number;
  refusals: number;
  slowestMs: number;
}

async function expectCall(
  k: TestKinetic,
  tally: Tally,
  channel: unknown,
  payload: unknown,
  url: string,
): Promise<boolean> {
  const before = stateOf(k);
  const started = performance.now();
  const result = await k.main.registry.invoke(channel, payload, { url });
  const ms = performance.now() - started;
  tally.calls++;
  if (result.ok) return true;
  tally.refusals++;
  tally.slowestMs = Math.max(tally.slowestMs, ms);
  expect(result.error.message.length).toBeLessThanOrEqual(300);
  expect(result.error.message).toMatch(/^[^\n]+[.…]$/);
  expect(stateOf(k)).toBe(before);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  return false;
}

describe('every IPC channel, fuzzed', { timeout: 120_000 }, () => {
  it('random and near-miss payloads from every window: no exception, a clear refusal, no change when refused', async () => {
    const tally: Tally = { calls: 0, refusals: 0, slowestMs: 0 };
    for (const channel of INVOKE_CHANNELS) {
      const k = await startTestKinetic();
      await fc.assert(
        fc.asyncProperty(
          payloadFor(channel),
          fc.constantFrom<WindowKind>(...WINDOW_KINDS),
          async (payload, from) => {
            const allowed = (invokeChannels[channel].from as readonly WindowKind[]).includes(from);
            const accepted = await expectCall(k, tally, channel, payload, senderOf(from).url);
            if (!allowed) expect(accepted).toBe(false);
          },
        ),
        { numRuns: 150 },
      );
    }
    expect(tally.calls).toBe(INVOKE_CHANNELS.length * 150);
    console.info(
      `IPC fuzz: ${tally.calls} calls, ${tally.refusals} refused, slowest refusal ${tally.slowestMs.toFixed(1)} ms`,
    );
  });

  it('every channel from frames that are not ours, and channels that do not exist: refused, nothing changes', async () => {
    const tally: Tally = { calls: 0, refusals: 0, slowestMs: 0 };
    const k = await startTestKinetic();
    for (const channel of INVOKE_CHANNELS) {
      await fc.assert(
        fc.asyncProperty(
          foreignUrl,
          fc.oneof(fc.constant(VALID[channel]), hostileValue),
          async (url, payload) => {
            expect(await expectCall(k, tally, channel, payload, url)).toBe(false);
          },
        ),
        { numRuns: 30 },
      );
    }
    await fc.assert(
      fc.asyncProperty(
        fc
          .oneof(fc.string(), hostileValue)
          .filter((c) => typeof c !== 'string' || !(INVOKE_CHANNELS as readonly string[]).includes(c)),
        hostileValue,
        async (channel, payload) => {
          expect(await expectCall(k, tally, channel, payload, senderOf('main').url)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
    expect(tally.refusals).toBe(INVOKE_CHANNELS.length * 30 + 200);
    console.info(
      `IPC fuzz, foreign frames and unknown channels: ${tally.refusals} refused, slowest ${tally.slowestMs.toFixed(1)} ms`,
    );
  });
});
