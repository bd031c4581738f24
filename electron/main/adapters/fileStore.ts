import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { BackupFolderPort, StorePort } from '../ports';

/** A plain file name in the folder: never `.` or `..`. */
const NAME = /^(?!\.+$)[\w.-]+$/;

/**
 * Main's small JSON documents in a folder. A write goes to a temporary file that is flushed to
 * disk and then renamed over the old file, so a crash mid-write leaves either the old or the new
 * document, never half of one. A file that is not valid JSON is renamed aside (not deleted) and
 * reads as missing.
 */
export class FileStore implements StorePort {
  constructor(private readonly dir: string) {}

  private path(name: string): string {
    if (!NAME.test(name)) throw new Error(`Invalid store name: ${name}`);
    return join(this.dir, name);
  }

  async read(name: string): Promise<unknown> {
    const file = this.path(name);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      await rename(file, `${file}.corrupt-${Date.now()}`).catch(() => undefined);
      return undefined;
    }
  }

  async write(name: string, value: unknown): Promise<void> {
    const file = this.path(name);
    const text = JSON.stringify(value, null, 1) as string | undefined;
    if (text === undefined) throw new TypeError(`${name}: the value cannot be stored as JSON`);
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomically(file, text);
  }
}

/**
 * Writes `text` to a temporary file beside `file`, flushes it to disk and renames it over `file`:
 * a crash mid-write leaves either the old or the new file, never half of one.
 */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    // A failed write (disk full, …) leaves neither a half-written temp file nor a changed file.
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  // Make the rename itself durable where the platform allows syncing a directory.
  await syncDir(dirname(file));
}

/** Syncs a folder, so that names created or renamed in it are on disk too. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    /* Windows cannot open a directory for syncing; renames are still atomic. */
  }
}

/** The automatic backups' folder on disk; only plain file names inside it. */
export class FileBackupFolder implements BackupFolderPort {
  constructor(readonly path: string) {}

  private file(name: string): string {
    if (!NAME.test(name)) throw new Error(`Invalid backup file name: ${name}`);
    return join(this.path, name);
  }

  async write(name: string, text: string): Promise<void> {
    await mkdir(this.path, { recursive: true });
    await writeFileAtomically(this.file(name), text);
  }

  async list(): Promise<string[]> {
    try {
      return await readdir(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async remove(name: string): Promise<void> {
    await unlink(this.file(name));
  }
}
