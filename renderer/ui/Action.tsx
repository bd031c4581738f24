import { ariaKeys } from './keyNames';

interface ActionProps {
  /** The key that triggers it, as shown: "Enter", "D", "Esc". */
  keyLabel: string;
  label: string;
  onPress: () => void;
  primary?: boolean;
  disabled?: boolean;
}

/**
 * A button that shows its one-key shortcut. Its accessible name is the label alone (the key is
 * hidden from it and given as aria-keyshortcuts), so "Done", not "D Done".
 */
export function Action({ keyLabel, label, onPress, primary, disabled }: ActionProps) {
  return (
    <button
      type="button"
      className={primary ? 'action primary' : 'action'}
      onClick={onPress}
      disabled={disabled}
      aria-keyshortcuts={ariaKeys(keyLabel)}
    >
      <kbd aria-hidden="true">{keyLabel}</kbd>
      <span>{label}</span>
    </button>
  );
}
