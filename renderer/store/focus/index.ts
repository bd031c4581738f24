import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FocusSnapshot } from '../../../shared/focus';
import type { KineticApi } from '../../../shared/api';
import { errorMessage } from '../../errors';

export interface FocusState {
  snapshot: FocusSnapshot | null;
  error: string | null;
  start(): () => void;
  run(action: (api: KineticApi['focus']) => Promise<FocusSnapshot | null>): Promise<void>;
}

/** The focus session as main last announced it. Windows render the countdown from it and their own clock. */
export function createFocusStore(api: KineticApi): StoreApi<FocusState> {
  return createStore<FocusState>((set) => ({
    snapshot: null,
    error: null,
    start() {
      const off = api.focus.onChanged((snapshot) => set({ snapshot, error: null }));
      api.focus
        .get()
        .then((snapshot) => set((s) => (s.snapshot ? {} : { snapshot })))
        .catch((error: unknown) => set({ error: errorMessage(error) }));
      return off;
    },
    async run(action) {
      try {
        const snapshot = await action(api.focus);
        if (snapshot) set({ snapshot, error: null });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
  }));
}
