import { useLayoutEffect, useRef } from 'react';

export type KeyHandler = (event: KeyboardEvent) => void;

/** True when typing into a field: single-key shortcuts must not fire then. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  );
}

/** The binding name of a key event: `d`, `Enter`, `Escape`, `mod+z`, `,`. */
export function keyName(event: KeyboardEvent): string {
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const mod = event.ctrlKey || event.metaKey;
  return mod ? `mod+${key}` : key;
}

/**
 * Single-key shortcuts for the whole window while `enabled`. Ignored while typing in a field
 * (except `Escape`), with Alt held, or when a key repeats. Bound as the screen is committed (a
 * layout effect), so a key pressed right after the one that changed the screen is not lost.
 */
export function useKeys(bindings: Record<string, KeyHandler>, enabled = true): void {
  const ref = useRef(bindings);
  ref.current = bindings;
  useLayoutEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.altKey || event.repeat) return;
      const name = keyName(event);
      if (isTyping(event.target) && name !== 'Escape') return;
      const handler = ref.current[name];
      if (!handler) return;
      event.preventDefault();
      handler(event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
