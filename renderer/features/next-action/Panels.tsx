import { useState } from 'react';
import { dayKey, startOfDayKey } from '../../../shared/days';
import type { SkipReason } from '../../../shared/types';
import { morningOf, NOT_NOW_MS } from '../../store/next-action';
import { useNextAction } from '../../stores';
import { Action } from '../../ui/Action';
import { useKeys } from '../../ui/keys';
import { PanelError, TextPanel, useAutofocus } from './TextPanel';

/** A question answered with one digit key per choice. */
function ChoicePanel({
  title,
  choices,
}: {
  title: string;
  choices: { key: string; label: string; choose: () => void }[];
}) {
  const close = useNextAction((s) => s.close);
  const first = useAutofocus<HTMLDivElement>();
  useKeys({
    Escape: close,
    ...Object.fromEntries(choices.map((c) => [c.key, c.choose])),
  });
  return (
    <div className="panel fade-in" role="group" aria-label={title} ref={first} tabIndex={-1}>
      <p className="panel-title">{title}</p>
      <div className="choices">
        {choices.map((c) => (
          <Action key={c.key} keyLabel={c.key.toUpperCase()} label={c.label} onPress={c.choose} />
        ))}
      </div>
      <PanelError />
      <p className="hint">
        <kbd>Esc</kbd> cancel
      </p>
    </div>
  );
}

const REASONS: { key: string; reason: SkipReason; label: string }[] = [
  { key: '1', reason: 'too-big', label: 'Too big' },
  { key: '2', reason: 'unclear', label: 'Unclear' },
  { key: '3', reason: 'blocked', label: 'Blocked' },
  { key: '4', reason: 'not-now', label: 'Not now' },
  { key: '5', reason: 'not-important', label: 'Not important' },
];

export function SkipWhyPanel() {
  const choose = useNextAction((s) => s.chooseReason);
  return (
    <ChoicePanel
      title="What’s in the way?"
      choices={REASONS.map((r) => ({ key: r.key, label: r.label, choose: () => void choose(r.reason) }))}
    />
  );
}

export function SmallerPanel({ reason }: { reason: 'too-big' | 'unclear' }) {
  const submit = useNextAction((s) => s.submitSmaller);
  return reason === 'too-big' ? (
    <TextPanel
      title="What’s a two-minute version of it?"
      placeholder="e.g. open the doc and write one sentence"
      onSubmit={submit}
      saveLabel="make it the first step"
    />
  ) : (
    <TextPanel
      title="What’s the very next physical action?"
      placeholder="e.g. email Sam to ask what the report needs"
      onSubmit={submit}
      saveLabel="make it the first step"
    />
  );
}

export function BlockedPanel() {
  const submit = useNextAction((s) => s.submitBlocked);
  const [note, setNote] = useState<string | null>(null);
  if (note === null) {
    return (
      <TextPanel
        title="What are you waiting on?"
        placeholder="e.g. Sam’s numbers"
        onSubmit={(text) => setNote(text)}
        saveLabel="next"
      />
    );
  }
  const now = Date.now();
  return (
    <ChoicePanel
      title="Check back when?"
      choices={[
        { key: '1', label: 'Tomorrow', choose: () => void submit(note, morningOf(now, 1)) },
        { key: '2', label: 'In 3 days', choose: () => void submit(note, morningOf(now, 3)) },
        { key: '3', label: 'Next week', choose: () => void submit(note, morningOf(now, 7)) },
      ]}
    />
  );
}

export function SnoozePanel() {
  const submit = useNextAction((s) => s.submitSnooze);
  const [picking, setPicking] = useState(false);
  const now = Date.now();
  if (picking) return <DatePanel onPick={(at) => void submit(at)} />;
  return (
    <ChoicePanel
      title="Until when?"
      choices={[
        { key: '1', label: 'Later today', choose: () => void submit(now + NOT_NOW_MS) },
        { key: '2', label: 'Tomorrow', choose: () => void submit(morningOf(now, 1)) },
        { key: '3', label: 'Pick a date', choose: () => setPicking(true) },
      ]}
    />
  );
}

function DatePanel({ onPick }: { onPick: (at: number) => void }) {
  const close = useNextAction((s) => s.close);
  const input = useAutofocus<HTMLInputElement>();
  const tomorrow = dayKey(morningOf(Date.now(), 1));
  const [value, setValue] = useState(tomorrow);
  const pick = (): void => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) onPick(startOfDayKey(value) + 9 * 60 * 60_000);
  };
  return (
    <div className="panel fade-in" role="group" aria-label="Pick a date">
      <label className="panel-title" htmlFor="snooze-date">
        Bring it back on
      </label>
      <input
        id="snooze-date"
        ref={input}
        className="field date"
        type="date"
        min={tomorrow}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') pick();
          if (e.key === 'Escape') close();
        }}
      />
      <PanelError />
      <p className="hint">
        <kbd>Enter</kbd> snooze until that morning · <kbd>Esc</kbd> cancel
      </p>
    </div>
  );
}

export function BreakDownPanel({ title, firstOnly }: { title: string; firstOnly: boolean }) {
  const submit = useNextAction((s) => s.submitBreakDown);
  return firstOnly ? (
    <TextPanel
      title="What’s the first two-minute step?"
      placeholder="e.g. open the file"
      onSubmit={submit}
      saveLabel="save the step"
    />
  ) : (
    <TextPanel
      title={`Break “${title}” into steps`}
      placeholder={'One step per line, smallest first\ne.g. find last year’s numbers ~5m'}
      multiline
      onSubmit={submit}
      saveLabel="save the steps"
    />
  );
}

export function CompleteParentPanel({ title }: { title: string }) {
  const answer = useNextAction((s) => s.completeParent);
  return (
    <ChoicePanel
      title={`That was the last step of “${title}”. Mark it done too?`}
      choices={[
        { key: 'y', label: 'Yes, done', choose: () => void answer(true) },
        { key: 'n', label: 'Not yet', choose: () => void answer(false) },
      ]}
    />
  );
}

export function SwitchFocusPanel({
  running,
  next,
  onSwitch,
}: {
  running: string;
  next: string;
  onSwitch: () => void;
}) {
  const close = useNextAction((s) => s.close);
  return (
    <ChoicePanel
      title={`Focus on “${running}” is running. Switch to “${next}”?`}
      choices={[
        { key: 's', label: 'Switch (stops the current session)', choose: onSwitch },
        { key: 'k', label: 'Keep the current one', choose: close },
      ]}
    />
  );
}

/** E: the next action's title, as plain text (no quick-add parsing), prefilled and selected. */
export function RenamePanel({ title }: { title: string }) {
  const submit = useNextAction((s) => s.submitRename);
  return (
    <TextPanel
      title="Edit the title"
      placeholder="The task, in a few words"
      initial={title}
      onSubmit={submit}
    />
  );
}
