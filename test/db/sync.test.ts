/**
 * Devices that sync through a folder converge: each device's window database (the real
 * repositories on fake-indexeddb), its main-process log and sync service, and a simulated sync
 * tool that copies files between the devices' copies of the folder in any order, twice, or cut
 * short, as Syncthing can while a file is still being written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRepositories, type NewTask, type Repositories } from '../../renderer/db';
import { fromRow, type KineticDb } from '../../renderer/db/schema';
import { connectLog, type Durable, type LogLink } from '../../renderer/db/oplog/link';
import { OplogService } from '../../electron/main/services/oplog';
import { SyncService } from '../../electron/main/services/sync';
import { materialize, type SyncOp } from '../../shared/sync';
import { MemoryLogFolder } from '../fakes/memoryLogFolder';
import { MemorySyncFolder } from '../fakes/memorySyncFolder';
import { MemoryStore } from '../fakes/memoryStore';
import { dbContents, openTestDb, uniqueDbName } from './fixtures/helpers';

const T0 = Date.UTC(2026, 11, 7, 9, 0);
const quiet = { warn: () => undefined };
const input = (title: string): NewTask => ({ title, due: null, estimateMin: null, tags: [], priority: null });

const opened: KineticDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

interface Device {
  id: string;
  oplog: OplogService;
  sync: SyncService;
  view: MemorySyncFolder;
  db: KineticDb;
  repos: Repositories;
  durable: Durable;
}

async function device(id: string, skewMs: number): Promise<Device> {
  const local = new MemoryLogFolder(`/memory/${id}/oplog`);
  const store = new MemoryStore();
  // Polling never fires here: each device looks when a step says so.
  const clock = { now: () => T0 + skewMs, setTimeout: () => ({ id: 0 }), clearTimeout: () => undefined };
  // Small segments and early snapshots: many files, delivered in any order.
  const oplog = new OplogService(local, store, quiet, () => id, { segmentBytes: 600, compactAfterOps: 12 });
  await oplog.load();
  const view = new MemorySyncFolder(`/memory/${id}/sync`);
  const sync = new SyncService({ store, clock, log: quiet, oplog, local, open: () => view, defaultName: id });
  await sync.load();
  const listeners = new Set<() => void>();
  sync.onArrival(() => listeners.forEach((l) => l()));
  const link: LogLink = {
    hello: () => Promise.resolve({ device: oplog.deviceId() }),
    append: ({ ops }) => oplog.append(ops),
    read: ({ after, cursor }) => oplog.read(after, cursor),
    recovered: () => Promise.resolve(null),
  };
  const db = openTestDb(uniqueDbName(`sync-${id}`));
  opened.push(db);
  db.wallClock = () => Date.now() + skewMs;
  // The device's own wall clock (a day of skew between devices still converges).
  const durable = connectLog(db, link, { now: () => clock.now() });
  await durable.ready;
  return { id, oplog, sync, view, db, repos: createRepositories(db), durable };
}

async function ownOps(d: Device): Promise<SyncOp[]> {
  return d.oplog.ownOps();
}

/** The sync tool: copies one file of `owner`'s folder from its view to `to`'s, whole or cut short. */
function deliver(owner: Device, to: Device, name: string, cut: number | null): void {
  const text = owner.view.files.get(`${owner.id}/${name}`);
  if (text === undefined) return;
  to.view.files.set(
    `${owner.id}/${name}`,
    cut === null ? text : text.slice(0, Math.floor(text.length * cut)),
  );
}

async function catchUp(d: Device): Promise<void> {
  await d.sync.refresh();
  await d.durable.sync();
}

type Step =
  | { kind: 'add'; on: number; title: string }
  | { kind: 'rename'; on: number; pick: number; title: string }
  | { kind: 'done'; on: number; pick: number }
  | { kind: 'deliver'; from: number; to: number; file: number; cut: number | null }
  | { kind: 'look'; on: number };

const title = fc.string({ minLength: 1, maxLength: 10 }).filter((t) => t.trim() !== '');
const on = fc.integer({ min: 0, max: 2 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('add' as const), on, title }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), on, pick: fc.nat(), title }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('done' as const), on, pick: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('deliver' as const),
      from: on,
      to: on,
      file: fc.nat(),
      cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('look' as const), on }) },
);

describe('devices syncing through a folder', () => {
  it('converge to materialize of every op, whatever the order, duplicates and cut-off copies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 30, maxLength: 80 }), async (steps) => {
        // Three devices, one a day ahead and one an hour behind.
        const devices = [
          await device('laptop', 0),
          await device('desktop', 24 * 3600_000),
          await device('tablet', -3600_000),
        ];
        for (const d of devices) await d.sync.choose('/sync');
        try {
          for (const s of steps) {
            if (s.kind === 'deliver') {
              const owner = devices[s.from]!;
              const names = [...owner.view.files.keys()].filter((k) => k.startsWith(`${owner.id}/`)).sort();
              if (s.from === s.to || names.length === 0) continue;
              deliver(owner, devices[s.to]!, names[s.file % names.length]!.slice(owner.id.length + 1), s.cut);
              continue;
            }
            const d = devices[s.on]!;
            if (s.kind === 'look') {
              await catchUp(d);
              continue;
            }
            const tasks = await d.db.tasks.toArray();
            if (s.kind === 'add') await d.repos.tasks.add(input(s.title), T0);
            else if (tasks.length > 0) {
              const task = tasks[s.pick % tasks.length]!;
              if (s.kind === 'rename')
                await d.repos.tasks.rename(task.id, s.title, T0 + 1).catch(() => undefined);
              else await d.repos.tasks.complete(task.id, T0 + 2).catch(() => undefined);
            }
            await d.sync.refresh();
          }
          // The sync tool catches up: every file whole everywhere, then every device looks twice.
          for (const d of devices) await d.sync.refresh();
          for (const owner of devices) {
            for (const key of [...owner.view.files.keys()].filter((k) => k.startsWith(`${owner.id}/`))) {
              for (const to of devices)
                if (to !== owner) deliver(owner, to, key.slice(owner.id.length + 1), null);
            }
          }
          for (let round = 0; round < 2; round++) for (const d of devices) await catchUp(d);
          const all = (await Promise.all(devices.map(ownOps))).flat();
          const expected = materialize(all);
          for (const d of devices) expect(await dbContents(d.db)).toEqual(expected);
        } finally {
          for (const d of devices) d.sync.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('takes nothing of a later segment that arrives before an earlier one, and loses neither', async () => {
    const a = await device('laptop', 0);
    const b = await device('desktop', 0);
    for (const d of [a, b]) await d.sync.choose('/sync');
    const titles = ['one', 'two', 'three', 'four', 'five', 'six'];
    for (const t of titles) {
      await a.repos.tasks.add(input(t), T0);
      await a.sync.refresh();
    }
    const names = [...a.view.files.keys()].filter((k) => /\/seg-/.test(k)).sort();
    expect(names.length).toBeGreaterThan(1);
    // The sync tool brings the manifest and the last segment first.
    deliver(a, b, 'device.json', null);
    deliver(a, b, names.at(-1)!.slice('laptop/'.length), null);
    await catchUp(b);
    for (const name of names) deliver(a, b, name.slice('laptop/'.length), null);
    await catchUp(b);
    expect(
      Object.values((await dbContents(b.db)).tasks)
        .map((t) => (t as { title: string }).title)
        .sort(),
    ).toEqual([...titles].sort());
    a.sync.close();
    b.sync.close();
  });

  it('refuses another device’s op that would make a record invalid, and counts it', async () => {
    const a = await device('laptop', 0);
    const task = await a.repos.tasks.add(input('call Sam'), T0);
    const b = await device('desktop', 0);
    const bad: SyncOp = {
      hlc: `${Date.now() + 86_400_000}-0000-desktop`,
      device: 'desktop',
      table: 'tasks',
      id: task.id,
      set: { title: '', status: 'finished' },
    };
    await a.oplog.receive('desktop', [bad]);
    const recovery = await a.durable.sync();
    expect(recovery.refused).toBe(1);
    expect(fromRow((await a.db.tasks.get(task.id))!)).toEqual(task);
    b.sync.close();
    a.sync.close();
  });
});
