import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { QuickAddState } from '../../store/quickAdd';
import { QuickAddForm } from './QuickAddForm';

/** The small always-on-top capture window: type, Enter, gone. */
export function QuickAddWindow({ store }: { store: StoreApi<QuickAddState> }) {
  const draft = useStore(store, (s) => s.draft);
  const busy = useStore(store, (s) => s.busy);
  const error = useStore(store, (s) => s.error);
  const lastSaved = useStore(store, (s) => s.lastSaved);
  const earlierDraft = useStore(store, (s) => s.earlierDraft);
  const shownAt = useStore(store, (s) => s.shownAt);
  const { setDraft, save, hide } = store.getState();
  const input = useRef<HTMLInputElement>(null);
  // One quiet line under the form: a kept draft matters more than the last save.
  const status = error
    ? null
    : earlierDraft !== null
      ? `Kept for after this one: “${earlierDraft.trim()}”`
      : lastSaved && `Saved “${lastSaved}”. Next one?`;

  useEffect(() => {
    input.current?.focus();
  }, [shownAt]);

  return (
    <main className="qa-window" aria-label="Quick add">
      <QuickAddForm
        value={draft}
        onChange={setDraft}
        onSubmit={(stay) => {
          void save(stay).then(() => input.current?.focus());
        }}
        onCancel={() => void hide()}
        busy={busy}
        error={error}
        now={Date.now()}
        inputRef={input}
        stayHint
      />
      {status && (
        <p className="qa-saved" role="status">
          {status}
        </p>
      )}
    </main>
  );
}
