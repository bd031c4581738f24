import { z } from 'zod';

/** An Electron accelerator such as `CommandOrControl+Shift+Space`; checked loosely here, for real by the OS. */
export const acceleratorSchema = z
  .string()
  .trim()
  .min(1, 'A shortcut needs at least one key')
  .max(64)
  .regex(/^[A-Za-z0-9+\-=[\];',./\\`~ ]+$/, 'Use keys joined by +, like CommandOrControl+Shift+Space');

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
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  quickAddShortcut: 'CommandOrControl+Shift+Space',
  focusShortcut: 'CommandOrControl+Shift+F',
  focusMinutes: 25,
  keepGoingMinutes: 25,
  reflectionEnabled: true,
  reflectionTime: '17:30',
};

export type ShortcutName = 'quickAdd' | 'focus';

export interface ShortcutState {
  accelerator: string;
  registered: boolean;
  /** Why it could not be registered, in words for the user; null when registered. */
  problem: string | null;
}

export type ShortcutStatus = Record<ShortcutName, ShortcutState>;
