import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useNextAction } from '../../stores';

/** The panels' shared parts: the error line, the field that takes the cursor, one text field. */

export function PanelError() {
  const error = useNextAction((s) => s.panelError);
  return error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
}

/** Focuses the element once mounted; `select` also selects a field's text, to be typed over. */
export function useAutofocus<T extends HTMLElement>(select = false) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const element = ref.current;
    element?.focus();
    if (select && (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)) {
      element.select();
    }
  }, [select]);
  return ref;
}

/**
 * One text field: Enter saves (Ctrl/Cmd+Enter in a multi-line field), Esc cancels. `initial`
 * prefills it, selected.
 */
export function TextPanel({
  title,
  placeholder,
  multiline,
  onSubmit,
  saveLabel = 'save',
  initial = '',
}: {
  title: string;
  placeholder: string;
  multiline?: boolean;
  initial?: string;
  onSubmit: (text: string) => Promise<boolean> | void;
  saveLabel?: string;
}) {
  const close = useNextAction((s) => s.close);
  const busy = useNextAction((s) => s.busy);
  const [text, setText] = useState(initial);
  const input = useAutofocus<HTMLInputElement & HTMLTextAreaElement>(initial !== '');
  const onKeyDown = (e: ReactKeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void onSubmit(text);
    }
  };
  const Field = multiline ? 'textarea' : 'input';
  return (
    <div className="panel fade-in" role="group" aria-label={title}>
      <label className="panel-title" htmlFor="panel-field">
        {title}
      </label>
      <Field
        id="panel-field"
        ref={input}
        className="field"
        rows={multiline ? 4 : undefined}
        value={text}
        placeholder={placeholder}
        disabled={busy}
        maxLength={multiline ? 20000 : 1000}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <PanelError />
      <p className="hint">
        <kbd>{multiline ? 'Ctrl+Enter' : 'Enter'}</kbd> {saveLabel} · <kbd>Esc</kbd> cancel
      </p>
    </div>
  );
}
