/**
 * The history screen's store: `createHistoryStore(deps)`, created by the main window's entry and
 * started by the view each time it opens. Creating it costs nothing: the reads and the maths
 * behind them (reads.ts) load on the first start.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { failed } from '../../errors';
import { emptyHistory, type HistoryDeps, type HistoryState } from './types';

export * from './types';

export function createHistoryStore(deps: HistoryDeps): StoreApi<HistoryState> {
  const { api, now } = deps;
  const load = deps.load ?? (() => import('./reads'));
  /** Bumped by each start and unsubscribe: a read answers only the start that asked for it. */
  let generation = 0;
  /** How the screen starts: a week, loading, nothing said yet. */
  const fresh = { ...emptyHistory, range: 7, loading: true, error: null, notice: null } as const;
  return createStore<HistoryState>((set, get) => ({
    ...fresh,

    start() {
      const run = ++generation;
      set(fresh);
      void get().refresh();
      return () => {
        if (run === generation) generation++;
      };
    },

    async refresh() {
      const run = generation;
      try {
        const [reads, repos] = await Promise.all([load(), deps.repos()]);
        const data = await reads.readHistory(repos, now());
        if (run === generation) set({ ...data, loading: false });
      } catch (error) {
        if (run === generation) set({ loading: false, error: failed('Could not read your history', error) });
      }
    },

    setRange(range) {
      set({ range });
    },

    /** Exports the last `days` days as Markdown through main's save dialog. */
    async exportDays(days) {
      const { today, stats } = get();
      if (!today) return;
      set({ notice: null, error: null });
      try {
        const [reads, repos] = await Promise.all([load(), deps.repos()]);
        const file = await reads.exportFile(repos, today, stats, days);
        if (!file) {
          set({
            notice:
              days === 1 ? 'Nothing to export from that day' : `Nothing to export from the last ${days} days`,
          });
          return;
        }
        const result = await api.history.export(file);
        set({ notice: result.saved ? `Saved to ${result.path}` : 'Export cancelled' });
      } catch (error) {
        set({ error: failed('Could not export', error) });
      }
    },
  }));
}
