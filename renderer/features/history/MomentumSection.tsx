import { useMemo } from 'react';
import type { DayMomentum } from '../../../shared/momentum';
import { calibrationNote, formatMinuteOfDay, formatWait, median } from '../../../shared/momentumView';
import { startOfDayKey } from '../../../shared/days';
import { twoMinuteWords, type TwoMinuteStarts } from '../../../shared/stepSize';
import { BarChart } from './BarChart';

interface Props {
  /** The days shown, oldest first. */
  days: readonly DayMomentum[];
  captureToStart: number | null;
  calibration: { ratio: number | null; samples: number };
  twoMinute: TwoMinuteStarts;
}

function estimatesText({ ratio, samples }: Props['calibration']): string {
  if (ratio === null) {
    return `Not enough yet: ${samples} of 5 done tasks with an estimate and focus time`;
  }
  const note = calibrationNote(ratio);
  const times = `${Math.round(ratio * 10) / 10}×`;
  const basis = `${samples} done task${samples === 1 ? '' : 's'}`;
  if (!note) return `About right (${times} over ${basis})`;
  return `${note.charAt(0).toUpperCase()}${note.slice(1)} (over ${basis})`;
}

/** How starting went: starts per day, when the first one came, how long captures wait. */
export function MomentumSection({ days, captureToStart, calibration, twoMinute }: Props) {
  const x = useMemo(() => days.map((d) => startOfDayKey(d.day)), [days]);
  const starts = useMemo(() => days.map((d) => d.starts), [days]);
  const first = useMemo(() => days.map((d) => d.firstStartMin), [days]);
  const firsts = first.filter((m): m is number => m !== null);
  const usual = median(firsts);
  const totalStarts = starts.reduce((a, b) => a + b, 0);
  return (
    <section className="momentum" aria-labelledby="momentum-heading" data-testid="momentum">
      <h2 id="momentum-heading">Momentum</h2>
      <dl className="momentum-facts">
        <div>
          <dt>Starts</dt>
          <dd data-testid="momentum-starts">
            {totalStarts} in {days.length} days
          </dd>
        </div>
        <div>
          <dt>Capture → first start</dt>
          <dd data-testid="momentum-capture">
            {captureToStart === null ? 'No first starts yet' : `${formatWait(captureToStart)} (median)`}
          </dd>
        </div>
        <div>
          <dt>Estimates</dt>
          <dd data-testid="momentum-calibration">{estimatesText(calibration)}</dd>
        </div>
        <div>
          <dt>Starting imperfectly</dt>
          <dd data-testid="momentum-two-minute">
            {twoMinuteWords(twoMinute) ?? 'No 2-minute starts this month. Press 2 to try one.'}
          </dd>
        </div>
      </dl>
      <BarChart label="Starts per day" unit="starts" days={x} values={starts} />
      <BarChart
        label="First start"
        unit=""
        days={x}
        values={first}
        timeOfDay
        summary={
          usual === null
            ? 'no starts'
            : `usually ${formatMinuteOfDay(usual)} (${firsts.length} day${firsts.length === 1 ? '' : 's'})`
        }
      />
    </section>
  );
}
