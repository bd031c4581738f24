import '../reportErrors';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/base.css';
import './focus.css';
import { createRepositories } from '../db';
import { kinetic } from '../ipc';
import { createFocusStore } from '../store/focus';
import { FocusWindow } from '../features/focus/FocusWindow';

const store = createFocusStore(kinetic);
store.getState().start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FocusWindow store={store} repos={createRepositories()} />
  </StrictMode>,
);
