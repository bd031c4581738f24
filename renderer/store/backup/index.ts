/**
 * Backing up and restoring from the main window's settings: the repositories read and merge
 * (renderer/db/backup.ts), main saves and opens the file (backup:save, backup:open), and
 * shared/backup.ts checks a file completely before anything is written. The store is created by
 * the main window's entry and costs nothing until used: the builder and the check load through
 * `load` (files.ts) on the first back-up or restore.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KineticApi } from '../../../shared/api';
import type { AutoBackupStatus } from '../../../shared/ipc';
import { dayKey } from '../../../shared/days';
import type { Repositories, RestoreCounts } from '../../db';
import { errorSentence } from '../../errors';
import type * as Files from './files';

export interface BackupState {
  /** 'choosing': the open dialog is up. */
  busy: 'saving' | 'choosing' | 'restoring' | null;
  /** Why the last back-up or restore failed (a restore that fails changes nothing). */
  error: string | null;
  /** What the last back-up or restore did: news, not an error. */
  notice: string | null;
  /** Where the automatic backups are, and the day of the last one (once loaded). */
  auto: AutoBackupStatus | null;
  /** Where the op log is, and what the browser storage says of itself (once loaded). */
  storage: StorageStatus | null;
  /**
   * Reads where the automatic backups are and what the storage holds (settings calls it each
   * time it opens); returns the unsubscribe, after which a read still under way is dropped.
   */
  start(): () => void;
  /** Writes everything to a file the user chooses. */
  backUp(): Promise<void>;
  /** Merges a backup the user chooses into the database (never deleting anything). */
  restore(): Promise<void>;
}

export interface BackupDeps {
  repos: () => Promise<Pick<Repositories, 'backup'>>;
  api: Pick<KineticApi, 'backup' | 'oplog'>;
  now: () => number;
  /** The builder, the check (a Worker in the app) and the file name: files.ts by default. */
  load?: () => Promise<typeof Files>;
}

const count = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "3 tasks added and 1 updated; 2 focus sessions and 1 reflection restored." */
export function describeRestore(c: RestoreCounts): string {
  const tasks =
    c.tasksAdded && c.tasksUpdated
      ? `${count(c.tasksAdded, 'task')} added and ${c.tasksUpdated.toLocaleString('en-US')} updated`
      : c.tasksAdded
        ? `${count(c.tasksAdded, 'task')} added`
        : c.tasksUpdated
          ? `${count(c.tasksUpdated, 'task')} updated`
          : null;
  const reflections = c.reflectionsAdded + c.reflectionsUpdated;
  const others = [
    c.sessionsAdded ? count(c.sessionsAdded, 'focus session') : null,
    reflections ? count(reflections, 'reflection') : null,
  ].filter((part) => part !== null);
  const restored = others.length > 0 ? `${others.join(' and ')} restored` : null;
  const parts = [tasks, restored].filter((part) => part !== null);
  return parts.length > 0 ? `${parts.join('; ')}.` : 'Everything in this backup is already here.';
}

/** "Kinetic also keeps a backup of each of the last 7 days in …; the last is from 2026-11-28." */
export function describeAuto(auto: AutoBackupStatus): string {
  const last = auto.lastDay ? ` The last is from ${auto.lastDay}.` : '';
  return `Kinetic also keeps a backup of each of the last ${auto.keepsDays} days in ${auto.folder}.${last}`;
}

export interface StorageStatus {
  /** Where main keeps the op log. */
  logFolder: string;
  /** Whether the browser storage is marked persistent (null: the browser cannot say). */
  persisted: boolean | null;
  /** Bytes the browser storage uses, when it says. */
  usage: number | null;
}

/** What the browser storage and the log are, in one or two sentences. */
export function describeStorage(s: StorageStatus): string {
  const mb = s.usage === null ? '' : ` It uses ${(s.usage / (1024 * 1024)).toFixed(1)} MB.`;
  const kept =
    s.persisted === true
      ? 'The browser storage is marked to stay (not cleared to free space).'
      : s.persisted === false
        ? 'The browser storage may be cleared when space runs low.'
        : '';
  return `Every change is also written to Kinetic's own log in ${s.logFolder}, which rebuilds your tasks if the browser storage is ever reset. ${kept}${mb}`.trim();
}

/** Asks the browser to keep this storage, and says what it holds (guards against eviction, not corruption). */
export async function storageStatus(api: Pick<KineticApi, 'oplog'>, persist = false): Promise<StorageStatus> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  const persisted = storage?.persisted
    ? await (persist && storage.persist ? storage.persist() : storage.persisted()).catch(() => null)
    : null;
  const estimate = storage?.estimate ? await storage.estimate().catch(() => null) : null;
  const { folder } = await api.oplog.hello();
  return { logFolder: folder, persisted, usage: estimate?.usage ?? null };
}

const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

export function createBackupStore(deps: BackupDeps): StoreApi<BackupState> {
  const { api, now } = deps;
  const load = deps.load ?? (() => import('./files'));
  /** Bumped by each start and unsubscribe: a read answers only the start that asked for it. */
  let generation = 0;
  return createStore<BackupState>((set, get) => ({
    busy: null,
    error: null,
    notice: null,
    auto: null,
    storage: null,

    start() {
      const run = ++generation;
      const current = (): boolean => run === generation;
      set({ error: null, notice: null });
      api.backup.autoStatus().then(
        (auto) => current() && set({ auto }),
        () => current() && set({ auto: null }), // the line about automatic backups is left out
      );
      storageStatus(api).then(
        (storage) => current() && set({ storage }),
        () => current() && set({ storage: null }),
      );
      return () => {
        if (current()) generation++;
      };
    },

    async backUp() {
      if (get().busy) return;
      set({ busy: 'saving', error: null, notice: null });
      try {
        const [{ buildBackup, backupFileName }, repos] = await Promise.all([load(), deps.repos()]);
        const at = now();
        const { data, text } = await buildBackup(repos, at);
        const result = await api.backup.save({ fileName: backupFileName(dayKey(at)), text });
        set({
          busy: null,
          notice: result.saved ? `Backed up ${count(data.tasks.length, 'task')} to ${result.path}.` : null,
        });
      } catch (error) {
        set({ busy: null, error: `Could not back up: ${errorSentence(error)}` });
      }
    },

    async restore() {
      if (get().busy) return;
      set({ busy: 'choosing', error: null, notice: null });
      try {
        const opened = await api.backup.open();
        if (opened.status === 'cancelled') return set({ busy: null });
        if (opened.status === 'refused') return set({ busy: null, error: opened.problem });
        set({ busy: 'restoring' });
        const { checkBackup } = await load();
        const parsed = await checkBackup(opened.text);
        if (!parsed.ok) return set({ busy: null, error: `${parsed.error} Nothing was changed.` });
        const repos = await deps.repos();
        const counts = await repos.backup.restore(parsed.backup, now());
        set({ busy: null, notice: `From ${fileName(opened.path)}: ${describeRestore(counts)}` });
      } catch (error) {
        set({ busy: null, error: `Could not restore: ${errorSentence(error)} Nothing was changed.` });
      }
    },
  }));
}
