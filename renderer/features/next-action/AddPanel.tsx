import { useState } from 'react';
import { useNextAction } from '../../stores';
import { QuickAddForm } from '../quick-add/QuickAddForm';

/** "A": add a task from the main window, with the same preview as the quick-add window. */
export default function AddPanel() {
  const add = useNextAction((s) => s.add);
  const close = useNextAction((s) => s.close);
  const busy = useNextAction((s) => s.busy);
  const error = useNextAction((s) => s.panelError);
  const [text, setText] = useState('');
  return (
    <div className="panel add-panel fade-in" role="group" aria-label="Add a task">
      <QuickAddForm
        value={text}
        onChange={setText}
        busy={busy}
        error={error}
        now={Date.now()}
        onCancel={close}
        onSubmit={() => {
          void add(text).then((ok) => ok && setText(''));
        }}
      />
    </div>
  );
}
