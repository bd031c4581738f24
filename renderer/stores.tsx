import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { NextActionState } from './store/next-action';
import type { FocusState } from './store/focus';
import type { SettingsState } from './store/settings';
import type { Repositories } from './db';
import type { KineticApi } from '../shared/api';

export interface Stores {
  nextAction?: StoreApi<NextActionState>;
  focus?: StoreApi<FocusState>;
  settings?: StoreApi<SettingsState>;
  /** The repositories; in the main window they load after the first paint. */
  repos: () => Promise<Repositories>;
  /** The bridge to main, for the stores a feature opens lazily (history, backup). */
  api: KineticApi;
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
