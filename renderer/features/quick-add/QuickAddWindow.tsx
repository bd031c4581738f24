import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { QuickAddState } from '../../store/quick-add';
import { QuickAddForm } from './QuickAddForm';

/** The small always-on-top capture window: type, Enter, gone. */
export function QuickAddWindow({ store }: { store: StoreApi<QuickAddState> }) {
  const draft = useStore(store, (s) => s.draft);
  const cut = useStore(store, (s) => s.cut);
  const busy = useStore(store, (s) => s.busy);
  const error = useStore(store, (s) => s.error);
  const lastSaved = useStore(store, (s) => s.lastSaved);
  const waitingDrafts = useStore(store, (s) => s.waitingDrafts);
  const shownAt = useStore(store, (s) => s.shownAt);
  const estimateRatio = useStore(store, (s) => s.estimateRatio);
  const ratioRead = useStore(store, (s) => s.estimateRatioRead);
  const { setDraft, save, hide } = store.getState();
  const input = useRef<HTMLInputElement>(null);
  // One quiet line under the form: a kept draft matters more than the last save.
  const next = waitingDrafts.at(-1);
  const more = waitingDrafts.length - 1;
  const status = error
    ? null
    : next !== undefined
      ? `Kept for after this one: “${next.trim()}”${more > 0 ? ` and ${more} more` : ''}`
      : lastSaved && `Saved “${lastSaved}”. Next one?`;

  useEffect(() => {
    input.current?.focus();
  }, [shownAt]);

  return (
    <main className="qa-window" aria-label="Quick add" data-calibration={ratioRead ? 'read' : 'pending'}>
      <h1 className="visually-hidden">Quick add</h1>
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
        estimateRatio={estimateRatio}
        stayHint
        cut={cut}
      />
      {status && (
        <p className="qa-saved" role="status">
          {status}
        </p>
      )}
    </main>
  );
}
