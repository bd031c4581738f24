import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KineticApi } from '../../../shared/api';
import type { ParsedQuickAdd } from '../../../shared/quickAdd';
import type { Repositories } from '../../db';

export interface QuickAddDeps {
  repos: Pick<Repositories, 'tasks'>;
  api: KineticApi;
  now: () => number;
  parse: (text: string, now: Date) => ParsedQuickAdd;
}

export interface QuickAddState {
  draft: string;
  busy: boolean;
  error: string | null;
  /** The title saved last while the window stayed open ("save & next"). */
  lastSaved: string | null;
  /** A draft that text from main (CLI, link) replaced: it comes back once that text is saved. */
  earlierDraft: string | null;
  /** Bumped whenever the window is shown, so the input can take focus. */
  shownAt: number;
  setDraft(text: string): void;
  /** Takes text handed over by main (CLI, link) when the window is shown. */
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
    busy: false,
    error: null,
    lastSaved: null,
    earlierDraft: null,
    shownAt: 0,

    setDraft(text) {
      set({ draft: text, error: null });
    },

    async shown() {
      set({ shownAt: deps.now(), lastSaved: null });
      try {
        const { text } = await deps.api.quickAdd.takeDraft();
        if (text !== null) {
          const { draft, earlierDraft } = get();
          // Never lose what was typed: a different unsaved draft waits until this text is saved.
          // One already waiting stays (the text in between came from outside, like this one).
          const differs = draft.trim() !== '' && draft.trim() !== text.trim();
          const kept = earlierDraft ?? (differs ? draft : null);
          set({ draft: text, error: null, earlierDraft: kept });
        }
      } catch (error) {
        set({ error: error instanceof Error ? error.message : String(error) });
      }
    },

    async save(stay) {
      if (get().busy) return false;
      const parsed = deps.parse(get().draft, new Date(deps.now()));
      if (parsed.title === '') {
        set({ error: 'Give it a few words first.' });
        return false;
      }
      set({ busy: true, error: null });
      try {
        await deps.repos.tasks.add(parsed, deps.now());
      } catch (error) {
        set({ busy: false, error: `Not saved: ${error instanceof Error ? error.message : String(error)}` });
        return false;
      }
      set({ busy: false, draft: get().earlierDraft ?? '', earlierDraft: null, lastSaved: parsed.title });
      if (!stay) await deps.api.window.hide().catch(() => undefined);
      return true;
    },

    async hide() {
      set({ error: null });
      await deps.api.window.hide().catch(() => undefined);
    },
  }));
}
