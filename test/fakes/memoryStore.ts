import type { StorePort } from '../../electron/main/ports';

/**
 * An in-memory StorePort. Values are kept as JSON text, so what a service reads back is never
 * the object it wrote (no shared references leak between writes, reads and tests), and values
 * JSON cannot hold are refused like the file store refuses them. It can be told to fail the
 * next write, and records every write for assertions.
 */
export class MemoryStore implements StorePort {
  private readonly files = new Map<string, string>();
  private failures: Error[] = [];
  /** Names written, in order (failed writes included). */
  readonly writes: string[] = [];

  read(name: string): Promise<unknown> {
    const text = this.files.get(name);
    return Promise.resolve(text === undefined ? undefined : (JSON.parse(text) as unknown));
  }

  write(name: string, value: unknown): Promise<void> {
    this.writes.push(name);
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    const text = JSON.stringify(value);
    if (text === undefined) return Promise.reject(new TypeError(`${name}: value is not JSON`));
    this.files.set(name, text);
    return Promise.resolve();
  }

  /** The next write (to any name) fails with this error instead of storing anything. */
  failNextWrite(error: Error = new Error('disk full')): void {
    this.failures.push(error);
  }

  /** What is stored under `name` (a fresh copy), or undefined. */
  peek(name: string): unknown {
    const text = this.files.get(name);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  }

  /** Puts a document in place, as if an earlier run (or a user) had written it. */
  put(name: string, value: unknown): void {
    this.files.set(name, JSON.stringify(value));
  }

  names(): string[] {
    return [...this.files.keys()].sort();
  }
}
