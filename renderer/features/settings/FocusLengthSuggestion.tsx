import { useEffect, useState } from 'react';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import { FOCUS_LOOKBACK_MS, suggestFocusLength } from '../../../shared/stepSize';
import type { FocusSession } from '../../../shared/types';
import { Action } from '../../ui/Action';
import { useKeys } from '../../ui/keys';

interface Props {
  /** The sessions that ended in [from, to) (a stable function: the focus store's). */
  endedBetween: (from: number, to: number) => Promise<FocusSession[]>;
  settings: Pick<Settings, 'focusMinutes' | 'focusLengthSuggested'> | null;
  update: (patch: SettingsPatch) => Promise<unknown>;
  /** Whether its keys (L, X) are live: only where nothing else uses them. */
  keys: boolean;
  /** One short line, for the small focus window. */
  compact?: boolean;
}

/**
 * "Your sessions usually last about 10 min": offers a shorter default focus length, once. L takes
 * it, X dismisses it for good; either way it is never offered again (`focusLengthSuggested`).
 */
export function FocusLengthSuggestion({ endedBetween, settings, update, keys, compact = false }: Props) {
  // undefined until the sessions were read; then the suggestion or null.
  const [minutes, setMinutes] = useState<number | null | undefined>(undefined);
  const focusMinutes = settings?.focusMinutes ?? null;
  const open = settings !== null && !settings.focusLengthSuggested;

  useEffect(() => {
    if (!open || focusMinutes === null) return;
    let live = true;
    const now = Date.now();
    endedBetween(now - FOCUS_LOOKBACK_MS, now + 1)
      .then((sessions) => live && setMinutes(suggestFocusLength(sessions, now, focusMinutes)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [endedBetween, open, focusMinutes]);

  const shown = open && typeof minutes === 'number';
  const accept = (): void => {
    if (typeof minutes === 'number') void update({ focusMinutes: minutes, focusLengthSuggested: true });
  };
  const dismiss = (): void => void update({ focusLengthSuggested: true });
  useKeys({ l: accept, x: dismiss }, keys && shown);
  // A marker for tests: the sessions were read and there is nothing to suggest.
  if (!shown) return minutes === null ? <span hidden data-testid="focus-length-checked" /> : null;
  const text = `Your sessions usually last about ${minutes} min. Make ${minutes} min the default?`;
  if (compact) {
    return (
      <div
        className="suggestion compact"
        role="group"
        aria-label={text}
        data-testid="focus-length-suggestion"
      >
        <span className="suggestion-text">Usually ~{minutes} min:</span>
        <Action keyLabel="L" label={`Use ${minutes} min`} onPress={accept} />
        <Action keyLabel="X" label="Never" onPress={dismiss} />
      </div>
    );
  }
  return (
    <div
      className="setting suggestion-setting"
      role="group"
      aria-label="Focus length"
      data-testid="focus-length-suggestion"
    >
      <span className="setting-label" aria-hidden="true" />
      <div className="suggestion">
        <p className="suggestion-text">{text}</p>
        <span className="setting-row">
          <Action keyLabel="L" label={`Use ${minutes} min`} onPress={accept} />
          <Action keyLabel="X" label="Don’t suggest again" onPress={dismiss} />
        </span>
      </div>
    </div>
  );
}
