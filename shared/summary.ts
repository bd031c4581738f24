/**
 * The numbers of a day and of a stretch of days, computed from the data (pure; the renderer
 * fetches the records, these functions count). Used by the reflection window and the history.
 */
import { addDays, dayKey, startOfDayKey } from './days';
import type { FocusSession, Reflection, SkipReason, Task } from './types';
import { momentumByDay } from './momentum';
import { formatMinuteOfDay } from './momentumView';

/** Before 4 am, "today" for a reflection is still the day before (a late evening). */
export const DAY_ENDS_AT_HOUR = 4;

export function reflectionDay(now: number): string {
  return new Date(now).getHours() < DAY_ENDS_AT_HOUR ? dayKey(addDays(now, -1)) : dayKey(now);
}

export interface SkippedTask {
  id: string;
  title: string;
  /** Skips that day. */
  count: number;
  /** Reasons given that day, in order, without repeats. */
  reasons: SkipReason[];
}

export interface DaySummary {
  day: string;
  done: { id: string; title: string }[];
  focusMinutes: number;
  sessions: number;
  skipped: SkippedTask[];
  /** Sessions started that day (shared/momentum.ts), and minutes from midnight to the first. */
  starts: number;
  firstStartMin: number | null;
}

const dayRange = (day: string): [number, number] => {
  const start = startOfDayKey(day);
  return [start, addDays(start, 1)];
};

export const minutesOf = (ms: number): number => Math.round(ms / 60_000);

/**
 * @param tasks tasks that may matter for the day (done that day, or changed since it began);
 *   others are ignored, so passing more is safe.
 * @param sessions focus sessions; those that ended that day count, and for `starts` those that
 *   started that day (pass the next day's too to count one that ran past midnight).
 */
export function summarizeDay(
  day: string,
  tasks: readonly Task[],
  sessions: readonly FocusSession[],
): DaySummary {
  const [start, end] = dayRange(day);
  const within = (t: number | null): boolean => t !== null && t >= start && t < end;
  const done = tasks
    .filter((t) => t.status === 'done' && within(t.doneAt))
    .sort((a, b) => (a.doneAt ?? 0) - (b.doneAt ?? 0))
    .map((t) => ({ id: t.id, title: t.title }));
  const daySessions = sessions.filter((s) => within(s.endedAt));
  const focusMinutes = minutesOf(daySessions.reduce((sum, s) => sum + s.focusedMs, 0));
  const skipped: SkippedTask[] = [];
  for (const t of tasks) {
    const skips = t.skipReasons.filter((s) => within(s.at));
    if (skips.length === 0) continue;
    const reasons: SkipReason[] = [];
    for (const s of skips) if (s.reason && !reasons.includes(s.reason)) reasons.push(s.reason);
    skipped.push({ id: t.id, title: t.title, count: skips.length, reasons });
  }
  skipped.sort((a, b) => b.count - a.count || a.title.localeCompare(b.title));
  const { starts, firstStartMin } = momentumByDay([], sessions, day, day)[0]!;
  return { day, done, focusMinutes, sessions: daySessions.length, skipped, starts, firstStartMin };
}

export interface DayStats {
  day: string;
  focusMinutes: number;
  sessions: number;
  done: number;
  reflected: boolean;
}

/** One entry per day from `fromDay` to `toDay` inclusive, zeros included. */
export function dailyStats(
  fromDay: string,
  toDay: string,
  doneTasks: readonly Pick<Task, 'doneAt' | 'status'>[],
  sessions: readonly Pick<FocusSession, 'endedAt' | 'focusedMs'>[],
  reflections: readonly Pick<Reflection, 'day'>[],
): DayStats[] {
  const stats = new Map<string, DayStats>();
  for (let t = startOfDayKey(fromDay); dayKey(t) <= toDay; t = addDays(t, 1)) {
    const day = dayKey(t);
    stats.set(day, { day, focusMinutes: 0, sessions: 0, done: 0, reflected: false });
  }
  const focusMs = new Map<string, number>();
  for (const s of sessions) {
    const entry = stats.get(dayKey(s.endedAt));
    if (!entry) continue;
    entry.sessions++;
    focusMs.set(entry.day, (focusMs.get(entry.day) ?? 0) + s.focusedMs);
  }
  for (const [day, ms] of focusMs) stats.get(day)!.focusMinutes = minutesOf(ms);
  for (const t of doneTasks) {
    if (t.status !== 'done' || t.doneAt === null) continue;
    const entry = stats.get(dayKey(t.doneAt));
    if (entry) entry.done++;
  }
  for (const r of reflections) {
    const entry = stats.get(r.day);
    if (entry) entry.reflected = true;
  }
  return [...stats.values()];
}

/**
 * Days in a row, ending today, with a reflection or a focus session. Today not counting yet does
 * not break the streak (the day is not over): it then ends yesterday.
 */
export function streak(stats: readonly DayStats[], today: string): number {
  const active = new Set(stats.filter((s) => s.reflected || s.sessions > 0).map((s) => s.day));
  let t = startOfDayKey(today);
  if (!active.has(today)) t = addDays(t, -1);
  let count = 0;
  while (active.has(dayKey(t))) {
    count++;
    t = addDays(t, -1);
  }
  return count;
}

const REASON_WORDS: Record<SkipReason, string> = {
  'too-big': 'too big',
  unclear: 'unclear',
  blocked: 'blocked',
  'not-now': 'not now',
  'not-important': 'not important',
};

export function reasonWords(reasons: readonly SkipReason[]): string {
  return reasons.map((r) => REASON_WORDS[r]).join(', ');
}

const longDate = (day: string): string =>
  new Date(startOfDayKey(day)).toLocaleDateString('en-US', {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });

/** A day with nothing to tell: nothing done, focused, set aside or reflected on. */
export function isEmptyDay({
  summary,
  reflection,
}: {
  summary: DaySummary;
  reflection: Reflection | null;
}): boolean {
  return (
    summary.done.length === 0 &&
    summary.sessions === 0 &&
    summary.skipped.length === 0 &&
    (reflection === null || !(reflection.moved || reflection.inTheWay || reflection.tomorrowStep))
  );
}

/** Whether "export today" should offer yesterday instead: nothing done, focused or reflected today yet. */
export function todayIsEmpty(stats: readonly DayStats[], today: string): boolean {
  const entry = stats.find((s) => s.day === today);
  return entry !== undefined && entry.done === 0 && entry.sessions === 0 && !entry.reflected;
}

/** A day (or several) as Markdown for a journal: numbers, what got done, and the reflection. */
export function toMarkdown(days: readonly { summary: DaySummary; reflection: Reflection | null }[]): string {
  const out: string[] = [];
  for (const { summary, reflection } of days) {
    out.push(`## ${longDate(summary.day)}`, '');
    const sessions = `${summary.sessions} focus session${summary.sessions === 1 ? '' : 's'}`;
    out.push(`- ${summary.done.length} done · ${summary.focusMinutes} focus minutes · ${sessions}`);
    out.push(`- ${startsWords(summary)}`);
    if (summary.done.length) {
      out.push('', '**Done**', '');
      for (const t of summary.done) out.push(`- [x] ${escapeMd(t.title)}`);
    }
    if (summary.skipped.length) {
      out.push('', '**Set aside**', '');
      for (const s of summary.skipped) {
        const why = s.reasons.length ? ` — ${reasonWords(s.reasons)}` : '';
        out.push(`- ${escapeMd(s.title)}${why}`);
      }
    }
    if (reflection) {
      const answer = (q: string, a: string): void => {
        if (a.trim()) out.push('', `**${q}**`, '', escapeMd(a.trim()));
      };
      answer('What moved', reflection.moved);
      answer('What got in the way', reflection.inTheWay);
      answer('Tomorrow’s first tiny step', reflection.tomorrowStep);
    }
    out.push('');
  }
  return `${out.join('\n').trim()}\n`;
}

/** "3 starts, the first at 9:10 am", "No starts". */
export function startsWords(s: Pick<DaySummary, 'starts' | 'firstStartMin'>): string {
  if (s.starts === 0 || s.firstStartMin === null) return 'No starts';
  const starts = `${s.starts} start${s.starts === 1 ? '' : 's'}`;
  return `${starts}, the first at ${formatMinuteOfDay(s.firstStartMin)}`;
}

/** Keeps user text from turning into Markdown structure (headings, lists, links). */
function escapeMd(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/^(\s*)([-+]|\d+\.)(\s)/gm, '$1\\$2$3');
}
