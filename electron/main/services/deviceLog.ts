/**
 * One device's ops in the log folder (`oplog/<device>/`): segments of op lines (`seg-N.jsonl`),
 * capped in size, and a snapshot (`snap-N.jsonl`) of everything in the segments before N, which
 * may then go. This device's own log is one; each other device's ops, taken from a sync folder,
 * are kept in another, so that the database can be rebuilt from this disk alone.
 */
import { TURN_SLICE, compareHlc, materializeInTurns, serializeOp, type SyncOp } from '../../../shared/sync';
import { parseLogFile, parseLogFileInTurns, snapshotLinesInTurns } from '../../../shared/syncSnapshot';
import type { LogFolderPort, Logger } from '../ports';
import { nextTurn } from './turns';
import {
  LogWriteError,
  SEGMENT,
  SNAPSHOT,
  numbered,
  segmentName,
  snapshotName,
  writeProblem,
  type OplogLimits,
} from './oplogFiles';

export class DeviceLog {
  private segment = 1;
  private segmentSize = 0;
  private roll = false;
  /** Ops in segments a snapshot does not cover yet. */
  liveOps = 0;
  private readonly known = new Set<string>();
  /** The greatest stamp of this device's ops here. */
  newest: string | null = null;
  private appends: Promise<unknown> = Promise.resolve();
  /** Reads of the files and compactions, one at a time (a compaction removes files). */
  private files: Promise<unknown> = Promise.resolve();
  private compacting = false;

  constructor(
    private readonly folder: LogFolderPort,
    readonly device: string,
    private readonly log: Logger,
    private readonly limits: OplogLimits,
    private readonly turn: () => Promise<void> = nextTurn,
  ) {}

  async load(): Promise<void> {
    const names = await this.folder.list(this.device);
    for (const name of names.filter((n) => n.endsWith('.tmp'))) await this.remove(name);
    const snapshots = numbered(names, SNAPSHOT).sort((a, b) => a - b);
    const base = snapshots.at(-1) ?? 0;
    // What a newer snapshot covers is left over from a compaction cut short.
    for (const n of snapshots.slice(0, -1)) await this.remove(snapshotName(n));
    const segments = numbered(names, SEGMENT).sort((a, b) => a - b);
    for (const n of segments.filter((n) => n < base)) await this.remove(segmentName(n));
    const live = segments.filter((n) => n >= base);
    // Never append after a line a crash may have cut: this run starts a segment of its own.
    this.segment = Math.max(base, ...live) + 1;
    if (base > 0) this.see((await this.readFile(snapshotName(base))).ops, true);
    for (const n of live) {
      const name = segmentName(n);
      const text = await this.folder.read(this.device, name);
      const { ops, bad } = parseLogFile(name, text);
      const lastLine = text.slice(text.lastIndexOf('\n') + 1);
      const torn = bad === 1 && !text.endsWith('\n') && parseLogFile(name, lastLine).bad === 1;
      if (bad > 0 && !torn) {
        // If even that fails (a full disk), the file stays as it is and is read again next time.
        const asideOk = await this.setAside(name, ops, bad).then(
          () => true,
          (error: unknown) => {
            this.log.warn(`oplog: could not set ${name} aside (${String(error)}); kept in place`);
            return false;
          },
        );
        if (asideOk) continue;
      }
      if (torn) this.log.warn(`oplog: ${name} ends in a line cut short (a crash while writing); skipped`);
      this.see(ops, true);
      this.liveOps += ops.length;
    }
  }

  /** A segment with unreadable lines: its readable ops go to the current segment; the file stays, renamed. */
  private async setAside(name: string, ops: SyncOp[], bad: number): Promise<void> {
    if (ops.length > 0) await this.write(ops);
    const aside = `${name}.corrupt-${Date.now()}`;
    await this.folder.rename(this.device, name, aside);
    this.log.warn(
      `oplog: ${name} had ${bad} unreadable lines; its ${ops.length} readable ops were copied, the file kept as ${aside}`,
    );
  }

  private see(ops: readonly SyncOp[], remember: boolean): void {
    for (const op of ops) {
      if (remember) this.known.add(op.hlc);
      if (this.newest === null || compareHlc(op.hlc, this.newest) > 0) this.newest = op.hlc;
    }
  }

  private async remove(name: string): Promise<void> {
    await this.folder.remove(this.device, name).catch((error: unknown) => {
      this.log.warn(`oplog: could not remove ${name} (${String(error)})`);
    });
  }

  private async readFile(name: string): Promise<{ ops: SyncOp[]; bad: number }> {
    const result = await parseLogFileInTurns(name, await this.folder.read(this.device, name), this.turn);
    if (result.bad > 0) this.log.warn(`oplog: ${name}: ${result.bad} unreadable lines skipped`);
    return result;
  }

  /** Appends the ops not here yet and syncs them; resolves with how many were new. */
  append(ops: readonly SyncOp[]): Promise<number> {
    const run = this.appends.then(() => this.write(ops));
    this.appends = run.catch(() => undefined);
    return run;
  }

  private async write(ops: readonly SyncOp[]): Promise<number> {
    const fresh: SyncOp[] = [];
    const batch = new Set<string>();
    for (const op of ops) {
      if (this.known.has(op.hlc) || batch.has(op.hlc)) continue;
      batch.add(op.hlc);
      fresh.push(op);
    }
    if (fresh.length === 0) return 0;
    const parts: string[] = [];
    const encoder = new TextEncoder();
    let size = 0;
    for (let i = 0; i < fresh.length; i += TURN_SLICE) {
      if (i > 0) await this.turn();
      const part =
        fresh
          .slice(i, i + TURN_SLICE)
          .map(serializeOp)
          .join('\n') + '\n';
      parts.push(part);
      size += encoder.encode(part).length;
    }
    const text = parts.join('');
    if (this.roll || (this.segmentSize > 0 && this.segmentSize + size > this.limits.segmentBytes)) {
      this.segment++;
      this.segmentSize = 0;
      this.roll = false;
    }
    try {
      await this.folder.append(this.device, segmentName(this.segment), text);
    } catch (error) {
      // Part of it may have reached the file: the next append starts a new segment after it.
      this.roll = true;
      this.log.warn(`oplog: append failed (${String(error)})`);
      throw new LogWriteError(writeProblem(error));
    }
    this.segmentSize += size;
    this.liveOps += fresh.length;
    this.see(fresh, true);
    if (this.liveOps >= this.limits.compactAfterOps && !this.compacting) void this.compact();
    return fresh.length;
  }

  /**
   * Writes a snapshot of everything before the current segment, then removes what it covers.
   * New appends go on in a new segment meanwhile.
   */
  compact(): Promise<void> {
    this.compacting = true;
    const run = this.appends.then(() => {
      const upTo = this.segment + 1;
      this.segment = upTo;
      this.segmentSize = 0;
      this.roll = false;
      return this.exclusive(async () => {
        const names = await this.folder.list(this.device);
        const covered = names.filter((name) => {
          const match = SEGMENT.exec(name) ?? SNAPSHOT.exec(name);
          return match !== null && Number(match[1]) < upTo;
        });
        const ops: SyncOp[] = [];
        let segmentOps = 0;
        for (const name of covered) {
          const { ops: fileOps } = await this.readFile(name);
          for (const op of fileOps) ops.push(op);
          if (SEGMENT.test(name)) segmentOps += fileOps.length;
        }
        const state = await materializeInTurns(ops, this.turn);
        const lines = await snapshotLinesInTurns(state, this.turn);
        await this.folder.write(
          this.device,
          snapshotName(upTo),
          lines.join('\n') + (lines.length ? '\n' : ''),
        );
        for (const name of covered) await this.remove(name);
        this.liveOps = Math.max(0, this.liveOps - segmentOps);
        // The snapshot's ops keep their stamps: what it holds is still known.
        this.known.clear();
        for (const records of Object.values(state)) {
          for (const record of Object.values(records))
            for (const hlc of Object.values(record.stamps)) this.known.add(hlc);
        }
      });
    });
    this.appends = run.catch(() => undefined);
    return run
      .catch((error: unknown) => this.log.warn(`oplog: compaction failed (${String(error)}); segments kept`))
      .finally(() => {
        this.compacting = false;
      });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.files.then(work);
    this.files = run.catch(() => undefined);
    return run;
  }

  /** Every op in the snapshot and segments. */
  ops(): Promise<SyncOp[]> {
    return this.exclusive(async () => {
      const names = await this.folder.list(this.device);
      const base = Math.max(0, ...numbered(names, SNAPSHOT));
      const files = [
        ...(base > 0 ? [snapshotName(base)] : []),
        ...numbered(names, SEGMENT)
          .filter((n) => n >= base)
          .sort((a, b) => a - b)
          .map(segmentName),
      ];
      const ops: SyncOp[] = [];
      for (const name of files) for (const op of (await this.readFile(name)).ops) ops.push(op);
      return ops;
    });
  }
}
