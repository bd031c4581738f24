/**
 * Automatic backups: once a day the main window hands main the day's backup text (main never
 * reads IndexedDB), and main keeps it in the backups folder as `kinetic-backup-YYYY-MM-DD.json`,
 * the newest AUTO_BACKUP_DAYS of them. The day of the last one is in main's store, so the window
 * asks first (`status`) and builds a backup only when today's is missing.
 */
import type { AutoBackupStatus } from '../../../shared/ipc';
import { AUTO_BACKUP_DAYS, backupFileDay, backupFileName } from '../../../shared/backupFormat';
import { isDayKey } from '../../../shared/days';
import type { Logger } from '../ipc/registry';
import type { BackupFolderPort, StorePort } from '../ports';

const DOC = 'autoBackup';

export class AutoBackupService {
  private lastDay: string | null = null;

  constructor(
    private readonly folder: BackupFolderPort,
    private readonly store: StorePort,
    private readonly log: Logger,
  ) {}

  async load(): Promise<void> {
    const doc = (await this.store.read(DOC)) as { lastDay?: unknown } | undefined;
    this.lastDay = typeof doc?.lastDay === 'string' && isDayKey(doc.lastDay) ? doc.lastDay : null;
  }

  status(): AutoBackupStatus {
    return { lastDay: this.lastDay, folder: this.folder.path, keepsDays: AUTO_BACKUP_DAYS };
  }

  /** Keeps `text` as the backup of `day` (replacing an earlier one of that day), then prunes. */
  async keep(day: string, text: string): Promise<AutoBackupStatus> {
    await this.folder.write(backupFileName(day), text);
    // The day of the last backup kept, even if a clock went back: the window compares it with its
    // today for equality, so a day far ahead (a wrong clock, once) cannot stop the backups.
    if (this.lastDay !== day) {
      this.lastDay = day;
      await this.store.write(DOC, { lastDay: day });
    }
    const days = (await this.folder.list())
      .map(backupFileDay)
      .filter((d) => d !== null)
      .sort();
    for (const old of days.slice(0, Math.max(0, days.length - AUTO_BACKUP_DAYS))) {
      try {
        await this.folder.remove(backupFileName(old));
      } catch (error) {
        this.log.warn(`auto backup: could not remove the backup of ${old}: ${String(error)}`);
      }
    }
    return this.status();
  }
}
