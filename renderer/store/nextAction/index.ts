import { createStore, type StoreApi } from 'zustand/vanilla';
import { addDays, startOfDay } from '../../../shared/days';
import type { NextAction } from '../../../shared/nextAction';
import type { SkipReason, Task, TaskRef } from '../../../shared/types';
import type { ParsedQuickAdd } from '../../../shared/quickAdd';
import type { Repositories } from '../../db';

/** "Not now" without a reason sets the task aside for this long. */
export const NOT_NOW_MS = 3 * 60 * 60_000;
/** How often the pick is re-evaluated as time passes (snoozes end, days change). */
export const REEVALUATE_MS = 60_000;

export type Panel =
  | { kind: 'none' }
  | { kind: 'add' }
  | { kind: 'breakDown'; task: Task; firstOnly: boolean }
  | { kind: 'skipWhy'; task: Task }
  | { kind: 'smaller'; task: Task; reason: 'too-big' | 'unclear' }
  | { kind: 'blocked'; task: Task }
  | { kind: 'snooze'; task: Task }
  | { kind: 'completeParent'; parent: Task }
  /** Start focus on `task` while a session on `running` goes on: switch, or keep the current one. */
  | { kind: 'switchFocus'; task: TaskRef; mode: 'standard' | 'twoMinute'; running: string }
  | { kind: 'settings' }
  | { kind: 'history' };

export interface Toast {
  id: number;
  text: string;
  /** Versions of tasks to put back on undo. */
  undo: Task[] | null;
}

/** What the store needs from the data layer; it arrives after the first paint (Dexie loads lazily). */
export interface NextActionData {
  tasks: Repositories['tasks'];
  /** Runs the query now and after every change to tasks (any window); returns the unsubscribe. */
  observe: <T>(
    query: () => Promise<T>,
    onValue: (value: T) => void,
    onError: (error: unknown) => void,
  ) => () => void;
  /** Adjusts the pick to the person's estimate calibration (renderer/store/momentum). */
  calibrate?: (action: NextAction | null) => Promise<NextAction | null>;
}

export interface NextActionDeps {
  data: Promise<NextActionData>;
  /** The first next action read without Dexie (undefined: not available, wait for `data`). */
  initial?: Promise<NextAction | null | undefined>;
  now: () => number;
  /** Tells main the current next action (tray menu, global start shortcut). */
  report: (task: TaskRef | null) => void;
  parse: (text: string, now: Date) => Promise<ParsedQuickAdd>;
  /** A task was marked done (a focus session on it ends with it). */
  onDone?: (taskId: string) => void;
  /** Opens the reflection window. */
  openReflection?: () => void;
}

export interface NextActionState {
  ready: boolean;
  current: NextAction | null;
  loadError: string | null;
  panel: Panel;
  /** An error for the open panel, shown inline; the typed text stays. */
  panelError: string | null;
  busy: boolean;
  /** Nothing is shown but some tasks are set aside (snoozed) right now. */
  setAside: boolean;
  toast: Toast | null;
  /** Set when main shows tomorrow's first step on the first wake of the day. */
  greeting: string | null;
  /** The greeting belongs to the morning: it is not shown from this time (noon) on. */
  greetingUntil: number;

  start(): () => void;
  refresh(): void;
  open(panel: Panel): void;
  close(): void;
  done(): Promise<void>;
  notNow(): Promise<void>;
  chooseReason(reason: SkipReason): Promise<void>;
  submitSmaller(text: string): Promise<boolean>;
  submitBlocked(note: string, checkBackAt: number): Promise<boolean>;
  submitSnooze(until: number): Promise<boolean>;
  submitBreakDown(text: string): Promise<boolean>;
  add(text: string): Promise<boolean>;
  completeParent(yes: boolean): Promise<void>;
  undo(): Promise<void>;
  greet(taskId: string | null): void;
  /** The greeted step was started, done or skipped: the greeting has done its job. */
  endGreeting(): void;
  bringBack(): Promise<void>;
  dismissToast(): void;
  /** Says something that needs no action (a toast without undo). */
  notice(text: string): void;
  openReflection(): void;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Tomorrow (or `days` ahead) at 9:00 local. */
export function morningOf(now: number, days: number): number {
  return addDays(now, days) + 9 * 60 * 60_000;
}

export function createNextActionStore(deps: NextActionDeps): StoreApi<NextActionState> {
  const { now } = deps;
  /** The task repository, once the data layer has loaded. */
  const tasks = (): Promise<NextActionData['tasks']> => deps.data.then((d) => d.tasks);
  /** Several writes as one transaction (TaskRepository.together): all of them or none. */
  const together = async <T>(writes: (repo: NextActionData['tasks']) => Promise<T>): Promise<T> =>
    (await tasks()).together(writes);
  let toastId = 0;
  let resubscribe: () => void = () => undefined;
  let lastReported: string | undefined;
  /** Tomorrow's step main asked to greet, until it is the action on screen ('' greets any). */
  let pendingGreeting: string | null = null;
  /** The action the greeting was shown with. */
  let greeted: string | null = null;

  return createStore<NextActionState>((set, get) => {
    const toast = (text: string, undo: Task[] | null = null): void =>
      set({ toast: { id: ++toastId, text, undo } });

    /** Runs a write for the open panel: on failure the panel stays open with the error. */
    const write = async (operation: () => Promise<void>, closePanel = true): Promise<boolean> => {
      const panel = get().panel;
      set({ busy: true, panelError: null });
      try {
        await operation();
        // Only the panel the write was for: one opened meanwhile (a key pressed while the write
        // was reaching the disk) stays.
        set({ busy: false, ...(closePanel && get().panel === panel ? { panel: { kind: 'none' } } : {}) });
        return true;
      } catch (error) {
        set({ busy: false, panelError: message(error) });
        return false;
      }
    };

    const report = (action: NextAction | null): void => {
      const ref: TaskRef | null = action
        ? { id: action.task.id, title: action.task.title, estimateMin: action.task.estimateMin }
        : null;
      const key = JSON.stringify(ref);
      if (key === lastReported) return;
      lastReported = key;
      deps.report(ref);
    };

    const parsed = async (text: string): Promise<ParsedQuickAdd> => deps.parse(text, new Date(now()));

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
      ready: false,
      current: null,
      loadError: null,
      panel: { kind: 'none' },
      panelError: null,
      busy: false,
      setAside: false,
      toast: null,
      greeting: null,
      greetingUntil: 0,

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
                const action = await d.tasks.nextAction(now());
                return d.calibrate ? d.calibrate(action) : action;
              },
              show,
              (error) => set({ loadError: message(error), ready: true }),
            );
          });
        };
        resubscribe();
        const timer = setInterval(() => resubscribe(), REEVALUATE_MS);
        const onVisible = (): void => {
          if (document.visibilityState === 'visible') resubscribe();
        };
        document.addEventListener('visibilitychange', onVisible);
        window.addEventListener('focus', onVisible);
        return () => {
          stopped = true;
          clearInterval(timer);
          document.removeEventListener('visibilitychange', onVisible);
          window.removeEventListener('focus', onVisible);
          unsubscribe();
        };
      },

      refresh() {
        resubscribe();
      },

      open(panel) {
        set({ panel, panelError: null });
      },

      close() {
        set({ panel: { kind: 'none' }, panelError: null });
      },

      async done() {
        const task = get().current?.task;
        if (!task) return;
        try {
          const result = await (await tasks()).complete(task.id, now());
          deps.onDone?.(task.id);
          set({ greeting: null });
          toast(`Done: ${task.title}`, result.previous);
          if (result.parent && !result.parentHasOpenSteps && result.parent.status === 'open') {
            set({ panel: { kind: 'completeParent', parent: result.parent }, panelError: null });
          }
        } catch (error) {
          toast(`Could not mark it done: ${message(error)}`);
        }
      },

      async notNow() {
        const shown = get().current?.task;
        if (!shown) return;
        try {
          // Decide on the stored task, not the one on screen: a key pressed again before the
          // screen caught up must not count as another skip.
          const task = await (await tasks()).get(shown.id);
          const t = now();
          if (!task || (task.snoozedUntil !== null && task.snoozedUntil > t)) return;
          if (task.pinnedFor !== null) {
            // A pinned first step is dismissed, not interrogated: it goes back among the others.
            await together(async (repo) => {
              await repo.unpin(task.id, t);
              await repo.skip(task.id, t, null, t + NOT_NOW_MS);
            });
            set({ greeting: null });
            toast('No longer first; set aside for a few hours', [task]);
            return;
          }
          if (task.skipCount >= 1) {
            set({ panel: { kind: 'skipWhy', task }, panelError: null });
            return;
          }
          await (await tasks()).skip(task.id, t, null, t + NOT_NOW_MS);
          set({ greeting: null });
          toast('Set aside for a few hours', [task]);
        } catch (error) {
          toast(`Could not set it aside: ${message(error)}`);
        }
      },

      async chooseReason(reason) {
        const panel = get().panel;
        if (panel.kind !== 'skipWhy') return;
        const { task } = panel;
        switch (reason) {
          case 'too-big':
          case 'unclear':
            set({ panel: { kind: 'smaller', task, reason }, panelError: null });
            return;
          case 'blocked':
            set({ panel: { kind: 'blocked', task }, panelError: null });
            return;
          case 'not-now':
            set({ panel: { kind: 'snooze', task }, panelError: null });
            return;
          case 'not-important':
            await write(async () => {
              const t = now();
              const { previous } = await together(async (repo) => {
                await repo.skip(task.id, t, 'not-important', null);
                return repo.archive(task.id, t);
              });
              toast(`Archived: ${task.title}`, [task, ...previous.slice(1)]);
            });
            return;
        }
      },

      async submitSmaller(text) {
        const panel = get().panel;
        if (panel.kind !== 'smaller') return false;
        return write(async () => {
          const step = await parsed(text);
          const t = now();
          // One transaction: the skip and its reason only with the smaller step they led to.
          await together(async (repo) => {
            await repo.skip(panel.task.id, t, panel.reason, null);
            await repo.addFirstStep(panel.task.id, step, t);
          });
        });
      },

      async submitBlocked(note, checkBackAt) {
        const panel = get().panel;
        if (panel.kind !== 'blocked') return false;
        return write(async () => {
          const t = now();
          await together(async (repo) => {
            await repo.skip(panel.task.id, t, 'blocked', null);
            await repo.setWaiting(panel.task.id, note, checkBackAt, t);
          });
          toast(`Waiting: ${panel.task.title}`, [panel.task]);
        });
      },

      async submitSnooze(until) {
        const panel = get().panel;
        if (panel.kind !== 'snooze') return false;
        return write(async () => {
          await (await tasks()).skip(panel.task.id, now(), 'not-now', until);
          toast(`Snoozed: ${panel.task.title}`, [panel.task]);
        });
      },

      async submitBreakDown(text) {
        const panel = get().panel;
        if (panel.kind !== 'breakDown') return false;
        return write(async () => {
          const lines = text
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean);
          const wanted = panel.firstOnly ? lines.slice(0, 1) : lines;
          if (wanted.length === 0) throw new Error('Type at least one step.');
          const steps = await Promise.all(wanted.map((line) => parsed(line)));
          if (panel.firstOnly) await (await tasks()).addFirstStep(panel.task.id, steps[0]!, now());
          else await (await tasks()).addSteps(panel.task.id, steps, now());
        });
      },

      async add(text) {
        return write(async () => {
          const input = await parsed(text);
          await (await tasks()).add(input, now());
        });
      },

      async completeParent(yes) {
        const panel = get().panel;
        if (panel.kind !== 'completeParent') return;
        if (!yes) {
          set({ panel: { kind: 'none' } });
          return;
        }
        await write(async () => {
          const { previous } = await (await tasks()).complete(panel.parent.id, now());
          toast(`Done: ${panel.parent.title}`, previous);
        });
      },

      async undo() {
        const current = get().toast;
        if (!current?.undo) return;
        try {
          await (await tasks()).restore(current.undo);
          set({ toast: { id: ++toastId, text: 'Undone', undo: null } });
        } catch (error) {
          toast(`Could not undo: ${message(error)}`);
        }
      },

      greet(taskId) {
        // The step may not be on screen yet (the command can come before the first pick).
        pendingGreeting = taskId ?? '';
        greetIfShown(get().current);
      },

      endGreeting() {
        if (get().greeting !== null) set({ greeting: null });
      },

      async bringBack() {
        await (await tasks()).unsnoozeAll(now());
      },

      notice(text) {
        toast(text);
      },
      openReflection() {
        deps.openReflection?.();
      },

      dismissToast() {
        set({ toast: null });
      },
    };
  });
}
