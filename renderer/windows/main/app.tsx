/**
 * The main window's React app, loaded by main.ts once the boot script has painted the first
 * next action (or found nothing to paint).
 */
import { StrictMode, useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { timerPhase } from '../../../shared/focusTimer';
import { bootPick } from '../../db/boot';
import type { Repositories } from '../../db';
import { kinetic } from '../../ipc';
import { createNextActionStore } from '../../store/next-action';
import { calibratedPick } from '../../store/momentum';
import { catchUpProgress } from '../../store/sync/progress';
import { createFocusStore } from '../../store/focus';
import { createSettingsStore } from '../../store/settings';
import { createHistoryStore } from '../../store/history';
import { createBackupStore, storageStatus } from '../../store/backup';
import { createSyncStore } from '../../store/sync';
import { StoresProvider, type Stores } from '../../stores';
import { MainScreen } from '../../features/next-action/MainScreen';
import { handleCommands } from './commands';
import { releaseEarlyKeys } from './earlyKeys';
import { startReminders } from './reminders';
import { hintedPolicy, policyOf, rememberPolicy } from './policy';

// The next action read with plain IndexedDB by boot.ts (which has painted it already). Dexie,
// the repositories and the live updates load right after it, in their own chunk.
let policy = hintedPolicy();
const initial = window.__kineticBoot ?? bootPick(Date.now(), policy);
const data = initial
  .catch(() => undefined)
  .then(() => import('../../db'))
  .then((db) => {
    // A long rebuild, or a long first merge of other devices' changes, says how far it is.
    const catchUp = catchUpProgress(
      () => Date.now(),
      (text) => nextAction.getState().notice(text),
    );
    const { repos, durable } = db.openRepositories(kinetic.oplog, { progress: catchUp.progress });
    kinetic.oplog.onChanged(() => catchUp.arrived());
    // Reads go on at once (the live query follows what the catch-up writes); writes wait for it.
    void durable.ready.then(
      (recovery) => {
        if (recovery.rebuilt) restoredNotice();
      },
      (error: unknown) => console.error('Could not catch up with the op log:', error),
    );
    // Ask the browser to keep this storage (against eviction; the log guards against corruption).
    void storageStatus(kinetic, true).catch(() => undefined);
    return {
      repos,
      observe: <T,>(query: () => Promise<T>, onValue: (v: T) => void, onError: (e: unknown) => void) =>
        db.observeTasks(repos.db, query, onValue, onError),
    };
  });
const repos = (): Promise<Repositories> => data.then((d) => d.repos);

/** Said once, by whichever window rebuilt the database (main tells this one when it was another). */
let restoredSaid = false;
function restoredNotice(): void {
  if (restoredSaid) return;
  restoredSaid = true;
  nextAction
    .getState()
    .notice("Your tasks were restored from Kinetic's own log after the browser storage was reset.");
}
kinetic.oplog.onRestored(() => restoredNotice());

const focus = createFocusStore({ api: kinetic, repos });
const settings = createSettingsStore({ api: kinetic });
const nextAction = createNextActionStore({
  data: data.then((d) => ({
    tasks: d.repos.tasks,
    observe: d.observe,
    calibrate: calibratedPick(d.repos, () => Date.now()),
  })),
  initial,
  now: () => Date.now(),
  policy: () => policy,
  report: (task) => void kinetic.nextAction.report({ task }).catch(() => undefined),
  // The parser (and chrono) load on first use.
  parse: async (text, now) => (await import('../../../shared/quickAdd')).parseQuickAdd(text, now),
  openReflection: () => void kinetic.reflection.open(),
  // Done on the task in focus ends its session as completed, keeping the focused time.
  onDone: (taskId) => {
    const snapshot = focus.getState().snapshot;
    if (snapshot?.task?.id === taskId && timerPhase(snapshot.timer, Date.now()) !== 'idle') {
      void focus.getState().run((api) => api.done());
    }
  },
});
// The policy follows the settings: a changed lead time re-picks at once (and the tray follows).
settings.subscribe((state, previous) => {
  const current = state.view?.settings;
  if (!current || current.dueFirstMinutes === previous.view?.settings.dueFirstMinutes) return;
  policy = policyOf(current);
  rememberPolicy(current);
  nextAction.getState().refresh();
});
// History, backup and sync start when their screens open; creating them loads nothing.
const history = createHistoryStore({ repos, api: kinetic, now: () => Date.now() });
const backup = createBackupStore({ repos, api: kinetic, now: () => Date.now() });
const sync = createSyncStore({ api: kinetic });
const stores: Stores = {
  repos,
  nextAction,
  focus,
  settings,
  history,
  backup,
  sync,
  now: () => Date.now(),
};

nextAction.getState().start();
// Coming back to the window re-reads the pick at once (snoozes may have ended meanwhile).
const onVisible = (): void => {
  if (document.visibilityState === 'visible') nextAction.getState().refresh();
};
document.addEventListener('visibilitychange', onVisible);
window.addEventListener('focus', onVisible);
focus.getState().start();
settings.getState().start();
void data.then(async ({ repos: r, observe }) => {
  // Before any backup of today: a tree that a restore could not read back is repaired first.
  const { repairTree } = await import('../../db/repair');
  await repairTree(r.db, Date.now())
    .then((repairs) => repairs.forEach((repair) => console.warn(`Repaired the tasks: ${repair}`)))
    .catch((error: unknown) => console.error('Could not check the tasks for loops:', error));
  const { startOutbox } = await import('../../store/focus/outbox');
  startOutbox(kinetic, r, (error) => console.error('Could not write focus sessions:', error));
  startReminders(r, observe);
  const { startAutoBackup } = await import('../../store/backup/auto');
  startAutoBackup({ repos, api: kinetic, now: () => Date.now() }, (error) =>
    console.error('Could not keep the automatic backup:', error),
  );
});

handleCommands(({ command, taskId }) => {
  const state = nextAction.getState();
  switch (command) {
    case 'add':
      state.open({ kind: 'add' });
      break;
    case 'history':
      state.open({ kind: 'history' });
      break;
    case 'reflect':
      void kinetic.reflection.open();
      break;
    case 'morningStep':
      state.greet(taskId);
      break;
    case 'completeParent': {
      void (async () => {
        const parent = taskId ? await (await repos()).tasks.get(taskId) : undefined;
        if (parent?.status === 'open') nextAction.getState().open({ kind: 'completeParent', parent });
      })();
      break;
    }
    case 'breakDown': {
      void (async () => {
        const task = taskId ? await (await repos()).tasks.get(taskId) : nextAction.getState().current?.task;
        if (task && (task.status === 'open' || task.status === 'waiting')) {
          nextAction.getState().open({ kind: 'breakDown', task, firstOnly: false });
        }
      })();
      break;
    }
  }
});

/** Once the first screen is committed its keys are bound: the keys pressed before go to them. */
function KeysBound({ children }: { children: ReactNode }): ReactNode {
  useEffect(() => releaseEarlyKeys(), []);
  return children;
}

// Mounted once the store holds the boot pick (start() took it first), so React's first commit
// replaces the painted shell with the same screen rather than an empty one.
void initial
  .catch(() => undefined)
  .then(() => {
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <StoresProvider stores={stores}>
          <KeysBound>
            <MainScreen />
          </KeysBound>
        </StoresProvider>
      </StrictMode>,
    );
  });
