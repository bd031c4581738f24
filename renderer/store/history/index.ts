import { failed } from '../../errors';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KineticApi } from '../../../shared/api';
import { addDays, dayKey, startOfDay, startOfDayKey } from '../../../shared/days';
import {
  dailyStats,
  isEmptyDay,
  reflectionDay,
  streak,
  summarizeDay,
  todayIsEmpty,
  toMarkdown,
  type DayStats,
} from '../../../shared/summary';
import type { Reflection } from '../../../shared/types';
import { estimateCalibration, momentumByDay, type DayMomentum } from '../../../shared/momentum';
import { captureToStartOver } from '../../../shared/momentumView';
import { twoMinuteStarts, type TwoMinuteStarts } from '../../../shared/stepSize';
import type { Repositories } from '../../db';

export const RANGES = [7, 30, 90] as const;

const startOfMonth = (ms: number): number => {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), 1).getTime();
};
export type Range = (typeof RANGES)[number];
/** The streak looks back further than any chart. */
const LOOKBACK_DAYS = 366;

export interface HistoryState {
  range: Range;
  loading: boolean;
  today: string | null;
  /** One entry per day of the last LOOKBACK_DAYS days, oldest first. */
  stats: DayStats[];
  reflections: Reflection[];
  streak: number;
  /** One entry per day of the longest range, oldest first. */
  momentum: DayMomentum[];
  /** Median capture → first start over each range. */
  captureToStart: Record<Range, number | null>;
  /** Over the tasks done in the longest range. */
  calibration: { ratio: number | null; samples: number };
  /** Two-minute starts this calendar month, and how many were kept going. */
  twoMinute: TwoMinuteStarts;
  message: string | null;
  load(): Promise<void>;
  setRange(range: Range): void;
  exportDays(days: number): Promise<void>;
}

export function createHistoryStore(deps: {
  repos: () => Promise<Pick<Repositories, 'tasks' | 'sessions' | 'reflections' | 'momentum'>>;
  api: KineticApi;
  now: () => number;
}): StoreApi<HistoryState> {
  const { api, now } = deps;
  return createStore<HistoryState>((set, get) => ({
    range: 7,
    loading: true,
    today: null,
    stats: [],
    reflections: [],
    streak: 0,
    momentum: [],
    captureToStart: { 7: null, 30: null, 90: null },
    calibration: { ratio: null, samples: 0 },
    twoMinute: { starts: 0, keptGoing: 0 },
    message: null,

    async load() {
      const repos = await deps.repos();
      const t = now();
      const today = reflectionDay(t);
      const fromDay = dayKey(addDays(startOfDayKey(today), -(LOOKBACK_DAYS - 1)));
      const from = startOfDayKey(fromDay);
      const to = addDays(startOfDay(t), 1);
      const dayBefore = (n: number): string => dayKey(addDays(startOfDayKey(today), -(n - 1)));
      const momentumFrom = dayBefore(Math.max(...RANGES));
      const [done, sessions, reflections, records] = await Promise.all([
        repos.tasks.doneBetween(from, to),
        repos.sessions.endedBetween(from, to),
        repos.reflections.between(fromDay, today),
        repos.momentum.between(startOfDayKey(momentumFrom), to),
      ]);
      const stats = dailyStats(fromDay, today, done, sessions, reflections);
      const captureToStart = Object.fromEntries(
        RANGES.map((r) => [r, captureToStartOver(records.tasks, records.sessions, dayBefore(r), today)]),
      ) as Record<Range, number | null>;
      set({
        loading: false,
        today,
        stats,
        reflections,
        streak: streak(stats, today),
        momentum: momentumByDay(records.tasks, records.sessions, momentumFrom, today),
        captureToStart,
        calibration: estimateCalibration(records.tasks, records.sessions),
        twoMinute: twoMinuteStarts(records.sessions, startOfMonth(t), to),
      });
    },

    setRange(range) {
      set({ range });
    },

    /**
     * Exports the last `days` days as Markdown through main's save dialog, leaving empty days out.
     * One day is today, or yesterday while today is still empty (the footer says which).
     */
    async exportDays(days) {
      const { today, stats } = get();
      if (!today) return;
      set({ message: null });
      try {
        const repos = await deps.repos();
        const entryOf = async (day: string) => {
          const start = startOfDayKey(day);
          const end = addDays(start, 1);
          const [doneTasks, changed, sessions, reflection] = await Promise.all([
            repos.tasks.doneBetween(start, end),
            repos.tasks.changedSince(start),
            // Through the next day too: a session started that day may end after midnight.
            repos.sessions.endedBetween(start, addDays(end, 1)),
            repos.reflections.get(day),
          ]);
          const byId = new Map([...doneTasks, ...changed].map((task) => [task.id, task]));
          return { summary: summarizeDay(day, [...byId.values()], sessions), reflection: reflection ?? null };
        };
        const dayBack = (n: number): string => dayKey(addDays(startOfDayKey(today), -n));
        const wanted =
          days === 1
            ? [todayIsEmpty(stats, today) ? dayBack(1) : today]
            : [...Array(days).keys()].reverse().map(dayBack);
        const entries = (await Promise.all(wanted.map(entryOf))).filter((e) => !isEmptyDay(e));
        if (entries.length === 0) {
          set({
            message:
              days === 1 ? 'Nothing to export from that day' : `Nothing to export from the last ${days} days`,
          });
          return;
        }
        const first = entries[0]!.summary.day;
        const fileName = days === 1 ? `Kinetic ${first}.md` : `Kinetic ${first} to ${today}.md`;
        const result = await api.history.export({ fileName, markdown: toMarkdown(entries) });
        set({ message: result.saved ? `Saved to ${result.path}` : 'Export cancelled' });
      } catch (error) {
        set({ message: failed('Could not export', error) });
      }
    },
  }));
}
