/**
 * The main window's first script, a classic one at the top of <head> (electron.vite.config.ts):
 * it reads the next action from IndexedDB and paints it with the plain DOM (shell.ts) before
 * React has loaded. main.ts waits for it; app.tsx picks the answer up.
 *
 * IndexedDB takes a while to open, so the script first paints the pick over the copy of the
 * pick's front that the last pick left (db/boot.ts `snapshotPick`), as soon as the page is parsed.
 * When IndexedDB answers, that frame stays if it shows the same action, and is repainted if not.
 */
import { bootPick, snapshotPick } from '../../db/boot';
import type { NextAction } from '../../../shared/nextAction';
import { holdEarlyKeys } from './earlyKeys';
import { hintedPolicy } from './policy';
import { paintAction, paintFrame } from './shell';

declare global {
  interface Window {
    /** The boot pick, settled once it is painted (undefined: nothing read, React will). */
    __kineticBoot?: Promise<NextAction | null | undefined>;
  }
}

/** The page below this script is parsed by the time IndexedDB answers, but not for certain. */
const parsed = (): Promise<void> =>
  document.readyState === 'loading'
    ? new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }))
    : Promise.resolve();

holdEarlyKeys();
const now = Date.now();
const policy = hintedPolicy();
const picked = bootPick(now, policy);
const early = snapshotPick(now, undefined, undefined, policy);
// IndexedDB takes a while to open: meanwhile, create the bindings the pick uses next (their
// first use costs a few milliseconds).
void [IDBKeyRange.lowerBound(0), IDBTransaction, IDBObjectStore, IDBIndex, IDBRequest];

/** What the boot script has painted (as JSON), if anything. */
let painted: string | null = null;
/** Whether IndexedDB has answered: from then on its answer is the one painted. */
let answered = false;

/** Paints `next` into #root, replacing what the boot script painted before (never anything else). */
function paint(next: NextAction): void {
  const root = document.getElementById('root');
  if (!root || (root.childElementCount > 0 && painted === null)) return;
  root.replaceChildren();
  try {
    paintAction(paintFrame(root), next, now);
    // Lay it out now rather than when the next frame starts: that frame then only paints.
    void root.offsetHeight;
    painted = JSON.stringify(next);
    performance.mark('kinetic:boot-painted');
  } catch {
    root.replaceChildren(); // React paints it instead
    painted = null;
  }
}

void early.then(async (next) => {
  if (!next) return;
  await parsed();
  if (!answered) paint(next);
});

window.__kineticBoot = picked.then(async (next) => {
  answered = true;
  // Where the first frame's time goes, for the benchmark (User Timing).
  performance.mark('kinetic:boot-read');
  await parsed();
  if (next) {
    if (painted !== JSON.stringify(next)) paint(next);
  } else if (painted !== null) {
    // Nothing to do, or nothing read: what the copy showed is not so. React paints the window.
    document.getElementById('root')?.replaceChildren();
    painted = null;
  }
  return next;
});
