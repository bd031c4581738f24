import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { formatCountdown } from '../../../shared/focus';
import { focusedMs, remainingMs, timerPhase } from '../../../shared/focusTimer';
import type { Repositories } from '../../db';
import { kinetic } from '../../ipc';
import type { FocusState } from '../../store/focus';
import { Action } from '../../ui/Action';
import { useKeys } from '../../ui/keys';
import { FocusLengthSuggestion } from '../settings/FocusLengthSuggestion';
import { useFocusSettings } from './useFocusSettings';

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
  repos,
}: {
  store: StoreApi<FocusState>;
  repos: Pick<Repositories, 'tasks' | 'sessions'>;
}) {
  const snapshot = useStore(store, (s) => s.snapshot);
  const error = useStore(store, (s) => s.error);
  const run = useStore(store, (s) => s.run);
  const [stopping, setStopping] = useState(false);
  const [note, setNote] = useState('');
  const [writeError, setWriteError] = useState<string | null>(null);
  const noteInput = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const timer = snapshot?.timer;
  const phaseNow = timer ? timerPhase(timer, Date.now()) : 'idle';
  const now = useTicking(phaseNow === 'running');
  const phase = timer ? timerPhase(timer, now) : 'idle';
  const task = snapshot?.task ?? null;
  const keepGoing = snapshot?.keepGoingMinutes ?? 25;
  const focusSettings = useFocusSettings(phase === 'finished');
  const sessionRepos = useMemo(() => () => Promise.resolve(repos), [repos]);

  useEffect(() => {
    if (stopping) noteInput.current?.focus();
  }, [stopping]);
  useEffect(() => {
    if (phase === 'idle') setStopping(false);
    // The end screen opens with focus on its first heading, so a screen reader starts there.
    if (phase === 'finished') heading.current?.focus();
  }, [phase]);

  const done = async (): Promise<void> => {
    setWriteError(null);
    try {
      const result = task ? await repos.tasks.complete(task.id, Date.now()) : null;
      await run((api) => api.done());
      // The last step of a task: the main window asks, as D there does, whether the task is done too.
      if (result?.parent && !result.parentHasOpenSteps && result.parent.status === 'open') {
        await kinetic.window.showMain({ command: 'completeParent', taskId: result.parent.id });
      }
    } catch (e) {
      setWriteError(e instanceof Error ? e.message : String(e));
    }
  };

  const stop = async (): Promise<void> => {
    setWriteError(null);
    const text = note.replace(/\s+/g, ' ').trim();
    try {
      // "Where I stopped" becomes the task's next step, so tomorrow starts exactly there.
      if (text && task) {
        await repos.tasks.addFirstStep(
          task.id,
          { title: text, due: null, estimateMin: null, tags: [], priority: null },
          Date.now(),
        );
      }
      await run((api) => api.stop({ note: text || null }));
      setNote('');
      setStopping(false);
    } catch (e) {
      setWriteError(e instanceof Error ? e.message : String(e));
    }
  };

  useKeys(
    {
      ' ': () => void run((api) => (phase === 'running' ? api.pause() : api.resume())),
      '+': () => void run((api) => api.extend({ minutes: 5 })),
      '=': () => void run((api) => api.extend({ minutes: 5 })),
      s: () => setStopping(true),
      d: () => void done(),
      Escape: () => void kinetic.window.hide(),
    },
    !stopping && (phase === 'running' || phase === 'paused'),
  );
  useKeys(
    {
      Enter: () => void run((api) => api.extend({ minutes: keepGoing })),
      d: () => void done(),
      m: () => void run((api) => api.smaller()),
      s: () => void run((api) => api.stop({ note: null })),
      Escape: () => void kinetic.window.hide(),
    },
    !stopping && phase === 'finished',
  );
  useKeys({ Escape: () => void kinetic.window.hide() }, phase === 'idle');

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
            repos={sessionRepos}
            settings={focusSettings.settings}
            update={focusSettings.update}
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
      {(error ?? writeError) && (
        <p className="error" role="alert">
          {error ?? writeError}
        </p>
      )}
    </main>
  );
}
