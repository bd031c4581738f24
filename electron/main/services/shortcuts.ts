import {
  sameAccelerator,
  type Settings,
  type ShortcutName,
  type ShortcutState,
  type ShortcutStatus,
} from '../../../shared/settings';
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
    const none: ShortcutState = { accelerator: '', registered: false, problem: null, note: null };
    this.status = { quickAdd: none, focus: none };
  }

  get(): ShortcutStatus {
    return this.status;
  }

  /** (Re-)registers both shortcuts from settings; unchanged ones that work are left alone. */
  apply(settings: Settings): ShortcutStatus {
    const next = { ...this.status };
    const changing = (['quickAdd', 'focus'] as const).filter((name) => {
      const current = this.status[name];
      return current.accelerator !== settings[SETTING[name]] || !current.registered;
    });
    // Free the old keys first, so the two shortcuts can trade keys.
    for (const name of changing) {
      const current = this.status[name];
      if (current.registered) this.port.unregister(current.accelerator);
      next[name] = { ...current, registered: false };
    }
    for (const name of changing) {
      const accelerator = settings[SETTING[name]];
      // Both on one key (however it is written): quick add keeps it, unless focus already holds
      // it and keeps it.
      const same = (other: string): boolean => sameAccelerator(accelerator, other, this.environment.platform);
      const duplicate =
        name === 'focus'
          ? same(settings.quickAddShortcut)
          : next.focus.registered && same(next.focus.accelerator);
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
        problem:
          registered && !this.environment.wayland
            ? null
            : this.explain(name, accelerator, duplicate, failure),
        note: registered && this.environment.platform === 'darwin' ? this.macNote(accelerator) : null,
      };
    }
    this.status = next;
    return next;
  }

  private pretty(accelerator: string): string {
    return accelerator.replace(/CommandOrControl/g, this.environment.platform === 'darwin' ? 'Cmd' : 'Ctrl');
  }

  private macNote(accelerator: string): string {
    return `macOS does not tell apps when another app already uses a shortcut: if ${this.pretty(accelerator)} does nothing, choose another key.`;
  }

  private explain(name: ShortcutName, accelerator: string, duplicate: boolean, failure: unknown): string {
    const pretty = this.pretty(accelerator);
    const fallback =
      name === 'quickAdd'
        ? 'Use the tray menu’s Quick add…, a kinetic://add link, or bind `kinetic --add` to a key in your desktop’s keyboard settings.'
        : 'Use the tray menu or press Enter in the Kinetic window to start focus.';
    if (duplicate) {
      const other = name === 'focus' ? 'quick-add' : 'focus';
      return `${pretty} is already the ${other} shortcut. Choose another key. ${fallback}`;
    }
    if (failure !== null) return `${pretty} is not a valid shortcut (${String(failure)}). ${fallback}`;
    if (this.environment.wayland) {
      // Electron answers true on Wayland whether or not the desktop will ever deliver the key.
      return `On Wayland, Kinetic cannot tell whether your desktop delivers ${pretty} to it. If it does nothing: ${fallback}`;
    }
    return `${pretty} could not be registered — another app is probably using it. Choose another key. ${fallback}`;
  }
}
