import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KineticApi } from '../../../shared/api';
import type { SettingsView } from '../../../shared/ipc';
import type { SettingsPatch } from '../../../shared/settings';
import { errorMessage } from '../../errors';

export interface SettingsState {
  view: SettingsView | null;
  saving: boolean;
  error: string | null;
  /** Why the logs folder did not open. */
  logsError: string | null;
  start(): () => void;
  openLogs(): void;
  update(patch: SettingsPatch): Promise<boolean>;
}

export function createSettingsStore({ api }: { api: KineticApi }): StoreApi<SettingsState> {
  return createStore<SettingsState>((set) => ({
    view: null,
    saving: false,
    error: null,
    logsError: null,
    start() {
      const off = api.settings.onChanged((view) => set({ view }));
      api.settings
        .get()
        .then((view) => set({ view }))
        .catch((error: unknown) => set({ error: errorMessage(error) }));
      return off;
    },
    openLogs() {
      set({ logsError: null });
      api.log.openFolder().catch((error: unknown) => set({ logsError: errorMessage(error) }));
    },
    async update(patch) {
      set({ saving: true, error: null });
      try {
        set({ view: await api.settings.update(patch), saving: false });
        return true;
      } catch (error) {
        set({ saving: false, error: errorMessage(error) });
        return false;
      }
    },
  }));
}
