/** Why the next action is the next action, in a few words; and dates and times in words. */
import { dayKey, startOfDay } from './days';
import { calibratedEstimate } from './momentumView';
import { isSmall, type NextActionRule } from './nextAction';
import type { Task } from './types';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_MS = 24 * 60 * 60_000;

/** "3 pm", "9:30 am". */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  const h = d.getHours();
  const m = d.getMinutes();
  const suffix = h < 12 ? 'am' : 'pm';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${h12} ${suffix}` : `${h12}:${String(m).padStart(2, '0')} ${suffix}`;
}

/** "Dec 3". One formatter for all calls: creating one is not free. */
const MONTH_DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });

/** "today", "tomorrow", "Friday", "Dec 3" relative to now. */
export function formatDay(ms: number, now: number): string {
  const days = Math.round((startOfDay(ms) - startOfDay(now)) / DAY_MS);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  if (days > 1 && days < 7) return WEEKDAYS[new Date(ms).getDay()]!;
  return MONTH_DAY.format(ms);
}

/** A due date in words: "today at 3 pm", "Friday". */
export function formatDue(due: Task['due'], now: number): string {
  if (!due) return '';
  const day = formatDay(due.at, now);
  return due.hasTime ? `${day} at ${formatClock(due.at)}` : day;
}

/** The one-line reason shown under the next action. */
export function explain(
  rule: NextActionRule,
  task: Task,
  source: Task,
  now: number,
  estimateRatio: number | null = null,
): string {
  const base = ruleReason(rule, task, source, now, estimateRatio);
  // A waiting task back after its check-back time says so, whatever brought it up.
  const waiting = task.status === 'waiting' ? task : source.status === 'waiting' ? source : null;
  if (!waiting) return base;
  const check = `Check back${waiting.waitingNote ? `: ${waiting.waitingNote}` : ''}`;
  return base === 'Next in line' ? check : `${check} · ${base}`;
}

function ruleReason(
  rule: NextActionRule,
  task: Task,
  source: Task,
  now: number,
  estimateRatio: number | null,
): string {
  const stepOf = source !== task ? source : null;
  switch (rule) {
    case 'pinned':
      return source.pinnedFor === dayKey(now)
        ? 'Your first tiny step for today'
        : `Your first step since ${formatDay(startOfPinned(source), now)}`;
    case 'dueSoon': {
      const at = source.due!.at;
      const due = at < now ? `Was due at ${formatClock(at)}` : `Due at ${formatClock(at)}`;
      return stepOf ? `${due}: first step of “${stepOf.title}”` : due;
    }
    case 'momentum':
      return `Next step of “${source.title}”`;
    case 'ranked': {
      const parts: string[] = [];
      if (source.priority === 1) parts.push('Top priority');
      else if (source.priority === 2) parts.push('Priority 2');
      if (source.due) {
        parts.push(
          source.due.at < startOfDay(now)
            ? `Overdue since ${formatDay(source.due.at, now)}`
            : `Due ${formatDue(source.due, now)}`,
        );
      }
      const small = isSmall(task.estimateMin, estimateRatio);
      const age = now - source.createdAt;
      if (parts.length === 0) {
        if (small && age >= 7 * DAY_MS) parts.push('Small and waiting for a week');
        else if (small) parts.push(smallWords(task.estimateMin!, estimateRatio));
        else if (age >= 7 * DAY_MS)
          parts.push(
            `Waiting for ${age >= 14 * DAY_MS ? `${Math.floor(age / (7 * DAY_MS))} weeks` : 'a week'}`,
          );
      }
      if (stepOf) parts.push(`first step of “${stepOf.title}”`);
      if (parts.length === 0) return 'Next in line';
      const text = parts.join(' · ');
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
  }
}

/** "Small: 10 min", or with a notable calibration "Small: 25 min, about 13 at your pace". */
function smallWords(estimateMin: number, estimateRatio: number | null): string {
  const calibrated = calibratedEstimate(estimateMin, estimateRatio)!;
  if (calibrated === estimateMin) return `Small: ${estimateMin} min`;
  return `Small: ${estimateMin} min, about ${Math.round(calibrated)} at your pace`;
}

function startOfPinned(t: Task): number {
  const [y, m, d] = (t.pinnedFor ?? '').split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).getTime();
}
