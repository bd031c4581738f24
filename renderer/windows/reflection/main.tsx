import '../../reportErrors';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../styles/base.css';
import './reflection.css';
import { openRepositories } from '../../db';
import { kinetic } from '../../ipc';
import { createReflectionStore } from '../../store/reflection';
import { ReflectionWindow } from '../../features/reflection/ReflectionWindow';

const store = createReflectionStore({
  repos: openRepositories(kinetic.oplog).repos,
  api: kinetic,
  now: () => Date.now(),
  // The parser (and chrono) load when the step is saved.
  parse: async (text, now) => (await import('../../../shared/quickAdd')).parseQuickAdd(text, now),
});
store.getState().start();
// The window is created once and shown again each evening: refresh the numbers when it is shown.
const refresh = (): void => {
  if (document.visibilityState === 'visible') void store.getState().load();
};
document.addEventListener('visibilitychange', refresh);
window.addEventListener('focus', refresh);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ReflectionWindow store={store} />
  </StrictMode>,
);
