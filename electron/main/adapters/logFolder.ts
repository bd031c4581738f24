import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogFolderPort } from '../ports';
import { syncDir, writeFileAtomically } from './fileStore';

/** A plain file or folder name: never `.` or `..`. */
export const NAME = /^(?!\.+$)[\w.-]+$/;

/** The op log's folder on disk: appends are synced before they resolve. */
export class FileLogFolder implements LogFolderPort {
  constructor(readonly path: string) {}

  private dir(dir: string): string {
    if (!NAME.test(dir)) throw new Error(`Invalid log folder name: ${dir}`);
    return join(this.path, dir);
  }

  private file(dir: string, name: string): string {
    if (!NAME.test(name)) throw new Error(`Invalid log file name: ${name}`);
    return join(this.dir(dir), name);
  }

  async dirs(): Promise<string[]> {
    try {
      const entries = await readdir(this.path, { withFileTypes: true });
      return entries.filter((e) => e.isDirectory() && NAME.test(e.name)).map((e) => e.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async sizes(dir: string): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const name of await this.list(dir)) {
      if (!NAME.test(name)) continue;
      try {
        const info = await stat(this.file(dir, name));
        if (info.isFile()) out.set(name, info.size);
      } catch {
        // Gone meanwhile (a sync tool replacing it): read again at the next look.
      }
    }
    return out;
  }

  async list(dir: string): Promise<string[]> {
    try {
      return await readdir(this.dir(dir));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  read(dir: string, name: string): Promise<string> {
    return readFile(this.file(dir, name), 'utf8');
  }

  async append(dir: string, name: string, text: string): Promise<void> {
    const file = this.file(dir, name);
    await mkdir(this.dir(dir), { recursive: true });
    const handle = await open(file, 'a');
    let created = false;
    try {
      created = (await handle.stat()).size === 0;
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // A new file's name must be on disk too.
    if (created) await syncDir(this.dir(dir));
  }

  async write(dir: string, name: string, text: string): Promise<void> {
    await mkdir(this.dir(dir), { recursive: true });
    await writeFileAtomically(this.file(dir, name), text);
  }

  async rename(dir: string, from: string, to: string): Promise<void> {
    await rename(this.file(dir, from), this.file(dir, to));
    await syncDir(this.dir(dir));
  }

  async remove(dir: string, name: string): Promise<void> {
    await unlink(this.file(dir, name));
  }
}
