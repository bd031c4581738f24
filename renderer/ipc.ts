import type { KineticApi } from '../shared/api';

/** The typed bridge to the main process (window.kinetic, installed by the preload). */
export const kinetic: KineticApi = window.kinetic;

/** A message for the user from any error (IPC refusals carry a `[code]` prefix, dropped here). */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error invoking remote method '[^']*': /, '').replace(/^\[[\w-]+\] [\w:]+: /, '');
}
