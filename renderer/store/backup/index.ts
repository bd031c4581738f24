/**
 * Backing up and restoring from the main window's settings: the repositories read and merge
 * (renderer/db/backup.ts), main saves and opens the file (backup:save, backup:open), and
 * shared/backup.ts checks a file completely before anything is written.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KineticApi } from '../../../shared/api';
import type { AutoBackupStatus } from '../../../shared/ipc';
import { backupFileName, type ParsedBackup } from '../../../shared/backupFormat';
import { dayKey } from '../../../shared/days';
import type { Repositories, RestoreCounts } from '../../db';
import { errorSentence } from '../../errors';
import { buildBackup } from './build';
import { checkBackup } from './check';

export interface BackupMessage {
  tone: 'done' | 'error';
  text: string;
}

export interface BackupState {
  /** 'choosing': the open dialog is up. */
  busy: 'saving' | 'choosing' | 'restoring' | null;
  message: BackupMessage | null;
  /** Where the automatic backups are, and the day of the last one (once loaded). */
  auto: AutoBackupStatus | null;
  /** Where the op log is, and what the browser storage says of itself (once loaded). */
  storage: StorageStatus | null;
  loadAuto(): Promise<void>;
  /** Writes everything to a file the user chooses. */
  backUp(): Promise<void>;
  /** Merges a backup the user chooses into the database (never deleting anything). */
  restore(): Promise<void>;
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

const sentence = errorSentence;

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
export async function storageStatus(api: KineticApi, persist = false): Promise<StorageStatus> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  const persisted = storage?.persisted
    ? await (persist && storage.persist ? storage.persist() : storage.persisted()).catch(() => null)
    : null;
  const estimate = storage?.estimate ? await storage.estimate().catch(() => null) : null;
  const { folder } = await api.oplog.hello();
  return { logFolder: folder, persisted, usage: estimate?.usage ?? null };
}

const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

export function createBackupStore(deps: {
  repos: () => Promise<Pick<Repositories, 'backup'>>;
  api: KineticApi;
  now: () => number;
  /** Checks a file's text (default: `checkBackup`, in a Worker). */
  check?: (text: string) => Promise<ParsedBackup>;
}): StoreApi<BackupState> {
  const { api, now } = deps;
  const check = deps.check ?? checkBackup;
  return createStore<BackupState>((set, get) => ({
    busy: null,
    message: null,
    auto: null,
    storage: null,

    async loadAuto() {
      try {
        set({ auto: await api.backup.autoStatus() });
      } catch {
        set({ auto: null }); // the line about automatic backups is left out
      }
      set({ storage: await storageStatus(api).catch(() => null) });
    },

    async backUp() {
      if (get().busy) return;
      set({ busy: 'saving', message: null });
      try {
        const repos = await deps.repos();
        const at = now();
        const { data, text } = await buildBackup(repos, at);
        const result = await api.backup.save({ fileName: backupFileName(dayKey(at)), text });
        set({
          busy: null,
          message: result.saved
            ? { tone: 'done', text: `Backed up ${count(data.tasks.length, 'task')} to ${result.path}.` }
            : null,
        });
      } catch (error) {
        set({ busy: null, message: { tone: 'error', text: `Could not back up: ${sentence(error)}` } });
      }
    },

    async restore() {
      if (get().busy) return;
      set({ busy: 'choosing', message: null });
      try {
        const opened = await api.backup.open();
        if (opened.status === 'cancelled') return set({ busy: null });
        if (opened.status === 'refused') {
          return set({ busy: null, message: { tone: 'error', text: opened.problem } });
        }
        set({ busy: 'restoring' });
        const parsed = await check(opened.text);
        if (!parsed.ok) {
          return set({
            busy: null,
            message: { tone: 'error', text: `${parsed.error} Nothing was changed.` },
          });
        }
        set({ busy: 'restoring' });
        const repos = await deps.repos();
        const counts = await repos.backup.restore(parsed.backup, now());
        set({
          busy: null,
          message: { tone: 'done', text: `From ${fileName(opened.path)}: ${describeRestore(counts)}` },
        });
      } catch (error) {
        set({
          busy: null,
          message: { tone: 'error', text: `Could not restore: ${sentence(error)} Nothing was changed.` },
        });
      }
    },
  }));
}
