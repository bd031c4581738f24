import { useMemo, useState, type RefObject } from 'react';
import { parseQuickAdd } from '../../../shared/quickAdd';
import { QUICK_ADD_MAX_TEXT, capQuickAddText } from '../../../shared/text';
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
  /** The value was cut to QUICK_ADD_MAX_TEXT before it got here (text from a link). */
  cut?: boolean;
  /** Shown beside the estimate chip when notable (shared/momentumView.ts). */
  estimateRatio?: number | null;
}

export const QUICK_ADD_CUT_NOTE = `Only the first ${QUICK_ADD_MAX_TEXT.toLocaleString('en-US')} characters are kept.`;

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
  cut = false,
  estimateRatio = null,
}: Props) {
  const parsed = useMemo(() => parseQuickAdd(value, new Date(now)), [value, now]);
  // Cut here, not by the input's maxLength: a paste cut silently would lose text unseen.
  const [cutHere, setCutHere] = useState(false);
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
        spellCheck
        autoFocus
        onChange={(e) => {
          const capped = capQuickAddText(e.target.value);
          setCutHere(capped.cut);
          onChange(capped.text);
        }}
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
        {(cut || cutHere) && value !== '' ? (
          <p className="qa-cut" role="status">
            {QUICK_ADD_CUT_NOTE}
          </p>
        ) : null}
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
