import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FocusSnapshot } from '../../../shared/focus';
import type { KineticApi } from '../../../shared/api';
import type { FocusSession } from '../../../shared/types';
import type { SessionRepository } from '../../db/sessions';
import type { TaskRepository } from '../../db/tasks';
import { errorMessage } from '../../errors';

/** What the focus store reads and writes itself: done, "where I stopped" as the next step, past sessions. */
export interface FocusRepos {
  tasks: Pick<TaskRepository, 'complete' | 'addFirstStep'>;
  sessions: Pick<SessionRepository, 'endedBetween'>;
}

export interface FocusState {
  snapshot: FocusSnapshot | null;
  error: string | null;
  start(): () => void;
  run(action: (api: KineticApi['focus']) => Promise<FocusSnapshot | null>): Promise<void>;
  /** Main's session now (this window's copy may lag), or the last one announced if main is not answering. */
  current(): Promise<FocusSnapshot | null>;
  /** Shows the focus window. */
  show(): void;
  /** Hides this window. */
  hide(): void;
  /** Completes the task in focus and ends its session; the task's last step asks the main window about the task. */
  complete(): Promise<void>;
  /** Stops the session; a note becomes the task's next step. False if something failed (shown in `error`). */
  stop(note: string): Promise<boolean>;
  /** The sessions that ended in [from, to). */
  endedBetween(from: number, to: number): Promise<FocusSession[]>;
}

export interface FocusDeps {
  api: KineticApi;
  /** The repositories (in the main window they load after the first paint). */
  repos?: () => Promise<FocusRepos>;
  now?: () => number;
}

/** The focus session as main last announced it. Windows render the countdown from it and their own clock. */
export function createFocusStore(deps: FocusDeps): StoreApi<FocusState> {
  const { api } = deps;
  const now = deps.now ?? (() => Date.now());
  const repos = (): Promise<FocusRepos> =>
    deps.repos ? deps.repos() : Promise.reject(new Error('This window has no task database'));
  return createStore<FocusState>((set, get) => ({
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
    current: () => api.focus.get().catch(() => get().snapshot),
    show: () => void api.focus.show(),
    hide: () => void api.window.hide(),
    async complete() {
      set({ error: null });
      const task = get().snapshot?.task ?? null;
      try {
        const result = task ? await (await repos()).tasks.complete(task.id, now()) : null;
        await get().run((focus) => focus.done());
        // The last step of a task: the main window asks, as D there does, whether the task is done too.
        if (result?.parent && !result.parentHasOpenSteps && result.parent.status === 'open') {
          await api.window.showMain({ command: 'completeParent', taskId: result.parent.id });
        }
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
    async stop(note) {
      set({ error: null });
      const task = get().snapshot?.task ?? null;
      const text = note.replace(/\s+/g, ' ').trim();
      try {
        // "Where I stopped" becomes the task's next step, so tomorrow starts exactly there.
        if (text && task) {
          await (
            await repos()
          ).tasks.addFirstStep(
            task.id,
            { title: text, due: null, estimateMin: null, tags: [], priority: null },
            now(),
          );
        }
        await get().run((focus) => focus.stop({ note: text || null }));
        return true;
      } catch (error) {
        set({ error: errorMessage(error) });
        return false;
      }
    },
    endedBetween: async (from, to) => (await repos()).sessions.endedBetween(from, to),
  }));
}
