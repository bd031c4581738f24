import { useEffect, useState } from 'react';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import { kinetic } from '../../ipc';

/** The settings, read from main while `active` (the focus window has no settings store). */
export function useFocusSettings(active: boolean): {
  settings: Settings | null;
  update: (patch: SettingsPatch) => Promise<unknown>;
} {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    if (!active) return;
    let live = true;
    kinetic.settings
      .get()
      .then((view) => live && setSettings(view.settings))
      .catch(() => undefined);
    const off = kinetic.settings.onChanged((view) => live && setSettings(view.settings));
    return () => {
      live = false;
      off();
    };
  }, [active]);
  const update = async (patch: SettingsPatch): Promise<unknown> => {
    const view = await kinetic.settings.update(patch);
    setSettings(view.settings);
    return view;
  };
  return { settings, update };
}
