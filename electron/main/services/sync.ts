/**
 * Sync through a folder that another tool (Syncthing, Dropbox, iCloud Drive, Nextcloud) keeps in
 * step between devices. Kinetic writes only `<folder>/Kinetic/<this device>/`: a copy of its own
 * op log (segments and snapshots) and `device.json`. It reads every other device's folder there
 * and keeps their ops beside its own log (OplogService.receive), from which each window's database
 * takes what it lacks and merges it per field. It never deletes anything but its own copies of
 * segments its own snapshot covers, and a folder that is emptied, missing or unreadable changes
 * nothing here.
 */
import { z } from 'zod';
import { hlcTime, isDeviceId } from '../../../shared/sync';
import { parseLogFileInTurns } from '../../../shared/syncSnapshot';
import { type DeviceFile, type SyncDevice, type SyncStatus } from '../../../shared/syncStatus';
import type { ClockPort, LogFolderPort, Logger, StorePort, SyncFolderPort, TimerHandle } from '../ports';
import type { OplogService } from './oplog';
import { PersistedDoc } from './persisted';
import { DEVICE_FILE, MAX_FILE_BYTES, describe, logFiles, readManifest } from './syncFiles';

const settingsSchema = z.object({ folder: z.string().min(1).max(4096).nullable(), name: z.string().max(64) });
type SyncSettings = z.infer<typeof settingsSchema>;

/** How often the folder is looked at without a change event (network drives send none). */
export const POLL_MS = 5000;
/** Changes of this device's log are mirrored after this pause (appends come in bursts). */
export const MIRROR_DELAY_MS = 150;
/** How often `device.json` says the device is alive when nothing else changed. */
export const SEEN_EVERY_MS = 10 * 60_000;

export interface SyncDeps {
  store: StorePort;
  clock: ClockPort;
  log: Logger;
  oplog: OplogService;
  /** This device's own log folder (main's `<userData>/oplog`). */
  local: LogFolderPort;
  /** The `Kinetic` folder inside the chosen folder. */
  open(folder: string): SyncFolderPort;
  defaultName: string;
}

interface Remote {
  name: string;
  /** Sizes of the files last read, and their skipped lines. */
  read: Map<string, { size: number; skipped: number }>;
}

export class SyncService {
  private readonly doc: PersistedDoc<SyncSettings>;
  private folder: SyncFolderPort | null = null;
  private stopWatch: (() => void) | null = null;
  private poll: TimerHandle | null = null;
  private mirrorTimer: TimerHandle | null = null;
  private problem: string | null = null;
  private readonly remotes = new Map<string, Remote>();
  private work: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private readonly arrivals = new Set<() => void>();

  constructor(private readonly deps: SyncDeps) {
    this.doc = new PersistedDoc(
      deps.store,
      'sync.json',
      settingsSchema,
      { folder: null, name: '' },
      deps.log,
    );
    deps.oplog.onChange((device) => {
      if (device === deps.oplog.deviceId()) this.scheduleMirror();
    });
  }

  async load(): Promise<void> {
    const settings = await this.doc.load();
    if (settings.folder) this.start(settings.folder);
  }

  /** Status changes (settings shows them). */
  onChange(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Other devices' ops arrived: the windows' databases should take them. */
  onArrival(listener: () => void): () => void {
    this.arrivals.add(listener);
    return () => this.arrivals.delete(listener);
  }

  private emit(): void {
    const status = this.status();
    // Every look at the folder ends here: only a change is worth telling the windows.
    const text = JSON.stringify(status);
    if (text === this.emitted) return;
    this.emitted = text;
    for (const listener of this.listeners) listener(status);
  }

  private emitted = '';

  status(): SyncStatus {
    const settings = this.doc.get();
    const device = this.deps.oplog.deviceId();
    const name = settings.name || this.deps.defaultName;
    // When each device made the newest of its changes kept here (its stamp's time): main's log
    // keeps them, so this holds across restarts, and it is not when this device happened to look.
    const newest = this.deps.oplog.newest();
    const devices: SyncDevice[] = settings.folder
      ? [
          { id: device, name, self: true, lastChangeAt: null, skipped: 0 },
          ...[...this.remotes].map(([id, remote]) => ({
            id,
            name: remote.name || id,
            self: false,
            lastChangeAt: newest.has(id) ? hlcTime(newest.get(id)!) : null,
            skipped: [...remote.read.values()].reduce((sum, file) => sum + file.skipped, 0),
          })),
        ]
      : [];
    return { folder: settings.folder, name, device, problem: this.problem, devices };
  }

  /** Starts syncing through `folder` (merging what it already holds). */
  async choose(folder: string): Promise<SyncStatus> {
    this.stop();
    await this.doc.set({ ...this.doc.get(), folder });
    this.start(folder);
    await this.work;
    return this.status();
  }

  /** Stops reading and writing the folder; deletes nothing, here or there. */
  async off(): Promise<SyncStatus> {
    this.stop();
    await this.doc.set({ ...this.doc.get(), folder: null });
    this.emit();
    return this.status();
  }

  async rename(name: string): Promise<SyncStatus> {
    await this.doc.set({ ...this.doc.get(), name });
    if (this.folder) this.scheduleMirror(0);
    this.emit();
    return this.status();
  }

  private start(path: string): void {
    const folder = this.deps.open(path);
    this.folder = folder;
    this.remotes.clear();
    this.listed = '';
    this.stopWatch = folder.watch(() => this.schedule());
    this.schedule();
  }

  private stop(): void {
    this.stopWatch?.();
    this.stopWatch = null;
    if (this.poll) this.deps.clock.clearTimeout(this.poll);
    if (this.mirrorTimer) this.deps.clock.clearTimeout(this.mirrorTimer);
    this.poll = this.mirrorTimer = null;
    this.folder = null;
    this.problem = null;
  }

  /** One look at the folder: mirror this device's log, then read the others. */
  private schedule(): void {
    const folder = this.folder;
    // One look waiting is enough: change events come in bursts (our own writes among them).
    if (!folder || this.queued) return;
    this.queued = true;
    this.work = this.work
      .then(() => {
        this.queued = false;
        return this.round(folder);
      })
      .catch(() => undefined);
  }

  private queued = false;

  private scheduleMirror(delay = MIRROR_DELAY_MS): void {
    if (!this.folder || this.mirrorTimer) return;
    this.mirrorTimer = this.deps.clock.setTimeout(() => {
      this.mirrorTimer = null;
      this.schedule();
    }, delay);
  }

  private async round(folder: SyncFolderPort): Promise<void> {
    if (this.poll) this.deps.clock.clearTimeout(this.poll);
    this.poll = null;
    try {
      if (!(await folder.exists())) {
        this.problem = 'The sync folder is missing: Kinetic keeps everything here and waits for it.';
      } else {
        await this.mirror(folder);
        await this.readOthers(folder);
        this.problem = null;
      }
    } catch (error) {
      this.problem = `The sync folder cannot be used right now (${describe(error)}): nothing here changed.`;
      this.deps.log.warn(`sync: ${String(error)}`);
    }
    if (this.folder === folder) {
      this.poll = this.deps.clock.setTimeout(() => this.schedule(), POLL_MS);
      this.emit();
    }
  }

  /** Copies this device's log files that changed; removes only its own copies its snapshot covers. */
  private async mirror(folder: SyncFolderPort): Promise<void> {
    const device = this.deps.oplog.deviceId();
    const local = await this.deps.local.sizes(device);
    const there = await folder.sizes(device);
    const files: Record<string, number> = {};
    for (const name of logFiles(local.keys())) {
      const size = local.get(name)!;
      if (there.get(name) === size) {
        files[name] = size;
        continue;
      }
      // The file may grow meanwhile: the manifest lists what was written.
      const text = await this.deps.local.read(device, name);
      await folder.write(device, name, text);
      files[name] = new TextEncoder().encode(text).length;
    }
    const settings = this.doc.get();
    const file: DeviceFile = {
      id: device,
      name: settings.name || this.deps.defaultName,
      lastSeen: this.deps.clock.now(),
      files,
    };
    // Rewritten when its files or name change, and now and then to say the device is alive: each
    // write is a change the sync tool carries, and one this device's watcher sees.
    const listed = JSON.stringify({ name: file.name, files });
    const stale = file.lastSeen - this.seenAt >= SEEN_EVERY_MS;
    if (listed !== this.listed || !there.has(DEVICE_FILE) || stale) {
      await folder.write(device, DEVICE_FILE, JSON.stringify(file) + '\n');
      this.listed = listed;
      this.seenAt = file.lastSeen;
    }
    // Only now that the manifest no longer lists them: copies of segments a snapshot covers.
    for (const name of logFiles(there.keys())) {
      if (!local.has(name)) await folder.remove(device, name);
    }
  }

  private listed = '';
  private seenAt = 0;

  private async readOthers(folder: SyncFolderPort): Promise<void> {
    const device = this.deps.oplog.deviceId();
    let arrived = false;
    for (const dir of await folder.dirs()) {
      if (dir === device || !isDeviceId(dir)) continue;
      const remote = this.remotes.get(dir) ?? { name: '', read: new Map() };
      this.remotes.set(dir, remote);
      const sizes = await folder.sizes(dir);
      const manifest = sizes.has(DEVICE_FILE) ? await readManifest(folder, dir) : null;
      if (!manifest) continue;
      remote.name = manifest.name;
      for (const name of logFiles(Object.keys(manifest.files))) {
        const size = sizes.get(name);
        // Not all there yet: the rest waits, so that ops are taken in the device's order.
        if (size === undefined || size < manifest.files[name]!) break;
        if (remote.read.get(name)?.size === size) continue;
        if (size > MAX_FILE_BYTES) {
          // Not a file Kinetic writes (a year's snapshot is a few MB): counted, never read.
          remote.read.set(name, { size, skipped: 1 });
          break;
        }
        const { ops, bad } = await parseLogFileInTurns(
          name,
          await folder.read(dir, name),
          this.deps.oplog.turn,
        );
        const { added, refused } = await this.deps.oplog.receive(dir, ops);
        remote.read.set(name, { size, skipped: bad + refused });
        if (added > 0) arrived = true;
      }
    }
    if (arrived) for (const listener of this.arrivals) listener();
  }

  /** Looks at the folder now (after a change event, or when asked); resolves when done. */
  refresh(): Promise<void> {
    this.schedule();
    return this.work.then(() => undefined);
  }

  close(): void {
    this.stop();
  }
}
