import type { Settings, SettingsPatch } from '../../../shared/settings';
import { useSettings } from '../../stores';
import { Action } from '../../ui/Action';
import { useKeys } from '../../ui/keys';

type Toggle = 'launchAtLogin' | 'updatesEnabled' | 'debugLogging';

const TOGGLES: { key: Toggle; label: string; note: string }[] = [
  {
    key: 'launchAtLogin',
    label: 'Start Kinetic when I log in',
    note: 'It starts in the tray, windows hidden.',
  },
  {
    key: 'updatesEnabled',
    label: 'Update Kinetic automatically',
    note: 'Downloads in the background; installs when you quit, never during a focus session.',
  },
  {
    key: 'debugLogging',
    label: 'Debug logging',
    note: 'Logs may then include task text. Turn on only to report a problem.',
  },
];

/** Start at login, updates, logs. */
export function DesktopSettings({
  settings,
  update,
}: {
  settings: Settings;
  update: (patch: SettingsPatch) => Promise<unknown>;
}) {
  const problem = useSettings((s) => s.logsError);
  const openLogs = useSettings((s) => s.openLogs);
  useKeys({ l: openLogs });
  return (
    <>
      {TOGGLES.map(({ key, label, note }, i) => (
        <div className="setting" key={key}>
          <span className="setting-label">{i === 0 ? 'This computer' : ''}</span>
          <span className="setting-row">
            <input
              id={`setting-${key}`}
              type="checkbox"
              checked={settings[key]}
              aria-describedby={`setting-${key}-note`}
              onChange={(e) => void update({ [key]: e.target.checked })}
            />
            <label htmlFor={`setting-${key}`}>{label}</label>
          </span>
          <p id={`setting-${key}-note`} className="setting-note quiet">
            {note}
          </p>
        </div>
      ))}
      <div className="setting">
        <span className="setting-label">Logs</span>
        <span className="setting-row">
          <Action keyLabel="L" label="Open logs folder" onPress={openLogs} />
        </span>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
      </div>
    </>
  );
}
