import '../reportErrors';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/base.css';
import '../main/main.css';
import './quick-add.css';
import { openRepositories } from '../db';
import { kinetic } from '../ipc';
import { parseQuickAdd } from '../../shared/quickAdd';
import { createQuickAddStore } from '../store/quickAdd';
import { QuickAddWindow } from '../features/quick-add/QuickAddWindow';

const store = createQuickAddStore({
  repos: openRepositories(kinetic.oplog).repos,
  api: kinetic,
  now: () => Date.now(),
  parse: parseQuickAdd,
});

// Text from `kinetic --add` or a kinetic:// link may have arrived before this page loaded.
void store.getState().shown();
kinetic.quickAdd.onShown(() => void store.getState().shown());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QuickAddWindow store={store} />
  </StrictMode>,
);
