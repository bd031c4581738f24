import type { SyncFolderPort } from '../../electron/main/ports';
import { MemoryLogFolder } from './memoryLogFolder';

/**
 * A sync folder's `Kinetic` folder in memory. Several devices' services can share one (as a sync
 * tool would keep their copies in step); `present = false` is the folder removed or unmounted.
 * No change events: the service polls, as it must on a network drive.
 */
export class MemorySyncFolder extends MemoryLogFolder implements SyncFolderPort {
  present = true;
  /** Writes and removals, by `<dir>/<name>`, to check who wrote where. */
  readonly touched: string[] = [];

  constructor(readonly root = '/memory/sync') {
    super(`${root}/Kinetic`);
  }

  exists(): Promise<boolean> {
    return Promise.resolve(this.present);
  }

  watch(): () => void {
    return () => undefined;
  }

  private guard(): void {
    if (!this.present) throw Object.assign(new Error('ENOENT: the folder is gone'), { code: 'ENOENT' });
  }

  override async write(dir: string, name: string, text: string): Promise<void> {
    this.guard();
    this.touched.push(`${dir}/${name}`);
    this.files.set(`${dir}/${name}`, text);
  }

  override async remove(dir: string, name: string): Promise<void> {
    this.guard();
    this.touched.push(`${dir}/${name}`);
    this.files.delete(`${dir}/${name}`);
  }

  override list(dir: string): Promise<string[]> {
    return this.present ? super.list(dir) : Promise.resolve([]);
  }

  override dirs(): Promise<string[]> {
    return this.present ? super.dirs() : Promise.resolve([]);
  }
}
