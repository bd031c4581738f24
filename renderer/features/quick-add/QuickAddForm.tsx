import { useMemo, type RefObject } from 'react';
import { parseQuickAdd } from '../../../shared/quickAdd';
import { Chips } from './Chips';

export const QUICK_ADD_PLACEHOLDER = 'Add a task — “call Sam tomorrow 5pm ~15m #work !1”';

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** `stay`: save and keep the form open for the next one. */
  onSubmit: (stay: boolean) => void;
  onCancel: () => void;
  busy: boolean;
  error: string | null;
  now: number;
  inputRef?: RefObject<HTMLInputElement | null>;
  stayHint?: boolean;
  /** Shown beside the estimate chip when notable (shared/momentumView.ts). */
  estimateRatio?: number | null;
}

/** The quick-add input with a live preview of what was understood. */
export function QuickAddForm({
  value,
  onChange,
  onSubmit,
  onCancel,
  busy,
  error,
  now,
  inputRef,
  stayHint,
  estimateRatio = null,
}: Props) {
  const parsed = useMemo(() => parseQuickAdd(value, new Date(now)), [value, now]);
  return (
    <div className="quick-add">
      <input
        ref={inputRef}
        className="qa-input"
        value={value}
        placeholder={QUICK_ADD_PLACEHOLDER}
        aria-label="New task"
        aria-invalid={error ? true : undefined}
        aria-describedby="qa-feedback"
        maxLength={10000}
        spellCheck
        autoFocus
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (!busy) onSubmit(e.ctrlKey || e.metaKey);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
        }}
      />
      <div className="qa-below" id="qa-feedback">
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : (
          <Chips parsed={parsed} now={now} estimateRatio={estimateRatio} />
        )}
      </div>
      <p className="hint qa-hint">
        <kbd>Enter</kbd> save
        {stayHint ? (
          <>
            {' '}
            · <kbd>Ctrl+Enter</kbd> save &amp; next
          </>
        ) : null}{' '}
        · <kbd>Esc</kbd> {stayHint ? 'hide' : 'cancel'}
      </p>
    </div>
  );
}
