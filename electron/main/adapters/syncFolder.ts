import { watch, type FSWatcher } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SyncFolderPort } from '../ports';
import { FileLogFolder, NAME } from './logFolder';

/** `<chosen folder>/Kinetic`, on disk; changes are watched where the system reports them. */
export class FileSyncFolder extends FileLogFolder implements SyncFolderPort {
  constructor(readonly root: string) {
    super(join(root, 'Kinetic'));
  }

  async exists(): Promise<boolean> {
    try {
      return (await stat(this.root)).isDirectory();
    } catch {
      return false;
    }
  }

  /**
   * Makes `Kinetic/<dir>` inside the chosen folder one level at a time, so that a chosen folder
   * that was removed (or a drive unmounted) is never made again: the write fails instead.
   */
  private async inside(dir: string): Promise<void> {
    if (!NAME.test(dir)) throw new Error(`Invalid log folder name: ${dir}`);
    for (const path of [this.path, join(this.path, dir)]) {
      try {
        await mkdir(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }

  override async write(dir: string, name: string, text: string): Promise<void> {
    await this.inside(dir);
    await super.write(dir, name, text);
  }

  override async append(dir: string, name: string, text: string): Promise<void> {
    await this.inside(dir);
    await super.append(dir, name, text);
  }

  watch(onChange: () => void): () => void {
    let watcher: FSWatcher | null = null;
    try {
      watcher = watch(this.root, { recursive: true, persistent: false }, (_event, name) => {
        // Sync tools' own temporary files change all the time: only ours matter.
        if (name === null || String(name).includes('Kinetic')) onChange();
      });
      // A folder removed or unmounted: the service's polling goes on alone.
      watcher.on('error', () => watcher?.close());
    } catch {
      watcher = null;
    }
    return () => watcher?.close();
  }
}
