/**
 * The settings the next-action policy depends on, for the main window's picks. The settings live
 * in main and arrive after the first paint; the boot script's pick uses the value last seen, kept
 * in localStorage, and the store picks again as soon as the real one arrives (or changes).
 */
// Only zod-free modules: the boot script, which paints the first frame, imports this.
import { DEFAULT_DUE_FIRST_MS, DUE_FIRST_CHOICES, type PolicyOptions } from '../../../shared/nextAction';
import type { Settings } from '../../../shared/settings';

type Policy = Pick<PolicyOptions, 'dueFirstMs'>;

const HINT_KEY = 'kinetic:dueFirstMinutes';

export const policyOf = (settings: Pick<Settings, 'dueFirstMinutes'>): Policy => ({
  dueFirstMs: settings.dueFirstMinutes * 60_000,
});

/** The policy as last seen in this profile (the default when never seen, or storage is denied). */
export function hintedPolicy(): Policy {
  try {
    const minutes = Number(localStorage.getItem(HINT_KEY));
    if ((DUE_FIRST_CHOICES as readonly number[]).includes(minutes))
      return policyOf({ dueFirstMinutes: minutes });
  } catch {
    // Storage denied: the default until main's settings arrive.
  }
  return { dueFirstMs: DEFAULT_DUE_FIRST_MS };
}

export function rememberPolicy(settings: Pick<Settings, 'dueFirstMinutes'>): void {
  try {
    localStorage.setItem(HINT_KEY, String(settings.dueFirstMinutes));
  } catch {
    // Full or denied: the next start paints with the default, then corrects.
  }
}
