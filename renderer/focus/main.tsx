import '../reportErrors';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/base.css';
import './focus.css';
import { openRepositories } from '../db';
import { kinetic } from '../ipc';
import { createFocusStore } from '../store/focus';
import { FocusWindow } from '../features/focus/FocusWindow';

const store = createFocusStore(kinetic);
const { repos } = openRepositories(kinetic.oplog);
store.getState().start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FocusWindow store={store} repos={repos} />
  </StrictMode>,
);
