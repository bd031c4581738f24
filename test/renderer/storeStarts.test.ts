/**
 * The store convention for the stores without a test file of their own (sync, focus, reflection)
 * and quick-add's start: `start()` loads and follows main, returns the unsubscribe, and a failure
 * lands in `error` as its sentence only (renderer/errors.ts), never "KineticIpcError: …".
 */
import { describe, expect, it, vi } from 'vitest';
import { createSyncStore } from '../../renderer/store/sync';
import { createFocusStore } from '../../renderer/store/focus';
import { createReflectionStore } from '../../renderer/store/reflection';
import { createQuickAddStore } from '../../renderer/store/quick-add';
import { KineticIpcError, type KineticApi } from '../../shared/api';
import type { FocusSnapshot } from '../../shared/focus';
import type { SyncStatus } from '../../shared/syncStatus';
import { parseQuickAdd } from '../../shared/quickAdd';

const NOW = new Date(2026, 10, 28, 18, 0).getTime();
const refusal = (channel: string) =>
  new KineticIpcError({ code: 'failed', channel, message: 'Main is not answering.' });

/** An event source as the bridge gives it: subscribe returns the unsubscribe. */
function events<T>() {
  const listeners = new Set<(value: T) => void>();
  return {
    on: (listener: (value: T) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit: (value: T) => listeners.forEach((l) => l(value)),
    get count() {
      return listeners.size;
    },
  };
}

describe('the sync store', () => {
  const status = (folder: string | null): SyncStatus => ({
    folder,
    name: 'Laptop',
    device: 'd1',
    problem: null,
    devices: [],
  });

  it('start reads the status and follows its changes until unsubscribed', async () => {
    const changed = events<SyncStatus>();
    const api = {
      sync: { status: () => Promise.resolve(status(null)), onChanged: changed.on },
    } as unknown as KineticApi;
    const store = createSyncStore({ api });
    const stop = store.getState().start();
    await vi.waitFor(() => expect(store.getState().status).toEqual(status(null)));
    changed.emit(status('/sync'));
    expect(store.getState().status?.folder).toBe('/sync');
    stop();
    expect(changed.count).toBe(0);
  });

  it('shows a failed call as its sentence', async () => {
    const api = {
      sync: {
        status: () => Promise.reject(refusal('sync:status')),
        choose: () => Promise.reject(refusal('sync:choose')),
        onChanged: () => () => undefined,
      },
    } as unknown as KineticApi;
    const store = createSyncStore({ api });
    store.getState().start()();
    await vi.waitFor(() => expect(store.getState().error).toBe('Main is not answering.'));
    await store.getState().choose();
    expect(store.getState()).toMatchObject({ busy: false, error: 'Main is not answering.' });
  });
});

describe('the focus store', () => {
  it('start follows main’s session until unsubscribed, and shows a failed read as its sentence', async () => {
    const changed = events<FocusSnapshot | null>();
    const api = {
      focus: { get: () => Promise.reject(refusal('focus:get')), onChanged: changed.on },
    } as unknown as KineticApi;
    const store = createFocusStore({ api, now: () => NOW });
    const stop = store.getState().start();
    await vi.waitFor(() => expect(store.getState().error).toBe('Main is not answering.'));
    const snapshot = { task: null } as unknown as FocusSnapshot;
    changed.emit(snapshot);
    expect(store.getState()).toMatchObject({ snapshot, error: null });
    stop();
    expect(changed.count).toBe(0);
  });
});

describe('the reflection store', () => {
  const empty = () => Promise.resolve([]);
  const repos = (get: () => Promise<unknown>) =>
    ({
      tasks: { doneBetween: empty, changedSince: empty },
      sessions: { endedBetween: empty },
      reflections: { get },
    }) as never;

  it('start reads today; a failed read is a sentence in error', async () => {
    const ok = createReflectionStore({
      repos: repos(() => Promise.resolve(undefined)),
      api: {} as KineticApi,
      now: () => NOW,
    });
    const stop = ok.getState().start();
    await vi.waitFor(() => expect(ok.getState().day).toBe('2026-11-28'));
    stop();

    const failing = createReflectionStore({
      repos: repos(() => Promise.reject(new Error('The database is closed.'))),
      api: {} as KineticApi,
      now: () => NOW,
    });
    failing.getState().start();
    await vi.waitFor(() =>
      expect(failing.getState().error).toBe('Could not read today: The database is closed.'),
    );
  });

  it('drops a read still under way once unsubscribed', async () => {
    let answer: (value: undefined) => void = () => undefined;
    const store = createReflectionStore({
      repos: repos(() => new Promise((resolve) => (answer = resolve))),
      api: {} as KineticApi,
      now: () => NOW,
    });
    store.getState().start()();
    answer(undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.getState().day).toBeNull();
  });
});

describe('the quick-add store', () => {
  it('start takes what main holds at once and each time main shows the window, until unsubscribed', async () => {
    const shown = events<void>();
    const held: string[] = ['from the CLI'];
    const api = {
      quickAdd: {
        takeDraft: () => Promise.resolve({ text: held.shift() ?? null }),
        onShown: shown.on,
      },
    } as unknown as KineticApi;
    const store = createQuickAddStore({ repos: {} as never, api, now: () => NOW, parse: parseQuickAdd });
    const stop = store.getState().start();
    await vi.waitFor(() => expect(store.getState().draft).toBe('from the CLI'));
    held.push('from a link');
    shown.emit();
    await vi.waitFor(() => expect(store.getState().draft).toBe('from a link'));
    stop();
    expect(shown.count).toBe(0);
  });

  it('shows a failed hand-over as its sentence', async () => {
    const api = {
      quickAdd: {
        takeDraft: () => Promise.reject(refusal('quickAdd:takeDraft')),
        onShown: () => () => undefined,
      },
    } as unknown as KineticApi;
    const store = createQuickAddStore({ repos: {} as never, api, now: () => NOW, parse: parseQuickAdd });
    store.getState().start();
    await vi.waitFor(() => expect(store.getState().error).toBe('Main is not answering.'));
  });
});
