/**
 * The main window's next-action store: `createNextActionStore(deps)`, `start()` returning the
 * unsubscribe. The state and dependencies are in types.ts, the live subscription and greeting in
 * live.ts, the panels and writes in commands.ts.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { commandsSlice } from './commands';
import { liveSlice } from './live';
import { initialState, type NextActionDeps, type NextActionState } from './types';

export * from './types';

export function createNextActionStore(deps: NextActionDeps): StoreApi<NextActionState> {
  return createStore<NextActionState>((set, get) => ({
    ...initialState,
    ...liveSlice({ set, get, deps }),
    ...commandsSlice({ set, get, deps }),
  }));
}
