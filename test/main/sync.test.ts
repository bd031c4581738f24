/**
 * Sync through a folder, main's side: each device mirrors its own log into the folder, takes the
 * other devices' logs from it into its own log folder, and never touches anything else. The
 * folder is shared in memory here, as a sync tool would keep the devices' copies in step.
 */
import { describe, expect, it } from 'vitest';
import { OplogService } from '../../electron/main/services/oplog';
import { SyncService } from '../../electron/main/services/sync';
import { MAX_FILE_BYTES } from '../../electron/main/services/syncFiles';
import { materialize, nextHlc, type SyncOp } from '../../shared/sync';
import { MemoryLogFolder } from '../fakes/memoryLogFolder';
import { MemorySyncFolder } from '../fakes/memorySyncFolder';
import { MemoryStore } from '../fakes/memoryStore';
import { FakeClock } from '../fakes/clock';

const T0 = Date.UTC(2026, 11, 7, 9, 0);
const quiet = { warn: () => undefined };

interface Device {
  id: string;
  oplog: OplogService;
  sync: SyncService;
  local: MemoryLogFolder;
  store: MemoryStore;
  clock: FakeClock;
  hlc: string | null;
}

/** A device's main process; `disk` is a device's user data, to start its main again over it. */
async function device(
  id: string,
  shared: MemorySyncFolder,
  limits?: { segmentBytes: number; compactAfterOps: number },
  disk?: { local: MemoryLogFolder; store: MemoryStore; at: number },
  turn?: () => Promise<void>,
): Promise<Device> {
  const local = disk?.local ?? new MemoryLogFolder(`/memory/${id}/oplog`);
  const store = disk?.store ?? new MemoryStore();
  const clock = new FakeClock(disk?.at ?? T0);
  const oplog = new OplogService(local, store, quiet, () => id, limits, turn);
  await oplog.load();
  const sync = new SyncService({
    store,
    clock,
    log: quiet,
    oplog,
    local,
    open: () => shared,
    defaultName: `${id} computer`,
  });
  await sync.load();
  return { id, oplog, sync, local, store, clock, hlc: null };
}

/** A change made on `d` (its window's database handed it to main's log). */
async function write(d: Device, id: string, set: Record<string, unknown>): Promise<SyncOp> {
  d.hlc = nextHlc(d.hlc, d.clock.now(), d.id);
  const op: SyncOp = { hlc: d.hlc, device: d.id, table: 'tasks', id, set };
  await d.oplog.append([op]);
  return op;
}

async function everything(d: Device): Promise<SyncOp[]> {
  const ops: SyncOp[] = [];
  for (let cursor: number | null = 0; cursor !== null;) {
    const page = await d.oplog.read({}, cursor);
    ops.push(...page.ops);
    cursor = page.next;
  }
  return ops;
}

describe('sync through a folder', () => {
  it('brings each device’s ops to the others, merged per field, and writes only its own folder', async () => {
    const shared = new MemorySyncFolder();
    const a = await device('laptop', shared);
    const b = await device('desktop', shared);
    await write(a, 't1', { title: 'call Sam', status: 'open' });
    await a.sync.choose('/sync');
    await b.sync.choose('/sync');
    b.clock.set(T0 + 60_000);
    await write(b, 't1', { status: 'done' });
    await a.sync.refresh();
    await b.sync.refresh();
    await a.sync.refresh();
    a.clock.set(T0 + 120_000);
    await write(a, 't1', { title: 'call Sam back' });
    await a.sync.refresh();
    await b.sync.refresh();
    const merged = materialize(await everything(a)).tasks['t1'];
    expect(merged).toEqual({ title: 'call Sam back', status: 'done' });
    expect(materialize(await everything(b)).tasks['t1']).toEqual(merged);
    // Each wrote only in its own folder.
    expect(shared.touched.every((path) => path.startsWith('laptop/') || path.startsWith('desktop/'))).toBe(
      true,
    );
    const status = b.sync.status();
    expect(status.devices.map((d) => [d.name, d.self, d.skipped])).toEqual([
      ['desktop computer', true, 0],
      ['laptop computer', false, 0],
    ]);
    // When the laptop made its newest change (not when the desktop took it).
    expect(status.devices[1]!.lastChangeAt).toBe(T0 + 120_000);
  });

  it('gives main’s event loop turns while it takes a large log from the folder (IPC and the tray go on)', async () => {
    const shared = new MemorySyncFolder();
    const a = await device('laptop', shared);
    const ops: SyncOp[] = [];
    for (let i = 0; i < 10_000; i++) {
      a.hlc = nextHlc(a.hlc, T0, a.id);
      ops.push({ hlc: a.hlc, device: a.id, table: 'tasks', id: `t${i}`, set: { title: `task ${i}`, n: i } });
    }
    await a.oplog.append(ops);
    await a.sync.choose('/sync');
    // The desktop's main, counting the turns its long work gives the event loop.
    let turns = 0;
    let timersRan = 0;
    const turn = (): Promise<void> => {
      turns++;
      return new Promise((resolve) => setTimeout(resolve, 0));
    };
    const b = await device('desktop', shared, undefined, undefined, turn);
    let joined = false;
    const tick = (): void => {
      if (joined) return;
      timersRan++;
      setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    await b.sync.choose('/sync');
    joined = true;
    expect((await everything(b)).length).toBe(10_000);
    // Slices of a few thousand lines or records, each followed by a turn in which timers run.
    expect(turns).toBeGreaterThanOrEqual(5);
    expect(timersRan).toBeGreaterThanOrEqual(1);
    a.sync.close();
    b.sync.close();
  });

  it('shows when each other device made its last change we have, also after main starts again', async () => {
    const shared = new MemorySyncFolder();
    const a = await device('laptop', shared);
    await a.sync.choose('/sync');
    a.clock.set(T0 + 5 * 60_000);
    await write(a, 't1', { title: 'call Sam' });
    await a.sync.refresh();
    const b = await device('desktop', shared);
    // The desktop takes it later: what it shows is when the laptop made the change.
    b.clock.set(T0 + 60 * 60_000);
    await b.sync.choose('/sync');
    expect(b.sync.status().devices[1]).toMatchObject({
      name: 'laptop computer',
      lastChangeAt: T0 + 5 * 60_000,
    });
    b.sync.close();
    // Main starts again over the same user data; the laptop has written nothing since.
    const again = await device('desktop', shared, undefined, {
      local: b.local,
      store: b.store,
      at: T0 + 2 * 3600_000,
    });
    await again.sync.refresh();
    expect(again.sync.status().devices[1]).toMatchObject({
      name: 'laptop computer',
      lastChangeAt: T0 + 5 * 60_000,
    });
  });

  it('writes nothing when nothing changed (its own writes are change events too)', async () => {
    const shared = new MemorySyncFolder();
    const a = await device('laptop', shared);
    await write(a, 't1', { title: 'call Sam' });
    await a.sync.choose('/sync');
    const writes = shared.touched.length;
    await a.sync.refresh();
    await a.sync.refresh();
    expect(shared.touched.length).toBe(writes);
    await write(a, 't1', { title: 'call Sam back' });
    await a.sync.refresh();
    expect(shared.touched.slice(writes).sort()).toEqual([...new Set(shared.touched.slice(writes))].sort());
    expect(shared.touched.length).toBeGreaterThan(writes);
  });

  it('takes a device’s files only in order: a later segment waits for an earlier one still on its way', async () => {
    const shared = new MemorySyncFolder();
    const a = await device('laptop', shared, { segmentBytes: 80, compactAfterOps: 1000 });
    await a.sync.choose('/sync');
    await write(a, 't1', { title: 'first' });
    await write(a, 't2', { title: 'second' });
    await a.sync.refresh();
    const segments = (await shared.list('laptop')).filter((n) => n.startsWith('seg-')).sort();
    expect(segments.length).toBeGreaterThan(1);
    // The first segment has not arrived yet on the other device.
    const held = shared.files.get(`laptop/${segments[0]}`)!;
    shared.files.delete(`laptop/${segments[0]}`);
    const b = await device('desktop', shared);
    await b.sync.choose('/sync');
    expect(materialize(await everything(b)).tasks).toEqual({});
    shared.files.set(`laptop/${segments[0]}`, held);
    await b.sync.refresh();
    expect(Object.keys(materialize(await everything(b)).tasks).sort()).toEqual(['t1', 't2']);
  });

  it('ignores conflict copies and stray files, and refuses ops that are not the folder’s device’s', async () => {
    const shared = new MemorySyncFolder();
    const a = await device('laptop', shared);
    await write(a, 't1', { title: 'mine' });
    await a.sync.choose('/sync');
    const seg = (await shared.list('laptop')).find((n) => n.startsWith('seg-'))!;
    const forged: SyncOp = {
      hlc: nextHlc(null, T0 + 1, 'intruder'),
      device: 'intruder',
      table: 'tasks',
      id: 't1',
      set: { title: 'forged' },
    };
    shared.files.set(
      `laptop/${seg.replace('.jsonl', '.sync-conflict-20261207-090000-ABCDEFG.jsonl')}`,
      JSON.stringify(forged) + '\n',
    );
    shared.files.set('laptop/notes.txt', 'hello');
    shared.files.set('laptop/seg-00000099.jsonl', JSON.stringify(forged) + '\n');
    // The forged segment is listed as if the laptop had written it.
    const manifest = JSON.parse(shared.files.get('laptop/device.json')!) as { files: Record<string, number> };
    manifest.files['seg-00000099.jsonl'] = shared.files.get('laptop/seg-00000099.jsonl')!.length;
    shared.files.set('laptop/device.json', JSON.stringify(manifest));
    const b = await device('desktop', shared);
    await b.sync.choose('/sync');
    expect(materialize(await everything(b)).tasks['t1']).toEqual({ title: 'mine' });
    expect(b.sync.status().devices[1]!.skipped).toBe(1);
  });

  it('counts a log file too large to be Kinetic’s, and never reads it', async () => {
    const shared = new MemorySyncFolder();
    const a = await device('laptop', shared);
    await write(a, 't1', { title: 'mine' });
    await a.sync.choose('/sync');
    const seg = (await shared.list('laptop')).find((n) => n.startsWith('seg-'))!;
    const sizes = shared.sizes.bind(shared);
    // As a hostile folder could: the file says it is larger than any log Kinetic writes.
    shared.sizes = async (dir) => {
      const out = await sizes(dir);
      if (dir === 'laptop') out.set(seg, MAX_FILE_BYTES + 1);
      return out;
    };
    const manifest = JSON.parse(shared.files.get('laptop/device.json')!) as { files: Record<string, number> };
    manifest.files[seg] = MAX_FILE_BYTES + 1;
    shared.files.set('laptop/device.json', JSON.stringify(manifest));
    let reads = 0;
    const read = shared.read.bind(shared);
    shared.read = (dir, name) => {
      if (name === seg) reads++;
      return read(dir, name);
    };
    const b = await device('desktop', shared);
    await b.sync.choose('/sync');
    expect(reads).toBe(0);
    expect(b.sync.status().devices[1]!.skipped).toBe(1);
    expect(materialize(await everything(b)).tasks).toEqual({});
  });

  it('never removes local data when the folder is emptied, removed or turned off', async () => {
    const shared = new MemorySyncFolder();
    const a = await device('laptop', shared);
    const b = await device('desktop', shared);
    await write(a, 't1', { title: 'from the laptop' });
    await a.sync.choose('/sync');
    await b.sync.choose('/sync');
    const before = await everything(b);
    expect(before).toHaveLength(1);
    shared.files.clear();
    await b.sync.refresh();
    expect(await everything(b)).toEqual(before);
    shared.present = false;
    await b.sync.refresh();
    expect(b.sync.status().problem).toMatch(/missing/);
    expect(await everything(b)).toEqual(before);
    shared.present = true;
    await b.sync.off();
    expect(b.sync.status()).toMatchObject({ folder: null, devices: [] });
    expect(await everything(b)).toEqual(before);
  });

  it('lets a new device start from the newest snapshot plus later ops, after a device compacted', async () => {
    const shared = new MemorySyncFolder();
    const a = await device('laptop', shared, { segmentBytes: 200, compactAfterOps: 5 });
    await a.sync.choose('/sync');
    for (let i = 0; i < 12; i++) await write(a, `t${i % 4}`, { title: `edit ${i}` });
    await a.oplog.compact();
    await write(a, 't0', { title: 'after the snapshot' });
    await a.sync.refresh();
    const names = await shared.list('laptop');
    expect(names.some((n) => n.startsWith('snap-'))).toBe(true);
    const c = await device('tablet', shared);
    await c.sync.choose('/sync');
    expect(materialize(await everything(c)).tasks).toEqual(materialize(await everything(a)).tasks);
    expect(materialize(await everything(c)).tasks['t0']).toEqual({ title: 'after the snapshot' });
  });
});
