import { useEffect, useRef, useState } from 'react';
import { useStores, useSync } from '../../stores';
import { describeWhen } from '../../store/sync';
import { Action } from '../../ui/Action';
import { useKeys } from '../../ui/keys';

/** Sync through a folder that Syncthing (or any folder-sync tool) keeps in step. */
export function SyncSettings() {
  const { now: clock } = useStores();
  const start = useSync((s) => s.start);
  const status = useSync((s) => s.status);
  const busy = useSync((s) => s.busy);
  const error = useSync((s) => s.error);
  const choose = useSync((s) => s.choose);
  const off = useSync((s) => s.off);
  const renameDevice = useSync((s) => s.rename);
  useEffect(() => start(), [start]);
  const [name, setName] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  /** Esc leaves the name field without saving what was typed. */
  const cancelled = useRef(false);
  const on = Boolean(status?.folder);
  const rename = (): void => {
    field.current?.focus();
    field.current?.select();
  };
  const save = (): void => {
    const typed = name;
    setName(null);
    if (cancelled.current) {
      cancelled.current = false;
      return;
    }
    if (typed !== null && typed.trim() !== '' && status && typed.trim() !== status.name)
      void renameDevice(typed);
  };
  useKeys({
    y: () => void (on ? off() : choose()),
    ...(on ? { n: rename } : {}),
  });
  const now = clock();
  return (
    <div className="setting">
      <span className="setting-label">Sync</span>
      <div className="sync-body">
        {on && status ? (
          <>
            <p className="setting-note">
              Syncing through <span className="path">{status.folder}</span>
            </p>
            <span className="setting-row">
              <label htmlFor="sync-name">This device’s name</label>
              <input
                id="sync-name"
                ref={field}
                className="field small"
                value={name ?? status.name}
                maxLength={64}
                aria-describedby="sync-name-note"
                onChange={(e) => setName(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter' && e.key !== 'Escape') return;
                  // Esc here leaves the field, not settings.
                  e.preventDefault();
                  cancelled.current = e.key === 'Escape';
                  e.currentTarget.blur();
                }}
                onBlur={save}
              />
              <Action keyLabel="N" label="Rename this device" onPress={rename} disabled={busy} />
            </span>
            <p id="sync-name-note" className="setting-note quiet">
              Enter saves the name, Esc keeps the old one. The other devices show it.
            </p>
            <ul className="sync-devices" aria-label="Devices">
              {status.devices.map((device) => (
                <li key={device.id}>
                  <span className="sync-device">
                    {device.self ? `${device.name} (this device)` : device.name}
                  </span>
                  <span className="quiet">
                    {device.self
                      ? ' writes its changes here'
                      : ` · last change ${describeWhen(device.lastChangeAt, now)}`}
                    {device.skipped > 0 ? ` · ${device.skipped} unreadable lines skipped` : ''}
                  </span>
                </li>
              ))}
            </ul>
            {status.problem && (
              <p className="error" role="alert">
                {status.problem}
              </p>
            )}
            <span className="setting-row">
              <Action keyLabel="Y" label="Turn sync off" onPress={() => void off()} disabled={busy} />
            </span>
            <p className="setting-note quiet">
              Turning it off stops reading and writing the folder. Nothing is deleted.
            </p>
          </>
        ) : (
          <>
            <span className="setting-row">
              <Action
                keyLabel="Y"
                label="Sync through a folder…"
                onPress={() => void choose()}
                disabled={busy}
              />
            </span>
            <p className="setting-note quiet">
              Pick a folder that Syncthing or another tool keeps in step between your devices. Kinetic merges
              what is there with what is here, and deletes nothing.
            </p>
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
