import '../../reportErrors';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../styles/base.css';
import '../main/main.css';
import './quick-add.css';
import { openRepositories } from '../../db';
import { kinetic } from '../../ipc';
import { parseQuickAdd } from '../../../shared/quickAdd';
import { createQuickAddStore } from '../../store/quick-add';
import { loadCalibration } from '../../store/momentum';
import { QuickAddWindow } from '../../features/quick-add/QuickAddWindow';

const { repos } = openRepositories(kinetic.oplog);
const store = createQuickAddStore({
  repos,
  api: kinetic,
  now: () => Date.now(),
  parse: parseQuickAdd,
  estimateRatio: async () => (await loadCalibration(repos, Date.now())).ratio,
});

// Text from `kinetic --add` or a kinetic:// link may have arrived before this page loaded.
store.getState().start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QuickAddWindow store={store} />
  </StrictMode>,
);
