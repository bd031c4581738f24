/**
 * What a long catch-up with main's log says while it runs: a rebuild of the database from the log
 * (at start), or a merge of changes other devices made (once they arrive). Quiet for the first
 * second, so that a normal start or merge shows nothing.
 */

/** How long a catch-up runs before it says how far it is. */
export const QUIET_MS = 1000;

export interface CatchUpProgress {
  /** Other devices' changes reached the log: the second of quiet counts from now. */
  arrived(): void;
  /**
   * A catch-up's progress, as the database reports it after each batch: a merge of other
   * devices' changes, or a restore of this device's own (a rebuild after a reset).
   */
  progress(done: number, total: number, kind: 'restore' | 'merge'): void;
}

export function catchUpProgress(now: () => number, notice: (text: string) => void): CatchUpProgress {
  let started = now();
  return {
    arrived() {
      started = now();
    },
    progress(done, total, kind) {
      if (total <= 0 || now() - started <= QUIET_MS) return;
      const percent = Math.floor((Math.min(done, total) / total) * 100);
      notice(
        kind === 'merge'
          ? `Merging changes from your other devices… ${percent}%`
          : `Restoring your tasks from Kinetic's log… ${percent}%`,
      );
    },
  };
}
