/** The op log's file names, limits and messages: what a failed write or a recovery says. */
import { compareHlc, DISK_FULL } from '../../../shared/sync';

/** A segment of op lines, and a snapshot covering every segment numbered below it. */
export const SEGMENT = /^seg-(\d{8})\.jsonl$/;
export const SNAPSHOT = /^snap-(\d{8})\.jsonl$/;
export const segmentName = (n: number): string => `seg-${String(n).padStart(8, '0')}.jsonl`;
export const snapshotName = (n: number): string => `snap-${String(n).padStart(8, '0')}.jsonl`;
export const numbered = (names: string[], pattern: RegExp): number[] =>
  names.flatMap((name) => {
    const match = pattern.exec(name);
    return match ? [Number(match[1])] : [];
  });

/** An append that did not reach the disk: nothing of it is reported done. */
export class LogWriteError extends Error {
  override name = 'LogWriteError';
}

export function writeProblem(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return DISK_FULL;
  }
  const reason = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
  return `Kinetic could not write its log on disk (${reason.slice(0, 120)}).`;
}

export interface OplogLimits {
  /** A segment past this size is closed and the next append starts a new one. */
  segmentBytes: number;
  /** After this many ops in segments, a snapshot is written and the covered segments go. */
  compactAfterOps: number;
}

export const OPLOG_LIMITS: OplogLimits = { segmentBytes: 1024 * 1024, compactAfterOps: 10_000 };
/** Ops per answer of `read`. */
export const READ_PAGE = 5000;

export interface OplogStatus {
  device: string;
  folder: string;
  /** Ops in segments not yet covered by a snapshot. */
  liveOps: number;
}

/** What a window took from the log at start (`oplog:recovered`). */
export interface RecoveryReport {
  ops: number;
  rebuilt: boolean;
  refused: number;
  dataLoss: string | null;
}

/** The line main's log keeps of a window's recovery. */
export function recoveryMessage(report: RecoveryReport, window: string): string {
  const loss = report.dataLoss ? ` Chromium reported data loss '${report.dataLoss}' when opening it.` : '';
  const what = report.rebuilt
    ? `rebuilt the database from ${report.ops} ops of the log`
    : `applied ${report.ops} ops of the log the database lacked`;
  return `oplog: the ${window} window ${what} (${report.refused} refused).${loss}`;
}

/** Whether a database that has each device's ops up to `after[device]` lacks the op stamped `hlc`. */
export function lacks(after: Readonly<Record<string, string>>, device: string, hlc: string): boolean {
  const seen = Object.prototype.hasOwnProperty.call(after, device) ? after[device] : undefined;
  return seen === undefined || compareHlc(hlc, seen) > 0;
}
