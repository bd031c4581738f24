import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/base.css';
import './main.css';
import { createRepositories } from '../db';
import { kinetic } from '../ipc';
import { createNextActionStore } from '../store/nextAction';
import { createFocusStore } from '../store/focus';
import { createSettingsStore } from '../store/settings';
import { startOutbox } from '../store/focus/outbox';
import { StoresProvider, type Stores } from '../stores';
import { MainScreen } from '../features/next-action/MainScreen';

const repos = createRepositories();
const nextAction = createNextActionStore({
  repos,
  now: () => Date.now(),
  report: (task) => void kinetic.nextAction.report({ task }).catch(() => undefined),
  // The parser (and chrono) load on first use, keeping the first paint small.
  parse: async (text, now) => (await import('../../shared/quickAdd')).parseQuickAdd(text, now),
});
const focus = createFocusStore(kinetic);
const settings = createSettingsStore(kinetic);
const stores: Stores = { repos, nextAction, focus, settings };

nextAction.getState().start();
focus.getState().start();
settings.getState().start();
startOutbox(kinetic, repos, (error) => console.error('Could not write focus sessions:', error));

kinetic.app.onCommand(({ command, taskId }) => {
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
    case 'breakDown': {
      void (async () => {
        const task = taskId ? await repos.tasks.get(taskId) : nextAction.getState().current?.task;
        if (task && (task.status === 'open' || task.status === 'waiting')) {
          nextAction.getState().open({ kind: 'breakDown', task, firstOnly: false });
        }
      })();
      break;
    }
  }
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoresProvider stores={stores}>
      <MainScreen />
    </StoresProvider>
  </StrictMode>,
);
