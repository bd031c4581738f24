/**
 * The live part of the next-action store: the subscription to the pick (re-run as time passes and
 * on `refresh`), reporting the shown action to main, and the morning greeting. The window's entry
 * calls `refresh` when the window becomes visible again.
 */
import { startOfDay } from '../../../shared/days';
import type { NextAction } from '../../../shared/nextAction';
import type { TaskRef } from '../../../shared/types';
import { errorMessage } from '../../errors';
import { REEVALUATE_MS, type NextActionState, type Slice } from './types';

export function liveSlice({
  set,
  get,
  deps,
}: Slice): Pick<NextActionState, 'start' | 'refresh' | 'greet' | 'endGreeting'> {
  const { now } = deps;
  let resubscribe: () => void = () => undefined;
  let lastReported: string | undefined;
  /** Tomorrow's step main asked to greet, until it is the action on screen ('' greets any). */
  let pendingGreeting: string | null = null;
  /** The action the greeting was shown with. */
  let greeted: string | null = null;

  const report = (action: NextAction | null): void => {
    const ref: TaskRef | null = action
      ? { id: action.task.id, title: action.task.title, estimateMin: action.task.estimateMin }
      : null;
    const key = JSON.stringify(ref);
    if (key === lastReported) return;
    lastReported = key;
    deps.report(ref);
  };

  const greetIfShown = (current: NextAction | null): void => {
    if (pendingGreeting === null || !current) return;
    if (
      pendingGreeting !== '' &&
      current.task.id !== pendingGreeting &&
      current.source.id !== pendingGreeting
    )
      return;
    pendingGreeting = null;
    const noon = startOfDay(now()) + 12 * 60 * 60_000;
    if (now() >= noon) return;
    greeted = current.task.id;
    set({
      greeting: 'Good morning. Here is the first tiny step you chose yesterday.',
      greetingUntil: noon,
    });
  };

  return {
    start() {
      let unsubscribe = (): void => undefined;
      let stopped = false;
      const show = (current: NextAction | null): void => {
        set({ current, ready: true, loadError: null });
        // The greeted step went (done, skipped, set aside elsewhere): so does the greeting.
        if (get().greeting !== null && current?.task.id !== greeted) set({ greeting: null });
        report(current);
        greetIfShown(current);
        if (current === null) {
          void deps.data
            .then((d) => d.tasks.setAsideCount(now()))
            .then((n) => get().current === null && set({ setAside: n > 0 }));
        } else if (get().setAside) {
          set({ setAside: false });
        }
      };
      // The first paint may come from the plain-IndexedDB read, before Dexie is there.
      void deps.initial?.then((value) => {
        if (value !== undefined && !get().ready) show(value);
      });
      resubscribe = () => {
        void deps.data.then((d) => {
          if (stopped) return;
          unsubscribe();
          unsubscribe = d.observe(
            async () => {
              const action = await d.tasks.nextAction(now(), deps.policy?.());
              return d.calibrate ? d.calibrate(action) : action;
            },
            show,
            (error) => set({ loadError: errorMessage(error), ready: true }),
          );
        });
      };
      resubscribe();
      const timer = setInterval(() => resubscribe(), REEVALUATE_MS);
      return () => {
        stopped = true;
        clearInterval(timer);
        unsubscribe();
      };
    },

    refresh() {
      resubscribe();
    },

    greet(taskId) {
      // The step may not be on screen yet (the command can come before the first pick).
      pendingGreeting = taskId ?? '';
      greetIfShown(get().current);
    },

    endGreeting() {
      if (get().greeting !== null) set({ greeting: null });
    },
  };
}
