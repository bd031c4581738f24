/**
 * The op log on disk: every op a window's database records is appended here and synced before
 * the window is told it is safe; the database can always be rebuilt from it. One folder per
 * device (`oplog/<device>/`, deviceLog.ts): this device's own ops, and those other devices'
 * logs brought through a sync folder (sync.ts), kept here too.
 */
import { z } from 'zod';
import {
  TURN_SLICE,
  compareHlc,
  hlcDevice,
  isDeviceId,
  isHlc,
  toSyncOp,
  type SyncOp,
} from '../../../shared/sync';
import type { LogFolderPort, StorePort } from '../ports';
import type { Logger } from '../ports';
import { PersistedDoc } from './persisted';
import { DeviceLog } from './deviceLog';
import { nextTurn } from './turns';
import {
  OPLOG_LIMITS,
  READ_PAGE,
  lacks,
  recoveryMessage,
  type OplogLimits,
  type OplogStatus,
  type RecoveryReport,
} from './oplogFiles';

export { LogWriteError, OPLOG_LIMITS, READ_PAGE } from './oplogFiles';
export type { OplogLimits, OplogStatus } from './oplogFiles';

const deviceSchema = z.object({ id: z.string().refine(isDeviceId) });

export class OplogService {
  private readonly deviceDoc: PersistedDoc<{ id: string } | null>;
  private device = '';
  private own: DeviceLog | null = null;
  /** Other devices' ops, by device. */
  private readonly others = new Map<string, DeviceLog>();
  private cached: { key: string; ops: SyncOp[] } | null = null;
  private readonly listeners = new Set<(device: string) => void>();

  constructor(
    private readonly folder: LogFolderPort,
    store: StorePort,
    private readonly log: Logger,
    private readonly newId: () => string,
    private readonly limits: OplogLimits = OPLOG_LIMITS,
    /** Awaited between slices of long work (main's event loop gets a turn; tests count them). */
    readonly turn: () => Promise<void> = nextTurn,
  ) {
    this.deviceDoc = new PersistedDoc(store, 'device.json', deviceSchema.nullable(), null, log);
  }

  /** This device's id: made once, kept in main's store. */
  deviceId(): string {
    return this.device;
  }

  private get mine(): DeviceLog {
    if (!this.own) throw new Error('The op log is not loaded yet.');
    return this.own;
  }

  async load(): Promise<void> {
    const stored = await this.deviceDoc.load();
    if (stored) this.device = stored.id;
    else {
      // Sixteen characters of a random id: unique enough among one person's devices, and short,
      // since every stamp ends with it.
      this.device =
        this.newId()
          .replace(/[^A-Za-z0-9_-]/g, '')
          .slice(0, 16) || 'device';
      await this.deviceDoc.set({ id: this.device });
    }
    this.own = new DeviceLog(this.folder, this.device, this.log, this.limits, this.turn);
    await this.own.load();
    for (const dir of await this.folder.dirs()) {
      if (dir === this.device || !isDeviceId(dir)) continue;
      await this.other(dir);
    }
  }

  private async other(device: string): Promise<DeviceLog> {
    let log = this.others.get(device);
    if (!log) {
      log = new DeviceLog(this.folder, device, this.log, this.limits, this.turn);
      await log.load();
      this.others.set(device, log);
    }
    return log;
  }

  /** Called with a device's id after its ops here changed (own appends and other devices'). */
  onChange(listener: (device: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(device: string): void {
    this.cached = null;
    for (const listener of this.listeners) listener(device);
  }

  /**
   * Appends this device's ops to the log and syncs it; resolves once they are on disk. Ops
   * already in the log are skipped (two windows may hand over the same outbox rows).
   */
  async append(ops: readonly SyncOp[]): Promise<{ appended: number }> {
    for (const op of ops) {
      if (op.device !== this.device || !isHlc(op.hlc) || hlcDevice(op.hlc) !== this.device) {
        throw new Error('These changes are not from this device: nothing was saved.');
      }
      // Only ops that read back as they were written (plain JSON, no prototype keys).
      if (toSyncOp(op) === null) {
        throw new Error('A change could not be written as a log line: nothing was saved.');
      }
    }
    const appended = await this.mine.append(ops);
    if (appended > 0) this.changed(this.device);
    return { appended };
  }

  /**
   * Keeps another device's ops (from a sync folder) beside this device's own, on disk. Only ops
   * stamped by that device are taken; the rest are refused. Resolves with the counts.
   */
  async receive(device: string, ops: readonly SyncOp[]): Promise<{ added: number; refused: number }> {
    if (!isDeviceId(device) || device === this.device) return { added: 0, refused: ops.length };
    const fit: SyncOp[] = [];
    for (let i = 0; i < ops.length; i += TURN_SLICE) {
      if (i > 0) await this.turn();
      for (const op of ops.slice(i, i + TURN_SLICE)) {
        if (op.device === device && isHlc(op.hlc) && hlcDevice(op.hlc) === device && toSyncOp(op) !== null) {
          fit.push(op);
        }
      }
    }
    if (fit.length === 0) return { added: 0, refused: ops.length };
    const added = await (await this.other(device)).append(fit);
    if (added > 0) this.changed(device);
    return { added, refused: ops.length - fit.length };
  }

  /** Writes a snapshot of this device's segments and removes them (see DeviceLog). */
  compact(): Promise<void> {
    return this.mine.compact();
  }

  /** The greatest stamp here of each device. */
  newest(): Map<string, string> {
    const out = new Map<string, string>();
    for (const log of [this.mine, ...this.others.values()]) if (log.newest) out.set(log.device, log.newest);
    return out;
  }

  /**
   * The log's ops that a database lacks: those of each device newer than `after[device]` (all of
   * a device it does not name), in stamp order, a page at a time from `cursor`.
   */
  async read(
    after: Readonly<Record<string, string>>,
    cursor: number,
  ): Promise<{ ops: SyncOp[]; next: number | null; total: number }> {
    const behind = [...this.newest()].filter(([device, newest]) => lacks(after, device, newest));
    if (behind.length === 0) return { ops: [], next: null, total: 0 };
    const key = JSON.stringify(after);
    if (cursor === 0 || this.cached?.key !== key) {
      const wanted: SyncOp[] = [];
      for (const [device] of behind) {
        const log = device === this.device ? this.mine : this.others.get(device)!;
        for (const op of await log.ops()) if (lacks(after, op.device, op.hlc)) wanted.push(op);
      }
      this.cached = { key, ops: wanted.sort((a, b) => compareHlc(a.hlc, b.hlc)) };
    }
    const ops = this.cached.ops;
    const end = cursor + READ_PAGE;
    return { ops: ops.slice(cursor, end), next: end < ops.length ? end : null, total: ops.length };
  }

  /** This device's own ops, snapshot and segments (what a sync folder mirrors). */
  ownOps(): Promise<SyncOp[]> {
    return this.mine.ops();
  }

  /** A window's report of what it took from the log at start (main's log says it). */
  reported(report: RecoveryReport, window: string): void {
    this.log.warn(recoveryMessage(report, window));
  }

  status(): OplogStatus {
    return { device: this.device, folder: `${this.folder.path}/${this.device}`, liveOps: this.mine.liveOps };
  }
}
