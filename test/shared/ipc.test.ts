/**
 * shared/ipc.ts, the one IPC contract: every channel has a request schema, a reply and the
 * windows that may call it; pages map to windows; requests are checked strictly.
 */
import { describe, expect, it } from 'vitest';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  invokeChannels,
  WINDOW_KINDS,
  WINDOW_PAGES,
  windowKindOfPath,
} from '../../shared/ipc';

describe('the IPC contract', () => {
  it('specifies exactly the invoke channels, each with a schema and the windows that may call it', () => {
    expect(Object.keys(invokeChannels).sort()).toEqual([...INVOKE_CHANNELS].sort());
    for (const channel of INVOKE_CHANNELS) {
      const spec = invokeChannels[channel];
      expect(typeof spec.request.safeParse, channel).toBe('function');
      expect(spec.from.length, channel).toBeGreaterThan(0);
      for (const kind of spec.from) expect(WINDOW_KINDS, channel).toContain(kind);
    }
  });

  it('names every channel domain:verb, and no channel twice', () => {
    for (const channel of [...INVOKE_CHANNELS, ...EVENT_CHANNELS])
      expect(channel).toMatch(/^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/);
    expect(new Set(INVOKE_CHANNELS).size).toBe(INVOKE_CHANNELS.length);
    expect(new Set(EVENT_CHANNELS).size).toBe(EVENT_CHANNELS.length);
  });

  it('maps each window’s page (with or without index.html, leading slashes or not) to the window', () => {
    for (const kind of WINDOW_KINDS) {
      const page = WINDOW_PAGES[kind];
      expect(windowKindOfPath(`/${page}`)).toBe(kind);
      expect(windowKindOfPath(page)).toBe(kind);
      expect(windowKindOfPath(`/${page.replace(/index\.html$/, '')}`)).toBe(kind);
    }
    expect(windowKindOfPath('/')).toBeNull();
    expect(windowKindOfPath('/evil/index.html')).toBeNull();
    expect(windowKindOfPath(`/${WINDOW_PAGES.main}/../x`)).toBeNull();
  });

  it('checks requests strictly: extra fields, wrong types and odd sizes are refused', () => {
    const start = invokeChannels['focus:start'].request;
    const task = { id: 't1', title: 'Write', estimateMin: 15 };
    expect(start.safeParse({ task, mode: 'standard' }).success).toBe(true);
    expect(start.safeParse({ task, mode: 'standard', extra: 1 }).success).toBe(false);
    expect(start.safeParse({ task: { ...task, id: 42 }, mode: 'standard' }).success).toBe(false);
    expect(start.safeParse({ task: { ...task, estimateMin: 0 }, mode: 'standard' }).success).toBe(false);
    expect(start.safeParse({ task: { ...task, title: ' ' }, mode: 'standard' }).success).toBe(false);
    expect(invokeChannels['focus:extend'].request.safeParse({ minutes: 241 }).success).toBe(false);
    expect(invokeChannels['focus:get'].request.safeParse(undefined).success).toBe(true);
    expect(invokeChannels['focus:get'].request.safeParse({}).success).toBe(false);
  });

  it('lets only the quick-add window take its draft, and only the main window drain the outbox', () => {
    expect(invokeChannels['quickAdd:takeDraft'].from).toEqual(['quickAdd']);
    expect(invokeChannels['outbox:list'].from).toEqual(['main']);
  });
});
