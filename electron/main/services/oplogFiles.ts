/** The op log's file names, and what a failed write tells the user. */
import { DISK_FULL } from '../../../shared/sync';

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
