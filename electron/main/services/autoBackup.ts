/**
 * Automatic backups: once a day the main window hands main the day's backup text (main never
 * reads IndexedDB), and main keeps it in the backups folder as `kinetic-backup-YYYY-MM-DD.json`,
 * the AUTO_BACKUP_DAYS most recently written of them. The day of the last one is in main's store,
 * so the window asks first (`status`) and builds a backup only when today's is missing.
 *
 * Main does not take a window's word for time: a day more than one day after main's own today is
 * refused (a window could otherwise name days in the year 9999 that evict every real backup), and
 * pruning goes by when main itself wrote each file.
 */
import type { AutoBackupStatus } from '../../../shared/ipc';
import { AUTO_BACKUP_DAYS, backupFileDay, backupFileName } from '../../../shared/backupFormat';
import { addDays, dayKey } from '../../../shared/days';
import { autoBackupStateSchema } from '../../../shared/schemas';
import type { Logger } from '../ports';
import type { BackupFolderPort, ClockPort, StorePort } from '../ports';

const DOC = 'autoBackup';

interface AutoBackupDoc {
  lastDay: string | null;
  /** When main wrote the backup of each day it keeps (epoch ms, main's clock). */
  written: Record<string, number>;
}

export class AutoBackupService {
  private lastDay: string | null = null;
  private written = new Map<string, number>();

  constructor(
    private readonly folder: BackupFolderPort,
    private readonly store: StorePort,
    private readonly log: Logger,
    private readonly clock: Pick<ClockPort, 'now'>,
  ) {}

  async load(): Promise<void> {
    const read = autoBackupStateSchema.safeParse((await this.store.read(DOC)) ?? {});
    const doc = read.success ? read.data : { lastDay: null, written: {} };
    this.lastDay = doc.lastDay;
    this.written = new Map(Object.entries(doc.written));
  }

  status(): AutoBackupStatus {
    return { lastDay: this.lastDay, folder: this.folder.path, keepsDays: AUTO_BACKUP_DAYS };
  }

  /** Keeps `text` as the backup of `day` (replacing an earlier one of that day), then prunes. */
  async keep(day: string, text: string): Promise<AutoBackupStatus> {
    const now = this.clock.now();
    // One day of slack: the window's today may be ahead of main's across a time zone change.
    if (day > dayKey(addDays(now, 1))) {
      throw new Error(`An automatic backup cannot be of a day after tomorrow (${day}).`);
    }
    await this.folder.write(backupFileName(day), text);
    // The day of the last backup kept, even if a clock went back: the window compares it with its
    // today for equality, so an earlier wrong day cannot stop the backups.
    this.lastDay = day;
    this.written.set(day, now);
    const days = (await this.folder.list()).map(backupFileDay).filter((d) => d !== null);
    // Oldest written first; files main has no time for (from before it kept times) before those.
    const byWrite = days.sort(
      (a, b) => (this.written.get(a) ?? -Infinity) - (this.written.get(b) ?? -Infinity) || a.localeCompare(b),
    );
    for (const old of byWrite.slice(0, Math.max(0, byWrite.length - AUTO_BACKUP_DAYS))) {
      try {
        await this.folder.remove(backupFileName(old));
        this.written.delete(old);
      } catch (error) {
        this.log.warn(`auto backup: could not remove the backup of ${old}: ${String(error)}`);
      }
    }
    for (const kept of [...this.written.keys()]) if (!days.includes(kept)) this.written.delete(kept);
    const doc: AutoBackupDoc = { lastDay: this.lastDay, written: Object.fromEntries(this.written) };
    await this.store.write(DOC, doc);
    return this.status();
  }
}
