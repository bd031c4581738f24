import { failed } from '../../errors';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KineticApi } from '../../../shared/api';
import { addDays, nextDayKey, startOfDayKey } from '../../../shared/days';
import { reflectionDay, summarizeDay, type DaySummary } from '../../../shared/summary';
import type { ParsedQuickAdd } from '../../../shared/quickAdd';
import type { Repositories } from '../../db';

/** The ritual's screens: the day's numbers, three questions, then a last look before saving. */
export type ReflectionStep = 'summary' | 'moved' | 'inTheWay' | 'tomorrow' | 'confirm' | 'saved';
export const QUESTIONS: ReflectionStep[] = ['moved', 'inTheWay', 'tomorrow'];

export interface Answers {
  moved: string;
  inTheWay: string;
  tomorrowStep: string;
}

export interface ReflectionState {
  day: string | null;
  summary: DaySummary | null;
  step: ReflectionStep;
  answers: Answers;
  morningTrigger: boolean;
  saving: boolean;
  error: string | null;
  /** Reads today now; returns the unsubscribe, after which a read still under way is dropped. */
  start(): () => void;
  /** Reads today again (the window's entry calls it each time the window is shown). */
  load(): Promise<void>;
  go(step: ReflectionStep): void;
  next(): void;
  back(): void;
  answer(field: keyof Answers, text: string): void;
  toggleTrigger(): void;
  save(): Promise<boolean>;
  close(): Promise<void>;
}

const ORDER: ReflectionStep[] = ['summary', 'moved', 'inTheWay', 'tomorrow', 'confirm'];

export function createReflectionStore(deps: {
  repos: Pick<Repositories, 'tasks' | 'sessions' | 'reflections'>;
  api: KineticApi;
  now: () => number;
  /** The quick-add parser: tomorrow's step reads like a quick-add. */
  parse?: (text: string, now: Date) => Promise<ParsedQuickAdd>;
}): StoreApi<ReflectionState> {
  const { repos, api, now } = deps;
  /** Bumped by each start and unsubscribe: a read answers only while its start stands. */
  let generation = 0;
  return createStore<ReflectionState>((set, get) => ({
    day: null,
    summary: null,
    step: 'summary',
    answers: { moved: '', inTheWay: '', tomorrowStep: '' },
    morningTrigger: true,
    saving: false,
    error: null,

    start() {
      const run = ++generation;
      void get().load();
      return () => {
        if (run === generation) generation++;
      };
    },

    async load() {
      const run = generation;
      const day = reflectionDay(now());
      const start = startOfDayKey(day);
      const end = addDays(start, 1);
      try {
        const [done, changed, sessions, existing] = await Promise.all([
          repos.tasks.doneBetween(start, end),
          repos.tasks.changedSince(start),
          // Through the next day too: a session started today may end after midnight.
          repos.sessions.endedBetween(start, addDays(start, 2)),
          repos.reflections.get(day),
        ]);
        if (run !== generation) return;
        const byId = new Map([...done, ...changed].map((t) => [t.id, t]));
        const summary = summarizeDay(day, [...byId.values()], sessions);
        const sameDay = get().day === day;
        set({
          day,
          summary,
          error: null,
          // Reopening keeps answers typed earlier that day; a saved reflection is shown for editing.
          ...(sameDay
            ? {}
            : {
                step: 'summary' as const,
                answers: existing
                  ? {
                      moved: existing.moved,
                      inTheWay: existing.inTheWay,
                      tomorrowStep: existing.tomorrowStep,
                    }
                  : { moved: '', inTheWay: '', tomorrowStep: '' },
                morningTrigger: existing ? existing.morningTrigger || !existing.tomorrowStep : true,
              }),
        });
      } catch (error) {
        if (run === generation) set({ error: failed('Could not read today', error) });
      }
    },

    go(step) {
      set({ step, error: null });
    },

    next() {
      const i = ORDER.indexOf(get().step);
      if (i >= 0 && i < ORDER.length - 1) set({ step: ORDER[i + 1]!, error: null });
    },

    back() {
      const i = ORDER.indexOf(get().step);
      if (i > 0) set({ step: ORDER[i - 1]!, error: null });
    },

    answer(field, text) {
      set({ answers: { ...get().answers, [field]: text } });
    },

    toggleTrigger() {
      set({ morningTrigger: !get().morningTrigger });
    },

    async save() {
      const { day, answers, morningTrigger, saving } = get();
      if (!day || saving) return false;
      set({ saving: true, error: null });
      try {
        const text = answers.tomorrowStep.trim();
        const parsed = text && deps.parse ? await deps.parse(text, new Date(now())) : null;
        const { step } = await repos.reflections.save(
          { day, ...answers, morningTrigger, step: parsed },
          now(),
        );
        const morningStep =
          step && morningTrigger
            ? {
                task: { id: step.id, title: step.title, estimateMin: step.estimateMin },
                day: nextDayKey(day),
              }
            : null;
        await api.reflection.saved({ day, morningStep });
        set({ saving: false, step: 'saved' });
        return true;
      } catch (error) {
        set({ saving: false, error: failed('Not saved', error) });
        return false;
      }
    },

    async close() {
      await api.window.hide().catch(() => undefined);
      if (get().step === 'saved') set({ step: 'summary' });
    },
  }));
}
