/** The ARIA (UI Events) names of keys shown by a shorter or symbolic label. */
const ARIA_KEYS: Record<string, string> = {
  Esc: 'Escape',
  '⌫': 'Backspace',
  // "+" separates keys in aria-keyshortcuts; the unshifted key on the same cap works too.
  '+': '=',
  Ctrl: 'Control',
  '↑': 'ArrowUp',
  '↓': 'ArrowDown',
};

/** A shown key label as an `aria-keyshortcuts` value: "Esc" → "Escape", "Ctrl+Enter" → "Control+Enter". */
export function ariaKeys(keyLabel: string): string {
  if (keyLabel === '+') return ARIA_KEYS['+']!;
  return keyLabel
    .split('+')
    .map((k) => ARIA_KEYS[k] ?? k)
    .join('+');
}

/** An Electron accelerator as shown: `CommandOrControl+Shift+Space` → `Ctrl+Shift+Space` (⌘ on macOS). */
export const prettyAccelerator = (accelerator: string): string =>
  accelerator.replace(/CommandOrControl/g, navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl');
