import type { LogFolderPort } from '../../electron/main/ports';

/**
 * The op log's folder in memory, with faults to inject: an append that fails before writing
 * (`failNext`), or one that writes part of its text and then fails, as a full disk or a failed
 * fsync can (`tearNext`: how many characters reach the file).
 */
export class MemoryLogFolder implements LogFolderPort {
  readonly files = new Map<string, string>();
  failNext: Error | null = null;
  tearNext: number | null = null;
  appends = 0;

  constructor(readonly path = '/memory/oplog') {}

  private key(dir: string, name: string): string {
    return `${dir}/${name}`;
  }

  dirs(): Promise<string[]> {
    return Promise.resolve([...new Set([...this.files.keys()].map((k) => k.slice(0, k.indexOf('/'))))]);
  }

  async sizes(dir: string): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const name of await this.list(dir))
      out.set(name, new TextEncoder().encode(this.files.get(this.key(dir, name))!).length);
    return out;
  }

  list(dir: string): Promise<string[]> {
    const prefix = `${dir}/`;
    return Promise.resolve(
      [...this.files.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)),
    );
  }

  read(dir: string, name: string): Promise<string> {
    const text = this.files.get(this.key(dir, name));
    return text === undefined
      ? Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }))
      : Promise.resolve(text);
  }

  append(dir: string, name: string, text: string): Promise<void> {
    const key = this.key(dir, name);
    if (this.tearNext !== null) {
      const cut = this.tearNext;
      this.tearNext = null;
      this.files.set(key, (this.files.get(key) ?? '') + text.slice(0, cut));
      return Promise.reject(Object.assign(new Error('fsync failed'), { code: 'EIO' }));
    }
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      return Promise.reject(error);
    }
    this.appends++;
    this.files.set(key, (this.files.get(key) ?? '') + text);
    return Promise.resolve();
  }

  write(dir: string, name: string, text: string): Promise<void> {
    this.files.set(this.key(dir, name), text);
    return Promise.resolve();
  }

  rename(dir: string, from: string, to: string): Promise<void> {
    const text = this.files.get(this.key(dir, from));
    if (text === undefined) return Promise.reject(new Error('ENOENT'));
    this.files.delete(this.key(dir, from));
    this.files.set(this.key(dir, to), text);
    return Promise.resolve();
  }

  remove(dir: string, name: string): Promise<void> {
    this.files.delete(this.key(dir, name));
    return Promise.resolve();
  }
}
