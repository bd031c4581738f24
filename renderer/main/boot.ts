/**
 * The main window's first script, a classic one at the top of <head> (electron.vite.config.ts):
 * it reads the next action from IndexedDB and paints it with the plain DOM (shell.ts) before
 * React has loaded. main.ts waits for it; app.tsx picks the answer up.
 */
import { bootPick } from '../db/boot';
import type { NextAction } from '../../shared/nextAction';
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

const now = Date.now();
const picked = bootPick(now);
// IndexedDB takes a while to open: meanwhile, create the bindings the pick uses next (their
// first use costs a few milliseconds).
void [IDBKeyRange.lowerBound(0), IDBTransaction, IDBObjectStore, IDBIndex, IDBRequest];

window.__kineticBoot = picked.then(async (next) => {
  // Where the first frame's time goes, for the benchmark (User Timing).
  performance.mark('kinetic:boot-read');
  if (!next) return next;
  await parsed();
  const root = document.getElementById('root');
  if (root && root.childElementCount === 0) {
    try {
      paintAction(paintFrame(root), next, now);
      // Lay it out now rather than when the next frame starts: that frame then only paints.
      void root.offsetHeight;
      performance.mark('kinetic:boot-painted');
    } catch {
      root.replaceChildren(); // React paints it instead
    }
  }
  return next;
});
