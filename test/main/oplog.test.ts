import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LogWriteError, OplogService, READ_PAGE, type OplogLimits } from '../../electron/main/services/oplog';
import {
  compareHlc,
  materialize,
  nextHlc,
  parseOpLog,
  serializeOp,
  type SyncOp,
  type SyncTable,
} from '../../shared/sync';
import { parseSnapshot } from '../../shared/syncSnapshot';
import { MemoryLogFolder } from '../fakes/memoryLogFolder';
import { MemoryStore } from '../fakes/memoryStore';
import { RecordingLog } from '../fakes/testKinetic';

const DEVICE = 'dev-A';
const NOW = Date.UTC(2026, 11, 7, 21, 0, 0);
const ROOMY: OplogLimits = { segmentBytes: 1024 * 1024, compactAfterOps: 1_000_000 };
const seg = (n: number): string => `seg-${String(n).padStart(8, '0')}.jsonl`;
const snap = (n: number): string => `snap-${String(n).padStart(8, '0')}.jsonl`;

/** A folder whose appends resolve only when the test says so. */
class HeldLogFolder extends MemoryLogFolder {
  private held: (() => void)[] = [];
  hold = false;
  reads = 0;

  override append(dir: string, name: string, text: string): Promise<void> {
    if (!this.hold) return super.append(dir, name, text);
    return new Promise((resolve, reject) => {
      this.held.push(() => {
        super.append(dir, name, text).then(resolve, reject);
      });
    });
  }

  override read(dir: string, name: string): Promise<string> {
    this.reads++;
    return super.read(dir, name);
  }

  release(): void {
    for (const go of this.held.splice(0)) go();
  }
}

interface Harness {
  oplog: OplogService;
  folder: MemoryLogFolder;
  store: MemoryStore;
  log: RecordingLog;
}

async function start(
  folder: MemoryLogFolder = new MemoryLogFolder(),
  store: MemoryStore = new MemoryStore(),
  limits: OplogLimits = ROOMY,
  newId: () => string = () => DEVICE,
): Promise<Harness> {
  const log = new RecordingLog();
  const oplog = new OplogService(folder, store, log, newId, limits);
  await oplog.load();
  return { oplog, folder, store, log };
}

/** A restart: a new service on the same folder and store. */
const restart = (h: Harness, limits: OplogLimits = ROOMY): Promise<Harness> =>
  start(h.folder, h.store, limits);

/** Makes ops of one device with its own clock, as a window's database does. */
function opMaker(
  device = DEVICE,
  startMs = NOW,
): (set?: Record<string, unknown>, id?: string, table?: SyncTable) => SyncOp {
  let hlc: string | null = null;
  let n = 0;
  return (set, id, table = 'tasks') => {
    n++;
    hlc = nextHlc(hlc, startMs + Math.floor(n / 3), device);
    return { hlc, device, table, id: id ?? `t${n % 7}`, set: set ?? { title: `title ${n}`, order: n } };
  };
}

/** Every op `read` gives, all pages. */
async function readAll(oplog: OplogService, after: Record<string, string> = {}): Promise<SyncOp[]> {
  const out: SyncOp[] = [];
  let cursor: number | null = 0;
  while (cursor !== null) {
    const page = await oplog.read(after, cursor);
    out.push(...page.ops);
    cursor = page.next;
  }
  return out;
}

const deviceFiles = (folder: MemoryLogFolder): string[] =>
  [...folder.files.keys()]
    .filter((k) => k.startsWith(`${DEVICE}/`))
    .map((k) => k.slice(DEVICE.length + 1))
    .sort();
const file = (folder: MemoryLogFolder, name: string): string => folder.files.get(`${DEVICE}/${name}`) ?? '';

describe('OplogService: device id', () => {
  it('makes a device id once, keeps it in device.json and uses it after a restart', async () => {
    let made = 0;
    const store = new MemoryStore();
    const h = await start(new MemoryLogFolder(), store, ROOMY, () => {
      made++;
      return 'first-device';
    });
    expect(h.oplog.deviceId()).toBe('first-device');
    expect(store.peek('device.json')).toEqual({ id: 'first-device' });
    const again = await start(h.folder, store, ROOMY, () => {
      made++;
      return 'second-device';
    });
    expect(again.oplog.deviceId()).toBe('first-device');
    expect(made).toBe(1);
  });

  it.each([
    ['4f1c-9b2e-11ef-8a3b', '4f1c-9b2e-11ef-8'],
    ['{a b/c}', 'abc'],
    ['!!!', 'device'],
    ['', 'device'],
    ['x'.repeat(100), 'x'.repeat(16)],
  ])('makes a valid device id from the new id %j', async (id, expected) => {
    const h = await start(new MemoryLogFolder(), new MemoryStore(), ROOMY, () => id);
    expect(h.oplog.deviceId()).toBe(expected);
    expect(h.oplog.status()).toMatchObject({ device: expected, liveOps: 0 });
  });

  it('replaces an invalid stored device id and keeps the invalid one aside', async () => {
    const store = new MemoryStore();
    store.put('device.json', { id: 'not a device/../x' });
    const h = await start(new MemoryLogFolder(), store);
    expect(h.oplog.deviceId()).toBe(DEVICE);
    expect(store.peek('device.json.invalid')).toEqual({ id: 'not a device/../x' });
    expect(store.peek('device.json')).toEqual({ id: DEVICE });
  });
});

describe('OplogService: append', () => {
  it('appends one line per op to seg-1 in the device folder and says how many', async () => {
    const { oplog, folder } = await start();
    const make = opMaker();
    const ops = [make(), make({ title: 'a\nb\u2028c' }), make(undefined, 's1', 'sessions')];
    expect(await oplog.append(ops)).toEqual({ appended: 3 });
    expect(deviceFiles(folder)).toEqual([seg(1)]);
    const text = file(folder, seg(1));
    expect(text).toBe(ops.map(serializeOp).join('\n') + '\n');
    expect(parseOpLog(text)).toEqual({ ops, bad: 0 });
    expect(oplog.status().liveOps).toBe(3);
  });

  it('resolves only after the folder append (which syncs) has resolved', async () => {
    const folder = new HeldLogFolder();
    const { oplog } = await start(folder);
    folder.hold = true;
    let done = false;
    const appended = oplog.append([opMaker()()]).then((r) => {
      done = true;
      return r;
    });
    for (let i = 0; i < 20; i++) await Promise.resolve();
    await new Promise((r) => setTimeout(r, 5));
    expect(done).toBe(false);
    expect(file(folder, seg(1))).toBe('');
    folder.release();
    expect(await appended).toEqual({ appended: 1 });
    expect(parseOpLog(file(folder, seg(1))).ops).toHaveLength(1);
  });

  it('keeps appends in the order they were made while the disk is slow', async () => {
    const folder = new HeldLogFolder();
    const { oplog } = await start(folder);
    const make = opMaker();
    const batches = [[make()], [make(), make()], [make()]];
    folder.hold = true;
    const pending = batches.map((b) => oplog.append(b));
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 1));
      folder.release();
    }
    expect(await Promise.all(pending)).toEqual([{ appended: 1 }, { appended: 2 }, { appended: 1 }]);
    expect(parseOpLog(file(folder, seg(1))).ops).toEqual(batches.flat());
  });

  it('skips ops already in the log, within a batch and across batches (by stamp)', async () => {
    const { oplog, folder } = await start();
    const make = opMaker();
    const [a, b, c] = [make(), make(), make()];
    expect(await oplog.append([a, a, b])).toEqual({ appended: 2 });
    expect(await oplog.append([b, a])).toEqual({ appended: 0 });
    expect(await oplog.append([a, c])).toEqual({ appended: 1 });
    expect(parseOpLog(file(folder, seg(1))).ops).toEqual([a, b, c]);
    expect(oplog.status().liveOps).toBe(3);
  });

  it('skips ops already in the log after a restart too', async () => {
    const h = await start();
    const make = opMaker();
    const [a, b] = [make(), make()];
    await h.oplog.append([a, b]);
    const again = await restart(h);
    expect(await again.oplog.append([a, b])).toEqual({ appended: 0 });
    expect(deviceFiles(h.folder)).toEqual([seg(1)]);
  });

  it.each<[string, (make: () => SyncOp) => SyncOp]>([
    ['of another device', () => opMaker('dev-B')()],
    ['naming this device with a stamp of another', () => ({ ...opMaker('dev-B')(), device: DEVICE })],
    ['naming another device with a stamp of this one', (make) => ({ ...make(), device: 'dev-B' })],
    ['with a malformed stamp', (make) => ({ ...make(), hlc: 'yesterday' })],
  ])('refuses a batch with an op %s and changes nothing', async (_what, bad) => {
    const h = await start();
    const make = opMaker();
    const first = make();
    await h.oplog.append([first]);
    const before = new Map(h.folder.files);
    const good = make();
    await expect(h.oplog.append([good, bad(make)])).rejects.toThrow(
      'These changes are not from this device: nothing was saved.',
    );
    expect(h.folder.files).toEqual(before);
    expect(h.oplog.status().liveOps).toBe(1);
    expect(await readAll(h.oplog)).toEqual([first]);
    // The good op was not taken as known: it can still be appended.
    expect(await h.oplog.append([good])).toEqual({ appended: 1 });
  });

  it('refuses appends before load (it has no device yet)', async () => {
    const oplog = new OplogService(
      new MemoryLogFolder(),
      new MemoryStore(),
      new RecordingLog(),
      () => DEVICE,
    );
    await expect(oplog.append([opMaker()()])).rejects.toThrow('nothing was saved');
  });

  it('starts a new segment in each run', async () => {
    let h = await start();
    const make = opMaker();
    await h.oplog.append([make()]);
    h = await restart(h);
    await h.oplog.append([make()]);
    h = await restart(h);
    h = await restart(h);
    await h.oplog.append([make()]);
    // A run that wrote nothing left no file; the next one takes the number after the last file.
    expect(deviceFiles(h.folder)).toEqual([seg(1), seg(2), seg(3)]);
    expect(await readAll(h.oplog)).toHaveLength(3);
  });

  it('rolls to a new segment past segmentBytes and reads every op back', async () => {
    const limits = { segmentBytes: 400, compactAfterOps: 1_000_000 };
    const h = await start(new MemoryLogFolder(), new MemoryStore(), limits);
    const make = opMaker();
    const all: SyncOp[] = [];
    for (let i = 0; i < 12; i++) {
      const batch = [make()];
      all.push(...batch);
      await h.oplog.append(batch);
    }
    const names = deviceFiles(h.folder);
    expect(names.length).toBeGreaterThan(2);
    for (const name of names) {
      expect(new TextEncoder().encode(file(h.folder, name)).length).toBeLessThanOrEqual(limits.segmentBytes);
    }
    expect(await readAll(h.oplog)).toEqual(all);
    expect(await readAll((await restart(h, limits)).oplog)).toEqual(all);
  });

  it('puts a batch bigger than a segment in one segment of its own', async () => {
    const limits = { segmentBytes: 200, compactAfterOps: 1_000_000 };
    const h = await start(new MemoryLogFolder(), new MemoryStore(), limits);
    const make = opMaker();
    await h.oplog.append([make()]);
    const big = [make(), make(), make(), make()];
    await h.oplog.append(big);
    expect(deviceFiles(h.folder)).toEqual([seg(1), seg(2)]);
    expect(parseOpLog(file(h.folder, seg(2))).ops).toEqual(big);
  });
});

describe('OplogService: failed writes', () => {
  it.each([
    [
      'a full disk',
      Object.assign(new Error('no space'), { code: 'ENOSPC' }),
      'The disk is full: Kinetic could not save this. Free some space, then try again.',
    ],
    [
      'a quota',
      Object.assign(new Error('quota'), { code: 'EDQUOT' }),
      'The disk is full: Kinetic could not save this. Free some space, then try again.',
    ],
    [
      'an I/O error',
      Object.assign(new Error('io'), { code: 'EIO' }),
      'Kinetic could not write its log on disk (EIO).',
    ],
    [
      'an error without a code',
      new Error('the cable'),
      'Kinetic could not write its log on disk (the cable).',
    ],
  ])(
    'reports %s as a LogWriteError with a short message, and goes on in a new segment',
    async (_what, error, message) => {
      const h = await start();
      const make = opMaker();
      const first = make();
      await h.oplog.append([first]);
      const before = file(h.folder, seg(1));
      h.folder.failNext = error;
      const lost = make();
      const failed = h.oplog.append([lost]);
      await expect(failed).rejects.toBeInstanceOf(LogWriteError);
      await expect(failed).rejects.toThrow(message);
      expect(h.log.warnings.some((w) => w.includes('append failed'))).toBe(true);
      expect(h.oplog.status().liveOps).toBe(1);
      // The retry goes to a new segment; the old file is kept as it was.
      expect(await h.oplog.append([lost])).toEqual({ appended: 1 });
      expect(file(h.folder, seg(1))).toBe(before);
      expect(deviceFiles(h.folder)).toEqual([seg(1), seg(2)]);
      expect(await readAll(h.oplog)).toEqual([first, lost]);
    },
  );

  it('a failed sync after part of the text was written reports nothing done; after a restart every acknowledged op is there and the cut line is skipped', async () => {
    let h = await start();
    const make = opMaker();
    const acked = [make(), make()];
    await h.oplog.append(acked);
    const torn = [make({ title: 'cut short' })];
    h.folder.tearNext = 25;
    await expect(h.oplog.append(torn)).rejects.toBeInstanceOf(LogWriteError);
    const seg1 = file(h.folder, seg(1));
    expect(seg1.endsWith('\n')).toBe(false);
    const later = [make(), make()];
    expect(await h.oplog.append(later)).toEqual({ appended: 2 });
    acked.push(...later);
    expect(deviceFiles(h.folder)).toEqual([seg(1), seg(2)]);

    h = await restart(h);
    // A torn last line is no corruption: the file is not set aside.
    expect(deviceFiles(h.folder)).toEqual([seg(1), seg(2)]);
    expect(file(h.folder, seg(1))).toBe(seg1);
    expect(h.log.warnings).toEqual([
      `oplog: ${seg(1)} ends in a line cut short (a crash while writing); skipped`,
    ]);
    const back = await readAll(h.oplog);
    expect(back).toEqual(acked);
    expect(materialize(back)).toEqual(materialize(acked));
    expect(h.oplog.status().liveOps).toBe(4);
    // The op that failed can be sent again and is kept this time.
    expect(await h.oplog.append(torn)).toEqual({ appended: 1 });
    expect(await readAll(h.oplog)).toEqual([...acked, ...torn].sort((a, b) => (a.hlc < b.hlc ? -1 : 1)));
  });

  it('after a crash mid-line (no failure reported), a restart keeps every acknowledged op', async () => {
    let h = await start();
    const make = opMaker();
    const acked = [make(), make(), make()];
    await h.oplog.append(acked);
    // The process died while writing the next line.
    h.folder.files.set(`${DEVICE}/${seg(1)}`, file(h.folder, seg(1)) + serializeOp(make()).slice(0, 40));
    h = await restart(h);
    expect(await readAll(h.oplog)).toEqual(acked);
    const next = make();
    await h.oplog.append([next]);
    expect(deviceFiles(h.folder)).toEqual([seg(1), seg(2)]);
    h = await restart(h);
    expect(await readAll(h.oplog)).toEqual([...acked, next]);
  });

  it('a torn write of several ops may keep its whole lines; every acknowledged op still reads back', async () => {
    let h = await start();
    const make = opMaker();
    const acked = [make()];
    await h.oplog.append(acked);
    const batch = [make(), make()];
    h.folder.tearNext = serializeOp(batch[0]!).length + 10;
    await expect(h.oplog.append(batch)).rejects.toBeInstanceOf(LogWriteError);
    h = await restart(h);
    const back = await readAll(h.oplog);
    expect(back.slice(0, 1)).toEqual(acked);
    expect(back).toEqual([...acked, batch[0]]);
  });
});

describe('OplogService: corrupt segments', () => {
  it('sets aside a segment with unreadable lines: renamed, never deleted, its readable ops copied', async () => {
    let h = await start();
    const make = opMaker();
    const ops = [make(), make(), make()];
    await h.oplog.append(ops);
    const corrupt = [
      serializeOp(ops[0]!),
      '{"not":"an op"}',
      serializeOp(ops[1]!),
      'garbage',
      serializeOp(ops[2]!),
      '',
    ].join('\n');
    h.folder.files.set(`${DEVICE}/${seg(1)}`, corrupt);
    h = await restart(h);
    const names = deviceFiles(h.folder);
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^seg-00000001\.jsonl\.corrupt-\d+$/);
    expect(names[1]).toBe(seg(2));
    expect(file(h.folder, names[0]!)).toBe(corrupt);
    expect(parseOpLog(file(h.folder, seg(2)))).toEqual({ ops, bad: 0 });
    expect(h.log.warnings).toEqual([
      `oplog: ${seg(1)} had 2 unreadable lines; its 3 readable ops were copied, the file kept as ${names[0]!}`,
    ]);
    expect(await readAll(h.oplog)).toEqual(ops);

    // The next run leaves the set-aside file alone and copies nothing again.
    h = await restart(h);
    expect(deviceFiles(h.folder)).toEqual([names[0], seg(2)]);
    expect(h.log.warnings).toEqual([]);
    expect(await readAll(h.oplog)).toEqual(ops);
  });

  it('sets aside a segment whose bad line is the last one when it ends in a newline (not a torn write)', async () => {
    let h = await start();
    const make = opMaker();
    const ops = [make()];
    await h.oplog.append(ops);
    h.folder.files.set(`${DEVICE}/${seg(1)}`, file(h.folder, seg(1)) + '{"hlc":\n');
    h = await restart(h);
    expect(deviceFiles(h.folder).some((n) => n.startsWith(`${seg(1)}.corrupt-`))).toBe(true);
    expect(await readAll(h.oplog)).toEqual(ops);
  });

  it('sets aside a segment with a bad line before a cut last line', async () => {
    let h = await start();
    const make = opMaker();
    const ops = [make(), make()];
    await h.oplog.append(ops);
    const text = `${serializeOp(ops[0]!)}\nnot json\n${serializeOp(ops[1]!)}\n${serializeOp(make()).slice(0, 30)}`;
    h.folder.files.set(`${DEVICE}/${seg(1)}`, text);
    h = await restart(h);
    expect(deviceFiles(h.folder).filter((n) => n.includes('.corrupt-'))).toHaveLength(1);
    expect(await readAll(h.oplog)).toEqual(ops);
  });

  it('sets aside a segment that holds only unreadable lines, copying nothing', async () => {
    let h = await start();
    await h.oplog.append([opMaker()()]);
    h.folder.files.set(`${DEVICE}/${seg(1)}`, 'x\ny\n');
    h = await restart(h);
    expect(deviceFiles(h.folder).map((n) => n.replace(/\d+$/, ''))).toEqual([`${seg(1)}.corrupt-`]);
    expect(await readAll(h.oplog)).toEqual([]);
  });

  it('removes temporary files left by a write cut short', async () => {
    const folder = new MemoryLogFolder();
    folder.files.set(`${DEVICE}/snap-00000003.jsonl.tmp`, 'half');
    const h = await start(folder);
    expect(deviceFiles(h.folder)).toEqual([]);
  });
});

describe('OplogService: compaction', () => {
  async function filled(
    limits: OplogLimits = ROOMY,
  ): Promise<{ h: Harness; ops: SyncOp[]; make: ReturnType<typeof opMaker> }> {
    let h = await start(new MemoryLogFolder(), new MemoryStore(), limits);
    const make = opMaker();
    const ops: SyncOp[] = [];
    for (let run = 0; run < 3; run++) {
      for (let i = 0; i < 4; i++) {
        const batch = [
          make(),
          make({ done: i % 2 === 0 }),
          make({ note: `n${run}${i}` }, `x${i}`, 'sessions'),
        ];
        ops.push(...batch);
        await h.oplog.append(batch);
      }
      h = await restart(h, limits);
    }
    return { h, ops, make };
  }

  it('writes snap-N covering every earlier segment, removes them, and reads back the same state', async () => {
    const { h, ops, make } = await filled();
    expect(deviceFiles(h.folder)).toEqual([seg(1), seg(2), seg(3)]);
    const before = materialize(await readAll(h.oplog));
    expect(before).toEqual(materialize(ops));
    expect(h.oplog.status().liveOps).toBe(ops.length);

    await h.oplog.compact();
    const names = deviceFiles(h.folder);
    expect(names).toEqual([snap(5)]);
    const { bad, ops: snapOps } = parseSnapshot(file(h.folder, snap(5)));
    expect(bad).toBe(0);
    expect(materialize(snapOps)).toEqual(before);
    expect(materialize(await readAll(h.oplog))).toEqual(before);
    expect(h.oplog.status().liveOps).toBe(0);
    // An op the snapshot holds, handed over again (an outbox row sent twice), is not appended.
    const latest = [...ops].sort((a, b) => compareHlc(a.hlc, b.hlc)).at(-1)!;
    expect(await h.oplog.append([latest])).toEqual({ appended: 0 });
    expect(deviceFiles(h.folder)).toEqual([snap(5)]);

    // Appends go on after it, and a restart reads the snapshot and the newer segments.
    const after = [make(), make({ title: 'newest' }, 't1')];
    await h.oplog.append(after);
    expect(deviceFiles(h.folder)).toEqual([seg(5), snap(5)]);
    const expected = materialize([...ops, ...after]);
    expect(materialize(await readAll(h.oplog))).toEqual(expected);
    const again = await restart(h);
    expect(materialize(await readAll(again.oplog))).toEqual(expected);
    expect(again.oplog.status().liveOps).toBe(2);
    expect(again.log.warnings).toEqual([]);
  });

  it('a second compaction takes in the first snapshot and removes it', async () => {
    const { h, ops, make } = await filled();
    await h.oplog.compact();
    const more = [make(), make({ title: 'changed' }, 't3')];
    await h.oplog.append(more);
    await h.oplog.compact();
    expect(deviceFiles(h.folder)).toEqual([snap(6)]);
    expect(materialize(await readAll(h.oplog))).toEqual(materialize([...ops, ...more]));
    expect(materialize(await readAll((await restart(h)).oplog))).toEqual(materialize([...ops, ...more]));
  });

  it('compacts by itself after compactAfterOps ops, keeping the state', async () => {
    const limits = { segmentBytes: 300, compactAfterOps: 10 };
    const h = await start(new MemoryLogFolder(), new MemoryStore(), limits);
    const make = opMaker();
    const ops: SyncOp[] = [];
    for (let i = 0; i < 25; i++) {
      const batch = [make()];
      ops.push(...batch);
      await h.oplog.append(batch);
    }
    await h.oplog.compact();
    expect(deviceFiles(h.folder).filter((n) => n.startsWith('snap-'))).toHaveLength(1);
    expect(materialize(await readAll(h.oplog))).toEqual(materialize(ops));
    expect(materialize(await readAll((await restart(h, limits)).oplog))).toEqual(materialize(ops));
  });

  it('finishes a compaction cut short at the next start: an older snapshot and covered segments go', async () => {
    const { h, ops } = await filled();
    await h.oplog.compact();
    // As if the run had died after writing snap-5 but before removing what it covers.
    h.folder.files.set(`${DEVICE}/${seg(2)}`, serializeOp(ops[0]!) + '\n');
    h.folder.files.set(`${DEVICE}/${snap(2)}`, 'stale');
    const again = await restart(h);
    expect(deviceFiles(h.folder)).toEqual([snap(5)]);
    expect(materialize(await readAll(again.oplog))).toEqual(materialize(ops));
  });

  it('a failed compaction keeps the segments and the state', async () => {
    const { h, ops } = await filled();
    const write = h.folder.write.bind(h.folder);
    h.folder.write = () => Promise.reject(new Error('disk gone'));
    await h.oplog.compact();
    h.folder.write = write;
    expect(deviceFiles(h.folder)).toEqual([seg(1), seg(2), seg(3)]);
    expect(h.log.warnings.some((w) => w.includes('compaction failed'))).toBe(true);
    expect(materialize(await readAll(h.oplog))).toEqual(materialize(ops));
  });

  it('keeps a snapshot over a corrupt segment set aside in the same run', async () => {
    const limits = { segmentBytes: 1024 * 1024, compactAfterOps: 2 };
    let h = await start(new MemoryLogFolder(), new MemoryStore(), ROOMY);
    const make = opMaker();
    const ops = [make(), make(), make(), make()];
    await h.oplog.append(ops.slice(0, 2));
    h = await restart(h);
    await h.oplog.append(ops.slice(2));
    h.folder.files.set(`${DEVICE}/${seg(1)}`, `${file(h.folder, seg(1))}garbage\n`);
    // Copying the readable ops of seg-1 reaches compactAfterOps while the run is still loading.
    h = await restart(h, limits);
    await h.oplog.compact();
    expect(materialize(await readAll(h.oplog))).toEqual(materialize(ops));
    expect(materialize(await readAll((await restart(h, limits)).oplog))).toEqual(materialize(ops));
    expect(deviceFiles(h.folder).some((n) => n.includes('.corrupt-'))).toBe(true);
  });
});

describe('OplogService: read', () => {
  it('gives the ops newer than after[device], all of devices not named, in stamp order', async () => {
    const { oplog } = await start();
    const make = opMaker();
    const ops = Array.from({ length: 6 }, () => make());
    await oplog.append(ops.slice(3));
    await oplog.append(ops.slice(0, 3));
    const all = await oplog.read({}, 0);
    expect(all).toEqual({ ops, next: null, total: 6 });
    expect(await oplog.read({ 'dev-B': ops[5]!.hlc }, 0)).toEqual({ ops, next: null, total: 6 });
    expect(await oplog.read({ [DEVICE]: ops[2]!.hlc }, 0)).toEqual({
      ops: ops.slice(3),
      next: null,
      total: 3,
    });
  });

  it('answers at once with nothing when nothing is newer, without reading the files', async () => {
    const folder = new HeldLogFolder();
    const { oplog } = await start(folder);
    expect(await oplog.read({}, 0)).toEqual({ ops: [], next: null, total: 0 });
    const make = opMaker();
    const ops = [make(), make()];
    await oplog.append(ops);
    const reads = folder.reads;
    expect(await oplog.read({ [DEVICE]: ops[1]!.hlc }, 0)).toEqual({ ops: [], next: null, total: 0 });
    expect(await oplog.read({ [DEVICE]: `${ops[1]!.hlc}z` }, 0)).toEqual({ ops: [], next: null, total: 0 });
    expect(folder.reads).toBe(reads);
  });

  it('treats an after naming an inherited key as naming no device', async () => {
    const { oplog } = await start();
    const op = opMaker()();
    await oplog.append([op]);
    expect(
      (await oplog.read(JSON.parse('{"__proto__":"x","constructor":"y"}') as Record<string, string>, 0)).ops,
    ).toEqual([op]);
  });

  it('pages by READ_PAGE and the pages together are every op once, in order', async () => {
    const { oplog } = await start();
    const make = opMaker();
    const ops: SyncOp[] = [];
    const total = READ_PAGE * 2 + 17;
    for (let i = 0; i < total; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, total - i) }, () => make());
      ops.push(...batch);
      await oplog.append(batch);
    }
    const first = await oplog.read({}, 0);
    expect(first.ops).toHaveLength(READ_PAGE);
    expect(first).toMatchObject({ next: READ_PAGE, total });
    const second = await oplog.read({}, READ_PAGE);
    expect(second).toMatchObject({ next: 2 * READ_PAGE, total });
    const third = await oplog.read({}, 2 * READ_PAGE);
    expect(third).toMatchObject({ next: null, total });
    expect(third.ops).toHaveLength(17);
    expect([...first.ops, ...second.ops, ...third.ops]).toEqual(ops);
    expect(await oplog.read({}, total + 5)).toMatchObject({ ops: [], next: null, total });
  });

  it('reads after a restart what the last run wrote', async () => {
    const h = await start();
    const ops = [opMaker()(), opMaker('dev-A', NOW + 10)()];
    await h.oplog.append(ops);
    const again = await restart(h);
    expect(await readAll(again.oplog)).toEqual(ops);
    expect(await again.oplog.read({ [DEVICE]: ops[1]!.hlc }, 0)).toEqual({ ops: [], next: null, total: 0 });
  });
});

// A bug (see the report): an op with a field set to undefined passes the IPC schema (toSyncOp), is
// acknowledged, but its line has `"set":{}`, which the next start reads as corruption.
describe('OplogService: ops that lose fields when written', () => {
  it('refuses an op with a field JSON cannot hold (undefined), writes nothing, and the segment stays readable', async () => {
    let h = await start();
    const make = opMaker();
    const first = make();
    const cleared = { ...make(), set: { dueAt: undefined } };
    await h.oplog.append([first]);
    await expect(h.oplog.append([cleared])).rejects.toThrow('A change could not be written as a log line');
    h = await restart(h);
    expect(deviceFiles(h.folder)).toEqual([seg(1)]);
    expect(await readAll(h.oplog)).toEqual([first]);
  });
});

describe('OplogService: acknowledged ops survive faults and restarts (property)', () => {
  type Step =
    | { kind: 'append'; size: number }
    | { kind: 'fail' }
    | { kind: 'tear'; at: number }
    | { kind: 'crash'; at: number }
    | { kind: 'restart' }
    | { kind: 'compact' };
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({ kind: fc.constant('append' as const), size: fc.integer({ min: 1, max: 4 }) }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('fail' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('tear' as const), at: fc.nat(400) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('crash' as const), at: fc.nat(100) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('restart' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('compact' as const) }) },
  );

  it('the log always reads back to the state of the acknowledged ops', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { maxLength: 25 }), async (steps) => {
        const limits = { segmentBytes: 500, compactAfterOps: 15 };
        let h = await start(new MemoryLogFolder(), new MemoryStore(), limits);
        const make = opMaker();
        const acked: SyncOp[] = [];
        let failures = 0;
        // Ops of failed writes touch records of their own, so whether they surface does not matter.
        const failedBatch = (): SyncOp[] => [make({ lost: failures }, `lost-${failures++}`)];
        for (const step of steps) {
          if (step.kind === 'append') {
            const batch = Array.from({ length: step.size }, () => make());
            await h.oplog.append(batch);
            acked.push(...batch);
          } else if (step.kind === 'fail' || step.kind === 'tear') {
            if (step.kind === 'fail')
              h.folder.failNext = Object.assign(new Error('full'), { code: 'ENOSPC' });
            else h.folder.tearNext = step.at;
            await expect(h.oplog.append(failedBatch())).rejects.toBeInstanceOf(LogWriteError);
          } else if (step.kind === 'crash') {
            // The process dies while writing a line: part of it is in the current segment.
            const names = deviceFiles(h.folder).filter((n) => /^seg-\d{8}\.jsonl$/.test(n));
            const last = names.at(-1);
            if (last !== undefined) {
              const line = serializeOp(failedBatch()[0]!);
              h.folder.files.set(
                `${DEVICE}/${last}`,
                file(h.folder, last) + line.slice(0, step.at % line.length),
              );
            }
            h = await restart(h, limits);
          } else if (step.kind === 'restart') {
            h = await restart(h, limits);
          } else {
            await h.oplog.compact();
          }
        }
        const keep = (state: ReturnType<typeof materialize>): ReturnType<typeof materialize> => ({
          ...state,
          tasks: Object.fromEntries(Object.entries(state.tasks).filter(([id]) => !id.startsWith('lost-'))),
        });
        const expected = materialize(acked);
        expect(keep(materialize(await readAll(h.oplog)))).toEqual(expected);
        h = await restart(h, limits);
        expect(keep(materialize(await readAll(h.oplog)))).toEqual(expected);
        for (const name of deviceFiles(h.folder)) expect(name.includes('.corrupt-')).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
