import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { formatCountdown } from '../../../shared/focus';
import { focusedMs, remainingMs, timerPhase } from '../../../shared/focusTimer';
import type { FocusState } from '../../store/focus';
import type { SettingsState } from '../../store/settings';
import { Action } from '../../ui/Action';
import { useKeys } from '../../ui/keys';
import { FocusLengthSuggestion } from '../settings/FocusLengthSuggestion';

/** Re-renders on its own clock (the display is derived; main sends transitions only). */
function useTicking(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

export function FocusWindow({
  store,
  settingsStore,
}: {
  store: StoreApi<FocusState>;
  /** Read only on the end screen (for the focus-length suggestion), so it starts there. */
  settingsStore: StoreApi<SettingsState>;
}) {
  const snapshot = useStore(store, (s) => s.snapshot);
  const error = useStore(store, (s) => s.error);
  const { run, hide, complete, endedBetween } = useStore(store, (s) => s);
  const settings = useStore(settingsStore, (s) => s.view?.settings ?? null);
  const updateSettings = useStore(settingsStore, (s) => s.update);
  const [stopping, setStopping] = useState(false);
  const [note, setNote] = useState('');
  const noteInput = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const timer = snapshot?.timer;
  const phaseNow = timer ? timerPhase(timer, Date.now()) : 'idle';
  const now = useTicking(phaseNow === 'running');
  const phase = timer ? timerPhase(timer, now) : 'idle';
  const task = snapshot?.task ?? null;
  const keepGoing = snapshot?.keepGoingMinutes ?? 25;
  const finished = phase === 'finished';
  useEffect(() => (finished ? settingsStore.getState().start() : undefined), [finished, settingsStore]);

  useEffect(() => {
    if (stopping) noteInput.current?.focus();
  }, [stopping]);
  useEffect(() => {
    if (phase === 'idle') setStopping(false);
    // The end screen opens with focus on its first heading, so a screen reader starts there.
    if (phase === 'finished') heading.current?.focus();
  }, [phase]);

  const done = (): Promise<void> => complete();
  const stop = async (): Promise<void> => {
    if (await store.getState().stop(note)) {
      setNote('');
      setStopping(false);
    }
  };

  useKeys(
    {
      ' ': () => void run((api) => (phase === 'running' ? api.pause() : api.resume())),
      '+': () => void run((api) => api.extend({ minutes: 5 })),
      '=': () => void run((api) => api.extend({ minutes: 5 })),
      s: () => setStopping(true),
      d: () => void done(),
      Escape: hide,
    },
    !stopping && (phase === 'running' || phase === 'paused'),
  );
  useKeys(
    {
      Enter: () => void run((api) => api.extend({ minutes: keepGoing })),
      d: () => void done(),
      m: () => void run((api) => api.smaller()),
      s: () => void run((api) => api.stop({ note: null })),
      Escape: hide,
    },
    !stopping && phase === 'finished',
  );
  useKeys({ Escape: hide }, phase === 'idle');

  if (!timer || timer.phase === 'idle' || phase === 'idle') {
    return (
      <main className="focus-window idle" aria-label="Focus">
        <h1 className="focus-task">No focus session</h1>
        <p className="hint">
          Press <kbd>Enter</kbd> in Kinetic to start one · <kbd>Esc</kbd> hide
        </p>
      </main>
    );
  }

  const left = remainingMs(timer, now);
  const progress = Math.min(1, focusedMs(timer, now) / timer.totalMs);

  return (
    <main className={`focus-window ${phase}`} aria-label="Focus">
      <h1 className="focus-task" title={task?.title} ref={heading} tabIndex={-1}>
        {task?.title ?? 'Focus'}
      </h1>
      {phase === 'finished' ? (
        <>
          <p className="focus-done" role="status">
            {snapshot?.mode === 'twoMinute' ? 'Two minutes done. Momentum!' : 'Time’s up. Nicely done.'}
          </p>
          <div className="focus-controls finished-controls">
            <Action
              primary
              keyLabel="Enter"
              label={`Keep going ${keepGoing} min`}
              onPress={() => void run((api) => api.extend({ minutes: keepGoing }))}
            />
            <Action keyLabel="D" label="Done" onPress={() => void done()} />
            <Action keyLabel="M" label="Make it smaller" onPress={() => void run((api) => api.smaller())} />
          </div>
          <FocusLengthSuggestion
            endedBetween={endedBetween}
            settings={settings}
            update={updateSettings}
            keys={!stopping}
            compact
          />
        </>
      ) : stopping ? (
        <div className="focus-stop">
          <label htmlFor="stop-note" className="focus-stop-label">
            Where did you stop? <span className="optional">(becomes the next step)</span>
          </label>
          <input
            id="stop-note"
            ref={noteInput}
            className="field"
            value={note}
            maxLength={1000}
            placeholder="e.g. halfway through section 2"
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void stop();
              if (e.key === 'Escape') setStopping(false);
            }}
          />
          <p className="hint">
            <kbd>Enter</kbd> stop · <kbd>Esc</kbd> back
          </p>
        </div>
      ) : (
        <>
          <p className="countdown" aria-live="off" data-testid="countdown">
            {formatCountdown(left)}
          </p>
          <div
            className="progress"
            role="progressbar"
            aria-label="Focus progress"
            aria-valuenow={Math.round(progress * 100)}
            aria-valuemin={0}
            aria-valuemax={100}
          >
            <span style={{ transform: `scaleX(${progress})` }} />
          </div>
          {phase === 'paused' && snapshot?.pausedBy && (
            <p className="focus-paused" role="status">
              Paused while {snapshot.pausedBy === 'suspend' ? 'your computer slept' : 'the screen was locked'}
              . Resume?
            </p>
          )}
          <div className="focus-controls">
            <Action
              primary={phase === 'paused'}
              keyLabel="Space"
              label={phase === 'running' ? 'Pause' : 'Resume'}
              onPress={() => void run((api) => (phase === 'running' ? api.pause() : api.resume()))}
            />
            <Action
              keyLabel="+"
              label="5 min"
              onPress={() => void run((api) => api.extend({ minutes: 5 }))}
            />
            <Action keyLabel="S" label="Stop" onPress={() => setStopping(true)} />
            <Action keyLabel="D" label="Done" onPress={() => void done()} />
          </div>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </main>
  );
}
