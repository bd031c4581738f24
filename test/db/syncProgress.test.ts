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
import { MemoryLogFolder } from '../fakes/memoryLogFolder';
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

/** Main's log service and a window's link to it, as the preload wires them. */
async function mainLog(): Promise<{ service: OplogService; link: LogLink; changed: () => void }> {
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
  return { service, link, changed: () => listeners.forEach((listener) => listener()) };
}

/** A window's database linked to the log, its catch-ups costing time on a fake clock. */
function linkedWindow(link: LogLink, name: string, start: number) {
  let time = start;
  let reported = 0;
  const notices: string[] = [];
  const progress = catchUpProgress(
    () => time,
    (text) => notices.push(text),
  );
  const db = openTestDb(name);
  opened.push(db);
  const durable = connectLog(db, link, {
    now: () => T0,
    progress: (done, total, kind) => {
      // `done` counts up within one catch-up, and starts again at the next.
      time += (done >= reported ? done - reported : done) * MS_PER_ROW;
      reported = done;
      progress.progress(done, total, kind);
    },
  });
  link.onChanged!(() => progress.arrived());
  return { db, durable, notices, wait: (ms: number) => (time += ms) };
}

describe('merging other devices’ changes in a window', () => {
  it('says how far a merge is once it runs past a second, and nothing for a short one', async () => {
    const { service, link, changed } = await mainLog();
    const { db, durable, notices, wait } = linkedWindow(link, uniqueDbName('merge-progress'), T0);
    await durable.ready;
    const arrive = async (ops: SyncOp[]): Promise<void> => {
      await service.receive('laptop', ops);
      changed();
      await durable.sync();
    };

    // The first ten fill the empty database (a rebuild); the rest are merged in batches.
    await arrive(laptopOps(10, 0));
    expect(notices).toEqual([]);
    wait(60_000);
    await arrive(laptopOps(2500, 10));
    expect(notices).toEqual([
      'Merging changes from your other devices… 80%',
      'Merging changes from your other devices… 100%',
    ]);
    expect(await db.table('tasks').count()).toBe(2510);
  }, 60_000);

  it('says it is merging, not restoring, when the changes are taken at start', async () => {
    const { service, link } = await mainLog();
    const name = uniqueDbName('merge-at-start');
    const first = linkedWindow(link, name, T0);
    await service.receive('laptop', laptopOps(10, 0));
    await first.durable.ready;
    expect(await first.db.table('tasks').count()).toBe(10);
    first.db.close();
    // While the app was closed, the laptop's changes arrived.
    await service.receive('laptop', laptopOps(2500, 10));
    const again = linkedWindow(link, name, T0 + 60_000);
    await again.durable.ready;
    expect(await again.db.table('tasks').count()).toBe(2510);
    expect(again.notices).toEqual([
      'Merging changes from your other devices… 80%',
      'Merging changes from your other devices… 100%',
    ]);
  }, 60_000);
});
