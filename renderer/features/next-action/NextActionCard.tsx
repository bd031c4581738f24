import type { NextAction } from '../../../shared/nextAction';
import { cardMeta } from './cardMeta';

/**
 * The one next action: its reason, its title large, and what little we know about it.
 * renderer/windows/main/shell.ts paints the same markup before React has loaded; keep the two alike
 * (test/e2e/firstPaint.e2e.test.ts compares them).
 */
export function NextActionCard({ action, now }: { action: NextAction; now: number }) {
  const meta = cardMeta(action, now);
  return (
    <section className="card" aria-label="Next action">
      <p className="reason" data-testid="reason">
        {action.reason}
      </p>
      <h1 className="title" data-testid="next-action-title">
        {action.task.title}
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
