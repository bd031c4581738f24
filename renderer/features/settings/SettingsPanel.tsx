import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { DUE_FIRST_CHOICES, type ShortcutState } from '../../../shared/settings';
import { describeAuto, describeStorage } from '../../store/backup';
import { useBackup, useFocus, useSettings } from '../../stores';
import { Action } from '../../ui/Action';
import { useKeys } from '../../ui/keys';
import { DesktopSettings } from './DesktopSettings';
import { SyncSettings } from './SyncSettings';
import { prettyAccelerator } from '../../ui/keyNames';
import { FocusLengthSuggestion } from './FocusLengthSuggestion';

const MODIFIERS = new Set(['Control', 'Meta', 'Alt', 'Shift', 'AltGraph', 'CapsLock', 'Tab']);

/** Turns a key press into an Electron accelerator: Ctrl+Shift+Space → CommandOrControl+Shift+Space. */
export function acceleratorOf(
  e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): string | null {
  if (MODIFIERS.has(e.key)) return null;
  const parts: string[] = [];
  if (e.ctrlKey || e.metaKey) parts.push('CommandOrControl');
  if (e.altKey) parts.push('Alt');
  if (e.shiftKey) parts.push('Shift');
  if (parts.length === 0) return null;
  let key = e.code.startsWith('Key') ? e.code.slice(3) : e.code.startsWith('Digit') ? e.code.slice(5) : e.key;
  if (key === ' ' || e.code === 'Space') key = 'Space';
  if (key.length === 1) key = key.toUpperCase();
  parts.push(key);
  return parts.join('+');
}

const pretty = prettyAccelerator;

function ShortcutField({
  label,
  state,
  onChange,
}: {
  label: string;
  state: ShortcutState;
  onChange: (a: string) => void;
}) {
  const [recording, setRecording] = useState(false);
  const onKeyDown = (e: ReactKeyboardEvent<HTMLButtonElement>): void => {
    if (!recording) return;
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'Escape') return setRecording(false);
    const accelerator = acceleratorOf(e.nativeEvent);
    if (accelerator) {
      setRecording(false);
      onChange(accelerator);
    }
  };
  return (
    <div className="setting">
      <span className="setting-label">{label}</span>
      <button
        type="button"
        className={`shortcut ${recording ? 'recording' : ''}`}
        aria-label={`${label}: ${pretty(state.accelerator)}. Press to change.`}
        onClick={() => setRecording(true)}
        onBlur={() => setRecording(false)}
        onKeyDown={onKeyDown}
      >
        {recording ? 'Press the new keys…' : pretty(state.accelerator)}
      </button>
      {state.problem && (
        <p className="setting-problem" role="alert">
          {state.problem}
        </p>
      )}
      {state.note && <p className="setting-note quiet">{state.note}</p>}
    </div>
  );
}

/** Back up everything to a file, or restore from one (merging: nothing here is lost). */
function YourData() {
  const busy = useBackup((s) => s.busy);
  const error = useBackup((s) => s.error);
  const notice = useBackup((s) => s.notice);
  const auto = useBackup((s) => s.auto);
  const storage = useBackup((s) => s.storage);
  const start = useBackup((s) => s.start);
  const backUp = useBackup((s) => s.backUp);
  const restore = useBackup((s) => s.restore);
  useEffect(() => start(), [start]);
  useKeys({ b: () => void backUp(), o: () => void restore() });
  return (
    <div className="setting">
      <span className="setting-label">Your data</span>
      <span className="setting-row">
        <Action keyLabel="B" label="Back up…" onPress={() => void backUp()} disabled={busy !== null} />
        <Action
          keyLabel="O"
          label="Restore from a backup…"
          onPress={() => void restore()}
          disabled={busy !== null}
        />
      </span>
      <p className={error ? 'error' : 'setting-note'} role="status" aria-live="polite">
        {busy === 'saving' ? 'Backing up…' : busy === 'restoring' ? 'Restoring…' : (error ?? notice ?? '')}
      </p>
      {auto && <p className="setting-note quiet">{describeAuto(auto)}</p>}
      {storage && <p className="setting-note quiet">{describeStorage(storage)}</p>}
    </div>
  );
}

export default function SettingsPanel({ onClose }: { onClose: () => void }) {
  const endedBetween = useFocus((s) => s.endedBetween);
  const view = useSettings((s) => s.view);
  const update = useSettings((s) => s.update);
  const error = useSettings((s) => s.error);
  // Focus lands on the screen's heading when it opens.
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = view !== null;
  useEffect(() => {
    if (shown) heading.current?.focus();
  }, [shown]);
  if (!view) return null;
  const { settings, shortcuts } = view;
  return (
    <div className="panel settings fade-in" role="group" aria-label="Settings">
      <h1 className="panel-title" ref={heading} tabIndex={-1}>
        Settings
      </h1>
      <ShortcutField
        label="Quick add, from anywhere"
        state={shortcuts.quickAdd}
        onChange={(a) => void update({ quickAddShortcut: a })}
      />
      <ShortcutField
        label="Start or pause focus, from anywhere"
        state={shortcuts.focus}
        onChange={(a) => void update({ focusShortcut: a })}
      />
      <label className="setting">
        <span className="setting-label">Focus session length</span>
        <select
          className="field small"
          value={settings.focusMinutes}
          onChange={(e) => void update({ focusMinutes: Number(e.target.value) })}
        >
          {[...new Set([5, 10, 15, 20, 25, 30, 45, 50, 60, 90, settings.focusMinutes])]
            .sort((a, b) => a - b)
            .map((m) => (
              <option key={m} value={m}>
                {m} minutes
              </option>
            ))}
        </select>
      </label>
      <FocusLengthSuggestion endedBetween={endedBetween} settings={settings} update={update} keys />
      <div className="setting">
        <span className="setting-label">Daily reflection</span>
        <span className="setting-row">
          <input
            id="reflection-on"
            type="checkbox"
            checked={settings.reflectionEnabled}
            onChange={(e) => void update({ reflectionEnabled: e.target.checked })}
          />
          <label htmlFor="reflection-on">Invite me at</label>
          <input
            className="field small"
            type="time"
            aria-label="Reflection time"
            value={settings.reflectionTime}
            disabled={!settings.reflectionEnabled}
            onChange={(e) =>
              /^\d{2}:\d{2}$/.test(e.target.value) && void update({ reflectionTime: e.target.value })
            }
          />
        </span>
      </div>
      <DesktopSettings settings={settings} update={update} />
      <label className="setting">
        <span className="setting-label">Tasks due at a time</span>
        <select
          className="field small"
          value={settings.reminderLeadMinutes}
          onChange={(e) => void update({ reminderLeadMinutes: Number(e.target.value) })}
        >
          {[0, 5, 10, 15, 30, 60].map((m) => (
            <option key={m} value={m}>
              {m === 0 ? 'Notify at the time' : `Notify at the time and ${m} minutes before`}
            </option>
          ))}
        </select>
      </label>
      <label className="setting">
        <span className="setting-label">Show a task due at a time before today’s first step</span>
        <select
          className="field small"
          value={settings.dueFirstMinutes}
          onChange={(e) => void update({ dueFirstMinutes: Number(e.target.value) })}
        >
          {DUE_FIRST_CHOICES.map((m) => (
            <option key={m} value={m}>
              {m < 60
                ? `From ${m} minutes before`
                : m === 60
                  ? 'From 1 hour before'
                  : `From ${m / 60} hours before`}
            </option>
          ))}
        </select>
      </label>
      <YourData />
      <SyncSettings />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className="hint">
        <kbd>Esc</kbd> close ·{' '}
        <button type="button" className="link" onClick={onClose}>
          done
        </button>
      </p>
    </div>
  );
}
