import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { remainingMs, timerPhase } from '../../../shared/focusTimer';
import { useFocus, useNextAction, useSettings } from '../../stores';
import { Action } from '../../ui/Action';
import { useKeys } from '../../ui/keys';
import { CAPTURE_ID, EmptyState } from './EmptyState';
import { announcement } from './cardMeta';
import { NextActionCard } from './NextActionCard';
import { useSmallerFirst } from './useSmallerFirst';
import {
  BlockedPanel,
  BreakDownPanel,
  CompleteParentPanel,
  RenamePanel,
  SkipWhyPanel,
  SmallerPanel,
  SnoozePanel,
  SwitchFocusPanel,
} from './Panels';

// Everything not needed for the first paint of the next action loads on first use.
const AddPanel = lazy(() => import('./AddPanel'));
const SettingsPanel = lazy(() => import('../settings/SettingsPanel'));
const HistoryView = lazy(() => import('../history/HistoryView'));

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function MainScreen() {
  const ready = useNextAction((s) => s.ready);
  const current = useNextAction((s) => s.current);
  const loadError = useNextAction((s) => s.loadError);
  const panel = useNextAction((s) => s.panel);
  const greeting = useNextAction((s) => s.greeting);
  const greetingUntil = useNextAction((s) => s.greetingUntil);
  const actions = useNextAction((s) => s);
  const snapshot = useFocus((s) => s.snapshot);
  const focusError = useFocus((s) => s.error);
  const runFocus = useFocus((s) => s.run);
  const showFocus = useFocus((s) => s.show);
  const focusNow = useFocus((s) => s.current);
  const shortcuts = useSettings((s) => s.view?.shortcuts);
  const setAside = useNextAction((s) => s.setAside);
  const now = useNow(15_000);
  const stage = useRef<HTMLDivElement>(null);

  const phase = snapshot ? timerPhase(snapshot.timer, now) : 'idle';
  const focusActive = phase !== 'idle';
  const task = current?.task ?? null;
  const ref = task ? { id: task.id, title: task.title, estimateMin: task.estimateMin } : null;
  // Stopped early twice, or set aside as too big: making the first step smaller comes first.
  const smallerFirst = useSmallerFirst(task);

  // After any action, keyboard focus returns to the stage so the next key works at once.
  useEffect(() => {
    if (panel.kind === 'none' && document.activeElement === document.body) stage.current?.focus();
  }, [panel, current]);

  const startFocus = async (mode: 'standard' | 'twoMinute'): Promise<void> => {
    if (focusActive && snapshot?.task?.id === task?.id) {
      showFocus();
      return;
    }
    if (!ref) return;
    // Main owns the session: ask it (this window's copy may lag) whether another one runs.
    const session = await focusNow();
    const running = session ? timerPhase(session.timer, Date.now()) : 'idle';
    if (running !== 'idle' && session?.task?.id === ref.id) {
      showFocus();
      return;
    }
    // Another task's session is running: ask (switch or keep) rather than end it silently.
    if ((running === 'running' || running === 'paused') && session?.task) {
      actions.open({ kind: 'switchFocus', task: ref, mode, running: session.task.title });
      return;
    }
    actions.endGreeting();
    void runFocus((api) => api.start({ task: ref, mode }));
  };

  // A: the empty state's own field takes the text; elsewhere the Add panel opens.
  const add = (): void => {
    const field = document.getElementById(CAPTURE_ID);
    if (field) field.focus();
    else actions.open({ kind: 'add' });
  };
  // The top bar's keys, wherever the top bar shows them.
  const nav = {
    a: add,
    h: () => actions.open({ kind: 'history' }),
    r: actions.openReflection,
    ',': () => actions.open({ kind: 'settings' }),
  };

  const idle = panel.kind === 'none';
  const navShown = idle || panel.kind === 'settings';
  useKeys(
    {
      Enter: () => void startFocus('standard'),
      ' ': () => void startFocus('standard'),
      '2': () => void startFocus('twoMinute'),
      d: () => void actions.done(),
      n: () => void actions.notNow(),
      b: () => task && actions.open({ kind: 'breakDown', task, firstOnly: false }),
      t: () => task && actions.open({ kind: 'breakDown', task, firstOnly: true }),
      e: () => task && actions.open({ kind: 'rename', task }),
      ...nav,
      f: () => focusActive && showFocus(),
      u: () => void actions.undo(),
      'mod+z': () => void actions.undo(),
    },
    idle,
  );
  useKeys(nav, panel.kind === 'settings');
  useKeys(
    { Escape: actions.close },
    panel.kind === 'add' || panel.kind === 'settings' || panel.kind === 'history',
  );

  if (panel.kind === 'history') {
    return (
      <Suspense fallback={<div className="screen" />}>
        <HistoryView onClose={actions.close} />
      </Suspense>
    );
  }

  const shortcutProblem = shortcuts && (shortcuts.quickAdd.problem ?? shortcuts.focus.problem);

  return (
    <div className="screen">
      <header className="topbar">
        <span className="brand" aria-hidden="true">
          Kinetic
        </span>
        {navShown && (
          <nav className="nav" aria-label="More">
            <Action keyLabel="A" label="Add" onPress={nav.a} />
            <Action keyLabel="H" label="History" onPress={nav.h} />
            <Action keyLabel="R" label="Reflect" onPress={nav.r} />
            <Action keyLabel="," label="Settings" onPress={nav[',']} />
          </nav>
        )}
      </header>

      <main className="stage" ref={stage} tabIndex={-1}>
        {greeting && task && now < greetingUntil && panel.kind !== 'settings' && (
          <p className="greeting fade-in">{greeting}</p>
        )}
        {loadError ? (
          <p className="error" role="alert">
            Kinetic could not read your tasks: {loadError}
          </p>
        ) : !ready || panel.kind === 'settings' ? null : task && current ? (
          <>
            <NextActionCard action={current} now={now} key={task.id} />
            {panel.kind === 'none' && (
              <div className="actions">
                <div className="row">
                  {smallerFirst && (
                    <Action
                      primary
                      keyLabel="T"
                      label="Make the first step smaller"
                      onPress={() => actions.open({ kind: 'breakDown', task, firstOnly: true })}
                    />
                  )}
                  <Action
                    primary={!smallerFirst}
                    keyLabel="Enter"
                    label={focusActive && snapshot?.task?.id === task.id ? 'Show timer' : 'Start focus'}
                    onPress={() => void startFocus('standard')}
                  />
                  <Action keyLabel="2" label="Just 2 minutes" onPress={() => void startFocus('twoMinute')} />
                </div>
                <div className="row quiet">
                  <Action keyLabel="D" label="Done" onPress={() => void actions.done()} />
                  <Action keyLabel="N" label="Not now" onPress={() => void actions.notNow()} />
                  <Action
                    keyLabel="B"
                    label="Break down"
                    onPress={() => actions.open({ kind: 'breakDown', task, firstOnly: false })}
                  />
                  {!smallerFirst && (
                    <Action
                      keyLabel="T"
                      label="Tiny first step"
                      onPress={() => actions.open({ kind: 'breakDown', task, firstOnly: true })}
                    />
                  )}
                  <Action keyLabel="E" label="Edit" onPress={() => actions.open({ kind: 'rename', task })} />
                </div>
              </div>
            )}
            {panel.kind === 'breakDown' && (
              <BreakDownPanel title={panel.task.title} firstOnly={panel.firstOnly} />
            )}
            {panel.kind === 'rename' && <RenamePanel title={panel.task.title} />}
            {panel.kind === 'skipWhy' && <SkipWhyPanel />}
            {panel.kind === 'smaller' && <SmallerPanel reason={panel.reason} />}
            {panel.kind === 'blocked' && <BlockedPanel />}
            {panel.kind === 'snooze' && <SnoozePanel />}
            {panel.kind === 'switchFocus' && (
              <SwitchFocusPanel
                running={panel.running}
                next={panel.task.title}
                onSwitch={() => {
                  actions.close();
                  actions.endGreeting();
                  void runFocus((api) => api.start({ task: panel.task, mode: panel.mode }));
                }}
              />
            )}
          </>
        ) : (
          <EmptyState allSetAside={setAside} onBringBack={() => void actions.bringBack()} />
        )}
        {panel.kind === 'completeParent' && <CompleteParentPanel title={panel.parent.title} />}
        {panel.kind === 'add' && (
          <Suspense fallback={null}>
            <AddPanel />
          </Suspense>
        )}
        {panel.kind === 'settings' && (
          <Suspense fallback={null}>
            <SettingsPanel onClose={actions.close} />
          </Suspense>
        )}
      </main>
      <p className="visually-hidden" aria-live="polite">
        {current && !loadError && panel.kind !== 'settings' ? announcement(current) : ''}
      </p>

      <footer className="footer">
        <Toast />
        {focusActive && snapshot ? (
          <button type="button" className="focus-status" aria-keyshortcuts="F" onClick={showFocus}>
            <span className={`dot ${phase}`} aria-hidden="true" />
            {phase === 'finished'
              ? 'Focus session done'
              : `${phase === 'paused' ? 'Paused' : 'Focusing'} · ${Math.ceil(remainingMs(snapshot.timer, now) / 60_000)} min left`}
            <kbd aria-hidden="true">F</kbd>
          </button>
        ) : shortcutProblem ? (
          <button
            type="button"
            className="notice"
            aria-keyshortcuts=","
            onClick={() => actions.open({ kind: 'settings' })}
          >
            Global shortcut unavailable — see Settings <kbd aria-hidden="true">,</kbd>
          </button>
        ) : focusError ? (
          <span className="error">{focusError}</span>
        ) : null}
      </footer>
    </div>
  );
}

function Toast() {
  const toast = useNextAction((s) => s.toast);
  const dismiss = useNextAction((s) => s.dismissToast);
  const undo = useNextAction((s) => s.undo);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(dismiss, 6000);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  if (!toast) return <span />;
  return (
    <p className="toast fade-in" role="status" key={toast.id}>
      <span className="toast-text">{toast.text}</span>
      {toast.undo && (
        <button type="button" className="link" aria-keyshortcuts="U" onClick={() => void undo()}>
          <kbd aria-hidden="true">U</kbd> Undo
        </button>
      )}
    </p>
  );
}
