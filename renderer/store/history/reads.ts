/**
 * History's reads and its Markdown export, loaded when history first opens (the summary and
 * momentum maths stay out of the main window's first chunk).
 */
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
import { estimateCalibration, momentumByDay } from '../../../shared/momentum';
import { captureToStartOver } from '../../../shared/momentumView';
import { twoMinuteStarts } from '../../../shared/stepSize';
import { RANGES, type HistoryData, type HistoryRepos, type Range } from './types';

/** The streak looks back further than any chart. */
const LOOKBACK_DAYS = 366;

const startOfMonth = (ms: number): number => {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), 1).getTime();
};

export async function readHistory(repos: HistoryRepos, t: number): Promise<HistoryData> {
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
  return {
    today,
    stats,
    reflections,
    streak: streak(stats, today),
    momentum: momentumByDay(records.tasks, records.sessions, momentumFrom, today),
    captureToStart,
    calibration: estimateCalibration(records.tasks, records.sessions),
    twoMinute: twoMinuteStarts(records.sessions, startOfMonth(t), to),
  };
}

/**
 * The last `days` days as a Markdown file, leaving empty days out (null: nothing to export).
 * One day is today, or yesterday while today is still empty (the view's footer says which).
 */
export async function exportFile(
  repos: HistoryRepos,
  today: string,
  stats: DayStats[],
  days: number,
): Promise<{ fileName: string; markdown: string } | null> {
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
  if (entries.length === 0) return null;
  const first = entries[0]!.summary.day;
  const fileName = days === 1 ? `Kinetic ${first}.md` : `Kinetic ${first} to ${today}.md`;
  return { fileName, markdown: toMarkdown(entries) };
}
