import '../../reportErrors';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../styles/base.css';
import './focus.css';
import { openRepositories } from '../../db';
import { kinetic } from '../../ipc';
import { createFocusStore } from '../../store/focus';
import { createSettingsStore } from '../../store/settings';
import { FocusWindow } from '../../features/focus/FocusWindow';

const { repos } = openRepositories(kinetic.oplog);
const store = createFocusStore({ api: kinetic, repos: () => Promise.resolve(repos) });
const settingsStore = createSettingsStore({ api: kinetic });
store.getState().start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FocusWindow store={store} settingsStore={settingsStore} />
  </StrictMode>,
);
