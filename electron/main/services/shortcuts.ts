import type { Settings, ShortcutName, ShortcutState, ShortcutStatus } from '../../../shared/settings';
import type { ShortcutPort } from '../ports';

const SETTING: Record<ShortcutName, 'quickAddShortcut' | 'focusShortcut'> = {
  quickAdd: 'quickAddShortcut',
  focus: 'focusShortcut',
};

/**
 * Registers the global shortcuts and remembers, in words, why one could not be registered, so the
 * UI can say so and point to the fallbacks. It never fails silently.
 */
export class ShortcutService {
  private status: ShortcutStatus;

  constructor(
    private readonly port: ShortcutPort,
    private readonly actions: Record<ShortcutName, () => void>,
    private readonly environment: { platform: string; wayland: boolean },
  ) {
    const none: ShortcutState = { accelerator: '', registered: false, problem: null };
    this.status = { quickAdd: none, focus: none };
  }

  get(): ShortcutStatus {
    return this.status;
  }

  /** (Re-)registers both shortcuts from settings; unchanged ones that work are left alone. */
  apply(settings: Settings): ShortcutStatus {
    const next = { ...this.status };
    for (const name of ['quickAdd', 'focus'] as const) {
      const accelerator = settings[SETTING[name]];
      const current = this.status[name];
      if (current.accelerator === accelerator && current.registered) continue;
      if (current.registered) this.port.unregister(current.accelerator);
      const duplicate = name === 'focus' && accelerator === settings.quickAddShortcut;
      let registered = false;
      let failure: unknown = null;
      if (!duplicate) {
        try {
          registered = this.port.register(accelerator, this.actions[name]);
        } catch (error) {
          failure = error;
        }
      }
      next[name] = {
        accelerator,
        registered,
        problem: registered ? null : this.explain(name, accelerator, duplicate, failure),
      };
    }
    this.status = next;
    return next;
  }

  private explain(name: ShortcutName, accelerator: string, duplicate: boolean, failure: unknown): string {
    const pretty = accelerator.replace(
      /CommandOrControl/g,
      this.environment.platform === 'darwin' ? 'Cmd' : 'Ctrl',
    );
    const fallback =
      name === 'quickAdd'
        ? 'Use the tray menu’s Quick add…, or bind `kinetic --add` to a key in your desktop’s keyboard settings.'
        : 'Use the tray menu or press Enter in the Kinetic window to start focus.';
    if (duplicate) return `${pretty} is already the quick-add shortcut. Choose another key. ${fallback}`;
    if (failure !== null) return `${pretty} is not a valid shortcut (${String(failure)}). ${fallback}`;
    if (this.environment.wayland) {
      return `Your desktop (Wayland) does not let apps register global shortcuts, so ${pretty} does nothing. ${fallback}`;
    }
    return `${pretty} could not be registered — another app is probably using it. Choose another key. ${fallback}`;
  }
}
