/**
 * The settings store, and errors shown as sentences (renderer/errors.ts): a refused or failed
 * call never shows as "Error: [failed] settings:get: …" or "KineticIpcError: …".
 */
import { describe, expect, it } from 'vitest';
import { KineticIpcError, type KineticApi } from '../../shared/api';
import { createSettingsStore } from '../../renderer/store/settings';

const failure = new KineticIpcError({
  code: 'failed',
  channel: 'settings:get',
  message: 'The disk is full.',
});

function api(
  overrides: Partial<KineticApi['settings']>,
  openFolder = () => Promise.resolve(null),
): KineticApi {
  return {
    settings: {
      get: () => Promise.reject(failure),
      update: () => Promise.reject(failure),
      onChanged: () => () => undefined,
      ...overrides,
    },
    log: { openFolder },
  } as unknown as KineticApi;
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('the settings store', () => {
  it('shows a failed read as its sentence only', async () => {
    const store = createSettingsStore({ api: api({}) });
    const stop = store.getState().start();
    await settle();
    expect(store.getState().error).toBe('The disk is full.');
    stop();
  });

  it('shows a failed update and a failed "open logs" as their sentences', async () => {
    const store = createSettingsStore({ api: api({}, () => Promise.reject(new Error('No file manager.'))) });
    expect(await store.getState().update({ focusMinutes: 30 })).toBe(false);
    expect(store.getState()).toMatchObject({ saving: false, error: 'The disk is full.' });
    store.getState().openLogs();
    await settle();
    expect(store.getState().logsError).toBe('No file manager.');
  });

  it('start returns the unsubscribe', () => {
    let subscribed = 0;
    const store = createSettingsStore({
      api: api({
        get: () => new Promise(() => undefined),
        onChanged: () => {
          subscribed++;
          return () => subscribed--;
        },
      }),
    });
    const stop = store.getState().start();
    expect(subscribed).toBe(1);
    stop();
    expect(subscribed).toBe(0);
  });
});
