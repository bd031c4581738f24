import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { NextActionState } from './store/next-action';
import type { FocusState } from './store/focus';
import type { SettingsState } from './store/settings';
import type { HistoryState } from './store/history';
import type { BackupState } from './store/backup';
import type { SyncState } from './store/sync';
import type { Repositories } from './db';

export interface Stores {
  nextAction?: StoreApi<NextActionState>;
  focus?: StoreApi<FocusState>;
  settings?: StoreApi<SettingsState>;
  /** History (H): created with the window, its reads load when it first opens. */
  history?: StoreApi<HistoryState>;
  /** Backing up and restoring, in settings: its builder and check load on first use. */
  backup?: StoreApi<BackupState>;
  /** Sync through a folder, in settings. */
  sync?: StoreApi<SyncState>;
  /** The repositories; in the main window they load after the first paint. */
  repos: () => Promise<Repositories>;
  now: () => number;
}

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('StoresProvider is missing');
  return stores;
}

function required<T>(store: StoreApi<T> | undefined, name: string): StoreApi<T> {
  if (!store) throw new Error(`The ${name} store is not available in this window`);
  return store;
}

export function useNextAction<T>(selector: (state: NextActionState) => T): T {
  return useStore(required(useStores().nextAction, 'nextAction'), selector);
}

export function useFocus<T>(selector: (state: FocusState) => T): T {
  return useStore(required(useStores().focus, 'focus'), selector);
}

export function useSettings<T>(selector: (state: SettingsState) => T): T {
  return useStore(required(useStores().settings, 'settings'), selector);
}

export function useHistory<T>(selector: (state: HistoryState) => T): T {
  return useStore(required(useStores().history, 'history'), selector);
}

export function useBackup<T>(selector: (state: BackupState) => T): T {
  return useStore(required(useStores().backup, 'backup'), selector);
}

export function useSync<T>(selector: (state: SyncState) => T): T {
  return useStore(required(useStores().sync, 'sync'), selector);
}
