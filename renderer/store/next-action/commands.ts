/** The next-action store's commands: the panels' state machine and the writes behind each key. */
import { errorMessage, failed } from '../../errors';
import type { ParsedQuickAdd } from '../../../shared/quickAdd';
import type { Task } from '../../../shared/types';
import {
  NOT_NOW_MS,
  type initialState,
  type NextActionData,
  type NextActionState,
  type Slice,
} from './types';

type Commands = Omit<
  NextActionState,
  keyof typeof initialState | 'start' | 'refresh' | 'greet' | 'endGreeting'
>;

export function commandsSlice({ set, get, deps }: Slice): Commands {
  const { now } = deps;
  /** The task repository, once the data layer has loaded. */
  const tasks = (): Promise<NextActionData['tasks']> => deps.data.then((d) => d.tasks);
  /** Several writes as one transaction (TaskRepository.together): all of them or none. */
  const together = async <T>(writes: (repo: NextActionData['tasks']) => Promise<T>): Promise<T> =>
    (await tasks()).together(writes);
  let toastId = 0;
  const toast = (text: string, undo: Task[] | null = null): void =>
    set({ toast: { id: ++toastId, text, undo } });
  const parsed = async (text: string): Promise<ParsedQuickAdd> => deps.parse(text, new Date(now()));

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
      set({ busy: false, panelError: errorMessage(error) });
      return false;
    }
  };

  return {
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
        toast(failed('Could not mark it done', error));
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
        toast(failed('Could not set it aside', error));
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

    async submitRename(text) {
      const panel = get().panel;
      if (panel.kind !== 'rename') return false;
      // Literal text, not quick-add syntax: a title may well hold a "#" or a "~".
      const title = text.replace(/\s+/g, ' ').trim();
      return write(async () => {
        if (title === '') return;
        const renamed = await together(async (repo) => {
          const stored = await repo.get(panel.task.id);
          if (stored?.title === title) return null;
          const task = await repo.rename(panel.task.id, title, now());
          return stored ? { previous: stored, title: task.title } : null;
        });
        if (renamed) toast(`Renamed to “${renamed.title}”`, [renamed.previous]);
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
        toast(failed('Could not undo', error));
      }
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
}
