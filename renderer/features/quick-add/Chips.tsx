import { formatDue } from '../../../shared/nextAction';
import type { ParsedQuickAdd } from '../../../shared/quickAdd';
import { calibrationNote } from '../../../shared/momentumView';

function estimate(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** What the parser understood, as quiet chips under the input. */
export function Chips({
  parsed,
  now,
  estimateRatio = null,
}: {
  parsed: ParsedQuickAdd;
  now: number;
  estimateRatio?: number | null;
}) {
  const chips: { key: string; label: string; value: string }[] = [];
  if (parsed.due) chips.push({ key: 'due', label: 'Due', value: formatDue(parsed.due, now) });
  const note = parsed.estimateMin !== null ? calibrationNote(estimateRatio) : null;
  if (parsed.estimateMin !== null)
    chips.push({ key: 'est', label: 'About', value: estimate(parsed.estimateMin) });
  if (note) chips.push({ key: 'calibration', label: '', value: note });
  for (const tag of parsed.tags) chips.push({ key: `tag-${tag}`, label: '#', value: tag });
  if (parsed.priority !== null)
    chips.push({ key: 'prio', label: 'Priority', value: String(parsed.priority) });
  return (
    <ul className="chips" aria-label="Understood" data-testid="chips">
      {chips.map((c) => (
        <li
          key={c.key}
          className={c.key === 'calibration' ? 'chip-note' : 'chip'}
          data-chip={c.key.startsWith('tag') ? 'tag' : c.key}
        >
          {c.label && <span className="chip-label">{c.label}</span>}
          {c.value}
        </li>
      ))}
    </ul>
  );
}
