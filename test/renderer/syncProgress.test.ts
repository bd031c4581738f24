/**
 * The main window's message during a long catch-up with main's log (renderer/store/sync/progress.ts):
 * a merge of other devices' changes, or a rebuild, that runs past a second says how far it is; a
 * quick one says nothing.
 */
import { describe, expect, it } from 'vitest';
import { catchUpProgress } from '../../renderer/store/sync/progress';

const T0 = Date.UTC(2026, 11, 8, 9, 0);

function rig() {
  let time = T0;
  const notices: string[] = [];
  const progress = catchUpProgress(
    () => time,
    (text) => notices.push(text),
  );
  return { progress, notices, advance: (ms: number) => (time += ms) };
}

describe('catch-up progress', () => {
  it('a merge that runs past a second says how far it is', () => {
    const { progress, notices, advance } = rig();
    advance(60_000);
    progress.arrived();
    advance(400);
    progress.progress(1000, 4000, 'merge');
    expect(notices).toEqual([]);
    advance(700);
    progress.progress(2000, 4000, 'merge');
    advance(500);
    progress.progress(3000, 4000, 'merge');
    expect(notices).toEqual([
      'Merging changes from your other devices… 50%',
      'Merging changes from your other devices… 75%',
    ]);
  });

  it('a quick merge says nothing', () => {
    const { progress, notices, advance } = rig();
    advance(60_000);
    progress.arrived();
    advance(300);
    progress.progress(1000, 1500, 'merge');
    advance(300);
    progress.progress(1500, 1500, 'merge');
    expect(notices).toEqual([]);
  });

  it('a long rebuild at start says it is restoring; a quick merge after it stays quiet', () => {
    const { progress, notices, advance } = rig();
    advance(200);
    progress.progress(1000, 3000, 'restore');
    advance(1000);
    progress.progress(2000, 3000, 'restore');
    expect(notices).toEqual(["Restoring your tasks from Kinetic's log… 66%"]);
    // Changes from another device, later: the second counts from their arrival.
    advance(60_000);
    progress.arrived();
    advance(500);
    progress.progress(10, 10, 'merge');
    expect(notices).toHaveLength(1);
  });

  it('says nothing for an empty catch-up', () => {
    const { progress, notices, advance } = rig();
    advance(5000);
    progress.progress(0, 0, 'merge');
    expect(notices).toEqual([]);
  });
});
