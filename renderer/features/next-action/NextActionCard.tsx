import { formatDue } from '../../../shared/nextAction';
import type { NextAction } from '../../../shared/nextAction';

function estimateText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** The one next action: its reason, its title large, and what little we know about it. */
export function NextActionCard({ action, now }: { action: NextAction; now: number }) {
  const { task } = action;
  const meta: string[] = [];
  if (task.estimateMin !== null) meta.push(estimateText(task.estimateMin));
  // The due date is left out when the reason already says it.
  if (task.due && !action.reason.includes(formatDue(task.due, now))) {
    meta.push(`${task.due.at < now && !task.due.hasTime ? 'Was due' : 'Due'} ${formatDue(task.due, now)}`);
  }
  for (const tag of task.tags) meta.push(`#${tag}`);
  return (
    <section className="card" aria-label="Next action">
      <p className="reason" data-testid="reason">
        {action.reason}
      </p>
      <h1 className="title" data-testid="next-action-title">
        {task.title}
      </h1>
      {meta.length > 0 && (
        <p className="meta">
          {meta.map((m) => (
            <span key={m}>{m}</span>
          ))}
        </p>
      )}
    </section>
  );
}
