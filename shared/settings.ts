import { z } from 'zod';

/** An Electron accelerator such as `CommandOrControl+Shift+Space`; checked loosely here, for real by the OS. */
export const acceleratorSchema = z
  .string()
  .trim()
  .min(1, 'A shortcut needs at least one key')
  .max(64)
  .regex(/^[A-Za-z0-9+\-=[\];',./\\`~ ]+$/, 'Use keys joined by +, like CommandOrControl+Shift+Space');

/** Electron's names for one modifier, per platform (CommandOrControl is Cmd on macOS). */
function modifierOf(part: string, platform: string): string | null {
  const mac = platform === 'darwin';
  switch (part) {
    case 'commandorcontrol':
    case 'cmdorctrl':
      return mac ? 'cmd' : 'ctrl';
    case 'command':
    case 'cmd':
      return 'cmd';
    case 'control':
    case 'ctrl':
      return 'ctrl';
    case 'alt':
    case 'option':
      return 'alt';
    case 'super':
    case 'meta':
      return mac ? 'cmd' : 'super';
    case 'altgr':
    case 'shift':
      return part;
    default:
      return null;
  }
}

const KEY_ALIASES: Record<string, string> = { return: 'enter', esc: 'escape' };

/**
 * Whether two accelerators press the same keys on `platform`: modifiers in any order, any case,
 * and Electron's aliases (`CommandOrControl+Shift+Space` is `Shift+Ctrl+space` off macOS).
 */
export function sameAccelerator(a: string, b: string, platform: string): boolean {
  const normal = (accelerator: string): string => {
    const modifiers = new Set<string>();
    const keys: string[] = [];
    for (const raw of accelerator.split('+')) {
      const part = raw.trim().toLowerCase();
      const modifier = modifierOf(part, platform);
      if (modifier) modifiers.add(modifier);
      else keys.push(KEY_ALIASES[part] ?? part);
    }
    return [...[...modifiers].sort(), ...keys].join('+');
  };
  return normal(a) === normal(b);
}

/** The lead times offered for "a task due at a time comes before the pinned step" (minutes). */
export { DUE_FIRST_CHOICES } from './nextAction';
import { DUE_FIRST_CHOICES } from './nextAction';

export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time like 17:30');

export const settingsSchema = z.object({
  quickAddShortcut: acceleratorSchema,
  focusShortcut: acceleratorSchema,
  /** Default focus session length in minutes (a shorter estimate wins). */
  focusMinutes: z.number().int().min(1).max(240),
  /** What "Keep going" adds in minutes. */
  keepGoingMinutes: z.number().int().min(1).max(240),
  reflectionEnabled: z.boolean(),
  reflectionTime: timeOfDaySchema,
  /** Start Kinetic (hidden, in the tray) when the user logs in. */
  launchAtLogin: z.boolean(),
  /** Check for, download and install updates from GitHub releases. */
  updatesEnabled: z.boolean(),
  /** Logs may include task text (for a bug report); off by default. */
  debugLogging: z.boolean(),
  /** Tasks due at a time notify at that time, and this many minutes before it too (0: only at the time). */
  reminderLeadMinutes: z.number().int().min(0).max(240),
  /** From this many minutes before its time, a task due at a time comes before tomorrow's pinned step. */
  dueFirstMinutes: z
    .number()
    .refine((m) => (DUE_FIRST_CHOICES as readonly number[]).includes(m), 'Choose 15, 30, 60 or 120 minutes'),
  /** A shorter focus length was suggested and accepted or dismissed: never suggest it again. */
  focusLengthSuggested: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  quickAddShortcut: 'CommandOrControl+Shift+Space',
  // Not Ctrl/Cmd+Shift+F: that is "find in files" in most editors and IDEs, which a global
  // shortcut would take from them. A third modifier makes a clash rare (docs/shortcuts.md).
  focusShortcut: 'CommandOrControl+Alt+Shift+F',
  focusMinutes: 25,
  keepGoingMinutes: 25,
  reflectionEnabled: true,
  reflectionTime: '17:30',
  launchAtLogin: false,
  updatesEnabled: true,
  debugLogging: false,
  reminderLeadMinutes: 0,
  dueFirstMinutes: 30,
  focusLengthSuggested: false,
};

export type ShortcutName = 'quickAdd' | 'focus';

export interface ShortcutState {
  accelerator: string;
  registered: boolean;
  /**
   * Why it does not or may not work, in words for the user, with the fallbacks: null when it
   * works. Set even when registered where a registration cannot be trusted (Wayland).
   */
  problem: string | null;
  /** A caveat that is not a problem (macOS cannot report a key another app holds), or null. */
  note: string | null;
}

export type ShortcutStatus = Record<ShortcutName, ShortcutState>;
