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

/** Enough for a few words typed into a field a key opens (E: the title); more is not a plan. */
const MOST = 120;

/** A field that takes typed text (not a date picker, a button or the page). */
function textField(element: Element | null): HTMLInputElement | HTMLTextAreaElement | null {
  if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)) return null;
  return element.selectionStart === null ? null : element;
}

/**
 * Hands the held keys over one at a time, a turn apart: a key may open a field (E edits the
 * title), and what was typed after it is then text for that field, as it would have been had the
 * app been there, not keys for the screen ("d" must not mark the task done).
 */
async function replay(keys: KeyboardEventInit[]): Promise<void> {
  for (const init of keys) {
    const field = textField(document.activeElement);
    if (field && init.key!.length === 1) {
      // Replaces the selection as typing does; the input event tells React, as typing does.
      field.setRangeText(init.key!, field.selectionStart!, field.selectionEnd!, 'end');
      field.dispatchEvent(new Event('input', { bubbles: true }));
      continue;
    }
    (field ?? window).dispatchEvent(
      new KeyboardEvent('keydown', { ...init, bubbles: true, cancelable: true }),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

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
    void replay(held.splice(0));
  };
}

/** Called by the app once its first screen is committed (its keys are bound then). */
export function releaseEarlyKeys(): void {
  window.__kineticReleaseKeys?.();
}
