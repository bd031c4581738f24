import type { Settings } from '../../../shared/settings';
import type { ClockPort, LoginItemPort, LogsPort, UpdaterPort } from '../ports';
import type { Logger } from '../ports';
import type { FocusService } from './focus';
import type { SettingsService } from './settings';
import { UpdateService } from './updates';

export interface DesktopPorts {
  login?: LoginItemPort;
  updater?: UpdaterPort;
  logs?: LogsPort;
}

export interface Desktop {
  updates: UpdateService | null;
  logs: LogsPort | null;
}

/**
 * The desktop settings, kept in force: launch at login, updates (checked at start and daily,
 * installed on quit but never during focus) and debug logging.
 */
export function startDesktop(
  ports: DesktopPorts,
  deps: { settings: SettingsService; focus: FocusService; clock: ClockPort; log: Logger },
): Desktop {
  const { settings, focus, clock, log } = deps;
  const focusActive = (): boolean => ['running', 'paused'].includes(focus.phase());
  const updates = ports.updater
    ? new UpdateService({
        updater: ports.updater,
        clock,
        enabled: () => settings.get().updatesEnabled,
        focusActive,
        log,
      })
    : null;
  const sync = (next: Settings, previous: Settings | null): void => {
    if (!previous || previous.launchAtLogin !== next.launchAtLogin) {
      ports.login?.set(next.launchAtLogin).catch((error: unknown) => {
        log.warn(`launch at login could not be ${next.launchAtLogin ? 'set' : 'removed'} (${String(error)})`);
      });
    }
    ports.logs?.setDebug(next.debugLogging);
    if (!previous || previous.updatesEnabled !== next.updatesEnabled) updates?.apply();
  };
  sync(settings.get(), null);
  settings.onChange((next, previous) => sync(next, previous));
  focus.onChange(() => updates?.focusChanged());
  return { updates, logs: ports.logs ?? null };
}
