/**
 * Sync through a folder, from settings: main owns the folder (electron/main/services/sync.ts);
 * this store shows its status, follows its changes, and asks it to start, stop or rename.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KineticApi } from '../../../shared/api';
import type { SyncStatus } from '../../../shared/syncStatus';
import { errorMessage } from '../../errors';

export interface SyncState {
  status: SyncStatus | null;
  busy: boolean;
  error: string | null;
  /** Loads the status and follows its changes; returns the unsubscribe. */
  start(): () => void;
  choose(): Promise<void>;
  off(): Promise<void>;
  rename(name: string): Promise<void>;
}

export function createSyncStore(deps: { api: KineticApi }): StoreApi<SyncState> {
  const { api } = deps;
  return createStore<SyncState>((set) => {
    const run = async (call: () => Promise<SyncStatus>): Promise<void> => {
      set({ busy: true, error: null });
      try {
        set({ status: await call() });
      } catch (error) {
        set({ error: errorMessage(error) });
      } finally {
        set({ busy: false });
      }
    };
    return {
      status: null,
      busy: false,
      error: null,
      start() {
        void run(() => api.sync.status());
        return api.sync.onChanged((status) => set({ status }));
      },
      choose: () => run(() => api.sync.choose()),
      off: () => run(() => api.sync.off()),
      rename: (name) => run(() => api.sync.rename({ name })),
    };
  });
}

/** "a minute ago", "3 hours ago", "on 7 Dec": when a device made its last change (a clock ahead of this one: "just now"). */
export function describeWhen(at: number | null, now: number): string {
  if (at === null) return 'nothing yet';
  const minutes = Math.round((now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return minutes === 1 ? 'a minute ago' : `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return hours === 1 ? 'an hour ago' : `${hours} hours ago`;
  return `on ${new Date(at).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })}`;
}
