/**
 * Keys pressed on the boot script's frame, before React has bound them: the frame shows the
 * actions and their keys at once, so a key pressed then is held here and handed to the app once
 * its keys are bound, in the order pressed (useKeys treats them like any other).
 */

declare global {
  interface Window {
    /** Hands the held keys to the window's listeners, and holds no more (see holdEarlyKeys). */
    __kineticReleaseKeys?: () => void;
  }
}

/** Enough for a quick burst; more than that before the app loads is not a plan. */
const MOST = 16;

/** Called by the boot script, first thing: holds single keys (no Ctrl, Cmd or Alt) until released. */
export function holdEarlyKeys(): void {
  const held: KeyboardEventInit[] = [];
  const hold = (event: KeyboardEvent): void => {
    if (event.repeat || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.length !== 1 && event.key !== 'Enter' && event.key !== 'Escape') return;
    // Nothing else is listening yet; this keeps a listener bound meanwhile from seeing it twice.
    event.stopImmediatePropagation();
    if (held.length < MOST) held.push({ key: event.key, code: event.code, shiftKey: event.shiftKey });
  };
  window.addEventListener('keydown', hold, true);
  window.__kineticReleaseKeys = () => {
    window.removeEventListener('keydown', hold, true);
    window.__kineticReleaseKeys = undefined;
    for (const init of held.splice(0)) {
      window.dispatchEvent(new KeyboardEvent('keydown', { ...init, bubbles: true, cancelable: true }));
    }
  };
}

/** Called by the app once its first screen is committed (its keys are bound then). */
export function releaseEarlyKeys(): void {
  window.__kineticReleaseKeys?.();
}
