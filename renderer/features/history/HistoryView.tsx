import { useEffect, useMemo, useRef } from 'react';
import { startOfDayKey } from '../../../shared/days';
import { todayIsEmpty } from '../../../shared/summary';
import { RANGES, type Range } from '../../store/history';
import { useHistory } from '../../stores';
import { Action } from '../../ui/Action';
import { useKeys } from '../../ui/keys';
import { BarChart } from './BarChart';
import { MomentumSection } from './MomentumSection';
import './history.css';

const KEY_OF: Record<Range, string> = { 7: '7', 30: '3', 90: '9' };

const dayLabel = (day: string): string =>
  new Date(startOfDayKey(day)).toLocaleDateString('en-US', {
    weekday: 'long',
    month: 'short',
    day: 'numeric',
  });

/** Lazy-loaded: costs nothing until opened with H. */
export default function HistoryView({ onClose }: { onClose: () => void }) {
  const range = useHistory((s) => s.range);
  const stats = useHistory((s) => s.stats);
  const loading = useHistory((s) => s.loading);
  const reflections = useHistory((s) => s.reflections);
  const streakDays = useHistory((s) => s.streak);
  const error = useHistory((s) => s.error);
  const notice = useHistory((s) => s.notice);
  const today = useHistory((s) => s.today);
  const momentum = useHistory((s) => s.momentum);
  const captureToStart = useHistory((s) => s.captureToStart);
  const calibration = useHistory((s) => s.calibration);
  const twoMinute = useHistory((s) => s.twoMinute);
  const start = useHistory((s) => s.start);
  const setRange = useHistory((s) => s.setRange);
  const exportDays = useHistory((s) => s.exportDays);

  // Each opening reads the days afresh; closing drops a read still under way.
  useEffect(() => start(), [start]);
  // Focus lands on the screen's heading when it opens.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  useKeys({
    Escape: onClose,
    h: onClose,
    '7': () => setRange(7),
    '3': () => setRange(30),
    '9': () => setRange(90),
    e: () => void exportDays(1),
    w: () => void exportDays(7),
  });

  const shown = useMemo(() => stats.slice(-range), [stats, range]);
  const days = useMemo(() => shown.map((s) => startOfDayKey(s.day)), [shown]);
  const focus = useMemo(() => shown.map((s) => s.focusMinutes), [shown]);
  const done = useMemo(() => shown.map((s) => s.done), [shown]);
  const momentumShown = useMemo(() => momentum.slice(-range), [momentum, range]);
  const firstShown = shown[0]?.day ?? '';
  const entries = reflections.filter((r) => r.day >= firstShown);

  return (
    <div className="screen history">
      <header className="topbar">
        <Action keyLabel="Esc" label="Back" onPress={onClose} />
        <nav className="nav" aria-label="Range">
          {RANGES.map((r) => (
            <button
              key={r}
              type="button"
              className={`action range ${range === r ? 'on' : ''}`}
              aria-pressed={range === r}
              aria-keyshortcuts={KEY_OF[r]}
              onClick={() => setRange(r)}
            >
              <kbd aria-hidden="true">{KEY_OF[r]}</kbd> {r} days
            </button>
          ))}
        </nav>
      </header>
      {/* Focusable so the scrolling body can be scrolled with the keyboard. */}
      <main className="history-body" aria-busy={loading} tabIndex={0} aria-label="History">
        <div className="history-head">
          <h1 ref={heading} tabIndex={-1}>
            History
          </h1>
          <p className="streak" data-testid="streak">
            {streakDays > 0
              ? `${streakDays}-day streak of reflecting or focusing`
              : 'Start a streak with one focus session'}
          </p>
        </div>
        <BarChart label="Focus minutes" unit="min" days={days} values={focus} />
        <BarChart label="Tasks done" unit="done" days={days} values={done} />
        <MomentumSection
          days={momentumShown}
          captureToStart={captureToStart[range]}
          calibration={calibration}
          twoMinute={twoMinute}
        />
        <section className="entries" aria-label="Reflections">
          <h2>Reflections</h2>
          {entries.length === 0 && (
            <p className="hint">No reflections in these days yet. Press R in the main window.</p>
          )}
          {entries.map((r) => {
            const dayStats = stats.find((s) => s.day === r.day);
            return (
              <article key={r.day} className="entry" data-testid={`reflection-${r.day}`}>
                <h3>
                  {dayLabel(r.day)}
                  {dayStats && (
                    <span className="entry-numbers">
                      {dayStats.done} done · {dayStats.focusMinutes} min focus
                    </span>
                  )}
                </h3>
                {r.moved && (
                  <p>
                    <span className="q">Moved</span> {r.moved}
                  </p>
                )}
                {r.inTheWay && (
                  <p>
                    <span className="q">In the way</span> {r.inTheWay}
                  </p>
                )}
                {r.tomorrowStep && (
                  <p>
                    <span className="q">Next first step</span> {r.tomorrowStep}
                  </p>
                )}
              </article>
            );
          })}
        </section>
      </main>
      <footer className="footer">
        <span className={error ? 'error' : 'hint'} role="status">
          {error ?? notice}
        </span>
        <span className="exports">
          <Action
            keyLabel="E"
            label={today && todayIsEmpty(stats, today) ? 'Export yesterday' : 'Export today'}
            onPress={() => void exportDays(1)}
          />
          <Action keyLabel="W" label="Export week" onPress={() => void exportDays(7)} />
        </span>
      </footer>
    </div>
  );
}
