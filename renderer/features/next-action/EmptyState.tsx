import { useRef, useState } from 'react';
import { useNextAction, useSettings } from '../../stores';
import { prettyAccelerator } from '../../ui/keyNames';

/** The empty state's field: A puts the cursor there (MainScreen). */
export const CAPTURE_ID = 'capture';

/** Nothing open: one inviting input, and nothing else asking for attention. */
export function EmptyState({ allSetAside, onBringBack }: { allSetAside: boolean; onBringBack: () => void }) {
  const add = useNextAction((s) => s.add);
  const busy = useNextAction((s) => s.busy);
  const error = useNextAction((s) => s.panelError);
  const capture = useSettings((s) => s.view?.shortcuts.quickAdd);
  const [text, setText] = useState('');
  // Not focused on its own: the keys the window shows (H, R, U…) must work, not type letters.
  const input = useRef<HTMLInputElement>(null);

  const submit = async (): Promise<void> => {
    if (await add(text)) setText('');
    input.current?.focus();
  };

  return (
    <section className="card empty" aria-label="Nothing next">
      <h1 className="reason">
        {allSetAside ? 'Everything else is set aside for now.' : 'Nothing waiting. A clean start.'}
      </h1>
      <input
        ref={input}
        id={CAPTURE_ID}
        className="big-input"
        value={text}
        placeholder="What’s one small thing you could start?"
        aria-label="What’s one small thing you could start?"
        maxLength={1000}
        disabled={busy}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void submit();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            input.current?.blur();
          }
        }}
      />
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : (
        <p className="hint">
          <kbd>A</kbd> type here, like “call Sam tomorrow 5pm ~15m”
          {/* The capture shortcut, named once; where it cannot work, the link and command line. */}
          {capture &&
            (capture.registered ? (
              <>
                {' '}
                · from anywhere: <kbd>{prettyAccelerator(capture.accelerator)}</kbd>
              </>
            ) : (
              <>
                {' '}
                · from anywhere: a <code>kinetic://add?text=…</code> link or <code>kinetic --add "…"</code>
              </>
            ))}
          {allSetAside && (
            <>
              {' '}
              ·{' '}
              <button type="button" className="link" onClick={onBringBack}>
                bring back what you set aside
              </button>
            </>
          )}
        </p>
      )}
    </section>
  );
}
