/**
 * A window's catch-up with main's log after other devices' changes arrive, as the main window
 * wires it (renderer/windows/main/app.tsx): the real catch-up (oplog/link.ts) reports each batch,
 * and catchUpProgress says how far a long merge is; a short one says nothing. Each op or row a
 * catch-up reports done is taken to cost 0.6 ms of a fake clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connectLog, type LogLink } from '../../renderer/db/oplog/link';
import type { KineticDb } from '../../renderer/db/schema';
import { ownFields } from '../../renderer/db/oplog/record';
import { catchUpProgress } from '../../renderer/store/sync/progress';
import { OplogService } from '../../electron/main/services/oplog';
import { nextHlc, type SyncOp } from '../../shared/sync';
import { openTask } from '../../shared/types';
import { MemoryLogFolder } from '../main/memoryLogFolder';
import { MemoryStore } from '../fakes/memoryStore';
import { openTestDb, uniqueDbName } from './fixtures/helpers';

const T0 = Date.UTC(2026, 11, 8, 9, 0);
const MS_PER_ROW = 0.6;

const opened: KineticDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

/** `count` new tasks made on the laptop. */
function laptopOps(count: number, from: number): SyncOp[] {
  let hlc: string | null = null;
  const ops: SyncOp[] = [];
  for (let i = from; i < from + count; i++) {
    hlc = nextHlc(hlc, T0 + i, 'laptop');
    const task = openTask(`t${i}`, `task ${i}`, T0 + i) as unknown as Record<string, unknown>;
    ops.push({ hlc, device: 'laptop', table: 'tasks', id: `t${i}`, set: ownFields('tasks', task) });
  }
  return ops;
}

describe('merging other devices’ changes in a window', () => {
  it('says how far a merge is once it runs past a second, and nothing for a short one', async () => {
    const service = new OplogService(
      new MemoryLogFolder(),
      new MemoryStore(),
      { warn: () => undefined },
      () => 'desktop',
    );
    await service.load();
    const listeners = new Set<() => void>();
    const link: LogLink = {
      hello: () => Promise.resolve({ device: service.deviceId() }),
      append: ({ ops }) => service.append(ops),
      read: ({ after, cursor }) => service.read(after, cursor),
      recovered: () => Promise.resolve(null),
      onChanged: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    let time = T0;
    let reported = 0;
    const notices: string[] = [];
    const progress = catchUpProgress(
      () => time,
      (text) => notices.push(text),
    );
    const db = openTestDb(uniqueDbName('merge-progress'));
    opened.push(db);
    const durable = connectLog(db, link, {
      now: () => T0,
      progress: (done, total) => {
        // `done` counts up within one catch-up, and starts again at the next.
        time += (done >= reported ? done - reported : done) * MS_PER_ROW;
        reported = done;
        progress.progress(done, total);
      },
    });
    link.onChanged!(() => progress.arrived());
    await durable.ready;
    const arrive = async (ops: SyncOp[]): Promise<void> => {
      await service.receive('laptop', ops);
      listeners.forEach((listener) => listener());
      await durable.sync();
    };

    // The first ten fill the empty database (a rebuild); the rest are merged in batches.
    await arrive(laptopOps(10, 0));
    expect(notices).toEqual([]);
    time += 60_000;
    await arrive(laptopOps(2500, 10));
    expect(notices).toEqual([
      'Merging changes from your other devices… 80%',
      'Merging changes from your other devices… 100%',
    ]);
    expect(await db.table('tasks').count()).toBe(2510);
  }, 60_000);
});
