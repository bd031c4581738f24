/**
 * Sends this window's uncaught errors and unhandled rejections to main's log
 * (`log:rendererError`). Imported first by each window's entry. Reporting never throws.
 */
import type { RendererError } from '../shared/ipc';
import { kinetic } from './ipc';

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function report(kind: RendererError['kind'], reason: unknown): void {
  const error = reason instanceof Error ? reason : null;
  const message = clip(error ? `${error.name}: ${error.message}` : String(reason), 2000);
  const stack = error?.stack ? clip(error.stack, 8000) : null;
  kinetic.log.rendererError({ kind, message, stack }).catch(() => undefined);
}

window.addEventListener('error', (event) => report('error', event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => report('rejection', event.reason));
