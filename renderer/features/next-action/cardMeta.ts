/**
 * What the next-action card says under the title. Plain TypeScript (no React): the boot script
 * paints the first card with it before React has loaded (renderer/windows/main/shell.ts).
 */
import { formatDue, type NextAction } from '../../../shared/nextAction';

function estimateText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** The estimate, the due date unless the reason already says it, and the tags. */
export function cardMeta(action: NextAction, now: number): string[] {
  const { task } = action;
  const meta: string[] = [];
  if (task.estimateMin !== null) meta.push(estimateText(task.estimateMin));
  if (task.due && !action.reason.includes(formatDue(task.due, now))) {
    meta.push(`${task.due.at < now && !task.due.hasTime ? 'Was due' : 'Due'} ${formatDue(task.due, now)}`);
  }
  for (const tag of task.tags) meta.push(`#${tag}`);
  return meta;
}

/** What the live region says of a next action: its title and reason only, so a change is announced once. */
export function announcement(next: NextAction): string {
  return `${next.task.title}. ${next.reason}`;
}
