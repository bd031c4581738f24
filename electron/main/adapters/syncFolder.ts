import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SyncFolderPort } from '../ports';
import { FileLogFolder } from './logFolder';

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
