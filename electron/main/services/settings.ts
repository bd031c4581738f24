import { z } from 'zod';
import {
  DEFAULT_SETTINGS,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../../shared/settings';
import type { StorePort } from '../ports';
import type { Logger } from '../ports';
import { PersistedDoc } from './persisted';

/**
 * Settings that must exist before any window (shortcuts, focus length, reflection time).
 * Each field that is missing or invalid on disk falls back to its default on its own, so one bad
 * field never resets the others.
 */
const storedSettingsSchema: z.ZodType<Settings> = z.record(z.string(), z.unknown()).transform((raw) => {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const field = settingsSchema.shape[key].safeParse(raw[key]);
    if (field.success) out[key] = field.data;
  }
  return out as Settings;
});

export class SettingsService {
  private readonly doc: PersistedDoc<Settings>;
  private readonly listeners = new Set<(settings: Settings, previous: Settings) => void>();
  /** The updates so far, settled or not: the next one waits for them. */
  private updates: Promise<unknown> = Promise.resolve();

  constructor(store: StorePort, log: Logger) {
    this.doc = new PersistedDoc(store, 'settings.json', storedSettingsSchema, DEFAULT_SETTINGS, log);
  }

  load(): Promise<Settings> {
    return this.doc.load();
  }

  get(): Settings {
    return this.doc.get();
  }

  /**
   * Applies `patch` once the updates before it have settled, so each one starts from settings that
   * are saved and in effect: one that fails is never part of the next, nor its `previous`.
   */
  update(patch: SettingsPatch): Promise<Settings> {
    const done = this.updates.then(() => this.apply(patch));
    this.updates = done.catch(() => undefined);
    return done;
  }

  private async apply(patch: SettingsPatch): Promise<Settings> {
    const previous = this.doc.get();
    const next = settingsSchema.parse({ ...previous, ...patch });
    try {
      await this.doc.set(next);
    } catch (error) {
      // Not saved, so not in effect: the settings in memory stay those the shortcuts and the
      // schedule were set up with.
      this.doc.putBack(previous);
      throw error;
    }
    for (const listener of this.listeners) listener(next, previous);
    return next;
  }

  onChange(listener: (settings: Settings, previous: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
