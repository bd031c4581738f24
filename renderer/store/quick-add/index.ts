import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KineticApi } from '../../../shared/api';
import { MAX_WAITING_TEXTS } from '../../../shared/ipc';
import type { ParsedQuickAdd } from '../../../shared/quickAdd';
import { capQuickAddText } from '../../../shared/text';
import type { Repositories } from '../../db';
import { errorMessage, failed } from '../../errors';

export interface QuickAddDeps {
  repos: Pick<Repositories, 'tasks'>;
  api: KineticApi;
  now: () => number;
  parse: (text: string, now: Date) => ParsedQuickAdd;
  /** The person's estimate ratio (shared/momentum.ts), read each time the window is shown. */
  estimateRatio?: () => Promise<number | null>;
}

export interface QuickAddState {
  draft: string;
  /** The draft was cut to QUICK_ADD_MAX_TEXT (shared/text.ts); the window says so. */
  cut: boolean;
  busy: boolean;
  error: string | null;
  /** The title saved last while the window stayed open ("save & next"). */
  lastSaved: string | null;
  /**
   * Drafts that text from main (CLI, link) replaced, the most recent last: each comes back, in
   * turn, once the text shown instead of it is saved.
   */
  waitingDrafts: string[];
  /** Bumped whenever the window is shown, so the input can take focus. */
  shownAt: number;
  /** How long tasks take against their estimates; null until there are enough samples. */
  estimateRatio: number | null;
  /** The ratio has been read since the window was last shown (tests wait on it). */
  estimateRatioRead: boolean;
  /**
   * Takes what main holds now (text may have arrived before the page loaded) and again each time
   * main shows the window; returns the unsubscribe.
   */
  start(): () => void;
  setDraft(text: string): void;
  /** Takes the texts handed over by main (CLI, link) when the window is shown. */
  shown(): Promise<void>;
  save(stay: boolean): Promise<boolean>;
  hide(): Promise<void>;
}

/**
 * The quick-add window's state. A save writes through the same repository as the main window
 * (strict durability); the window hides only after the write has committed, and a failed write
 * shows the error and keeps the text. Esc hides and keeps the draft.
 */
export function createQuickAddStore(deps: QuickAddDeps): StoreApi<QuickAddState> {
  return createStore<QuickAddState>((set, get) => ({
    draft: '',
    cut: false,
    busy: false,
    error: null,
    lastSaved: null,
    waitingDrafts: [],
    shownAt: 0,
    estimateRatio: null,
    estimateRatioRead: false,

    start() {
      void get().shown();
      return deps.api.quickAdd.onShown(() => void get().shown());
    },

    setDraft(text) {
      const { text: draft, cut } = capQuickAddText(text);
      set({ draft, cut, error: null });
    },

    async shown() {
      set({ shownAt: deps.now(), lastSaved: null, estimateRatioRead: false });
      // A note only: a failed read leaves the last ratio and never blocks capture.
      deps
        .estimateRatio?.()
        .then((estimateRatio) => set({ estimateRatio, estimateRatioRead: true }))
        .catch(() => undefined);
      try {
        // Every text main holds, oldest first (two links clicked at once both arrive).
        for (let i = 0; i < MAX_WAITING_TEXTS; i++) {
          const { text: given } = await deps.api.quickAdd.takeDraft();
          if (given === null) break;
          const { text, cut } = capQuickAddText(given);
          const { draft, waitingDrafts } = get();
          // Never lose a draft: a different unsaved one waits until this text is saved.
          const differs = draft.trim() !== '' && draft.trim() !== text.trim();
          set({
            draft: text,
            cut,
            error: null,
            waitingDrafts: differs ? [...waitingDrafts, draft] : waitingDrafts,
          });
        }
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },

    async save(stay) {
      if (get().busy) return false;
      const parsed = deps.parse(capQuickAddText(get().draft).text, new Date(deps.now()));
      if (parsed.title === '') {
        set({ error: 'Give it a few words first.' });
        return false;
      }
      set({ busy: true, error: null });
      try {
        await deps.repos.tasks.add(parsed, deps.now());
      } catch (error) {
        set({ busy: false, error: failed('Not saved', error) });
        return false;
      }
      const waiting = get().waitingDrafts;
      set({
        busy: false,
        draft: waiting.at(-1) ?? '',
        cut: false,
        waitingDrafts: waiting.slice(0, -1),
        lastSaved: parsed.title,
      });
      if (!stay) await deps.api.window.hide().catch(() => undefined);
      return true;
    },

    async hide() {
      set({ error: null });
      await deps.api.window.hide().catch(() => undefined);
    },
  }));
}
