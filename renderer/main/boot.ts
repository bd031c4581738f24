/**
 * The main window's first script: a few kilobytes that start reading the next action from
 * IndexedDB while React is still downloading and compiling. main.tsx picks the answer up.
 */
import { bootPick } from '../db/boot';
import type { NextAction } from '../../shared/nextAction';

declare global {
  interface Window {
    __kineticBoot?: Promise<NextAction | null | undefined>;
  }
}

window.__kineticBoot = bootPick(Date.now());
