import type { z } from 'zod';
import type { StorePort } from '../ports';
import type { Logger } from '../ports';

/**
 * A JSON document in main's store with a schema. Loading never fails: a missing document gives
 * the fallback; an invalid one is kept aside as `<name>.invalid` (nothing is thrown away) and the
 * fallback is used. Writes are serialized so a later write never lands before an earlier one.
 */
export class PersistedDoc<T> {
  private value: T;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: StorePort,
    private readonly name: string,
    private readonly schema: z.ZodType<T>,
    fallback: T,
    private readonly log: Logger,
  ) {
    this.value = fallback;
  }

  async load(): Promise<T> {
    let raw: unknown;
    try {
      raw = await this.store.read(this.name);
    } catch (error) {
      this.log.warn(`${this.name}: could not be read (${String(error)}); using defaults`);
      return this.value;
    }
    if (raw === undefined) return this.value;
    const parsed = this.schema.safeParse(raw);
    if (parsed.success) {
      this.value = parsed.data;
    } else {
      this.log.warn(`${this.name}: invalid content kept as ${this.name}.invalid; using defaults`);
      await this.store.write(`${this.name}.invalid`, raw).catch(() => undefined);
    }
    return this.value;
  }

  get(): T {
    return this.value;
  }

  /** Puts a value back in memory only, for a caller whose `set` failed (see SettingsService). */
  putBack(value: T): void {
    this.value = value;
  }

  /** Sets the value now and persists it; resolves once this value is on disk. */
  set(value: T): Promise<void> {
    this.value = value;
    const write = this.queue.then(() => this.store.write(this.name, value));
    this.queue = write.catch((error: unknown) => {
      this.log.warn(`${this.name}: write failed (${String(error)})`);
    });
    return write;
  }
}
