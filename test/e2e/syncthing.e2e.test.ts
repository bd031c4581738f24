/**
 * The two-Syncthing rig (test/e2e/harness/syncthing.ts) on its own, before any Kinetic runs on it:
 * files travel both ways over loopback, edits made while one side is stopped converge, conflicting
 * edits leave a `.sync-conflict-*` copy, nothing listens or connects outside 127.0.0.1, and a
 * deleted folder stops with an error instead of deleting the other side's files. What Syncthing
 * does in each case is written down in docs/sync-testing.md for the sync code to rely on.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSyncthing, startSyncthingPair, type Pair } from './harness/syncthing';
import { onLoopbackOnly, socketsOf } from './harness/sockets';

const PROPAGATION = { timeout: 15_000, interval: 100 };

/** Every file under `dir` and its text, leaving out Syncthing's own marker and temporary files. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (name === '.stfolder' || /^\.syncthing\..*\.tmp$/.test(name)) continue;
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path).split('\\').join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const readOr = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Status {
  state: string;
  error?: string;
}

const rigs: { pair: Pair | null; root: string }[] = [];

/** A fresh pair in a fresh scratch folder; afterEach closes it whatever the test did. */
async function rig(): Promise<Pair> {
  const entry: { pair: Pair | null; root: string } = {
    pair: null,
    root: mkdtempSync(join(tmpdir(), 'kinetic-syncthing-')),
  };
  rigs.push(entry);
  entry.pair = await startSyncthingPair(entry.root);
  const { startup } = entry.pair;
  process.stderr.write(
    `[syncthing rig] ${entry.pair.version}: REST up ${startup.restMs} ms, connected ${startup.connectedMs} ms, idle ${startup.idleMs} ms\n`,
  );
  return entry.pair;
}

afterEach(async () => {
  for (const entry of rigs.splice(0)) {
    const pids = entry.pair?.startedPids() ?? [];
    await entry.pair?.close();
    // No Syncthing outlives its rig.
    expect(pids.filter(alive)).toEqual([]);
    rmSync(entry.root, { recursive: true, force: true });
  }
});

describe('two real Syncthing instances on 127.0.0.1', () => {
  it('a file written in A appears in B, and one written in B appears in A', async () => {
    const pair = await rig();
    writeFileSync(join(pair.a.dir, 'from-a.txt'), 'written on A');
    await expect.poll(() => readOr(join(pair.b.dir, 'from-a.txt')), PROPAGATION).toBe('written on A');
    mkdirSync(join(pair.b.dir, 'Kinetic', 'device-b'), { recursive: true });
    writeFileSync(join(pair.b.dir, 'Kinetic', 'device-b', 'log.jsonl'), '{"op":1}\n');
    await expect
      .poll(() => readOr(join(pair.a.dir, 'Kinetic', 'device-b', 'log.jsonl')), PROPAGATION)
      .toBe('{"op":1}\n');
    await pair.waitIdle();
    expect(tree(pair.a.dir)).toEqual(tree(pair.b.dir));
  });

  it('files written on both sides while B is stopped converge once B starts again', async () => {
    const pair = await rig();
    writeFileSync(join(pair.a.dir, 'before.txt'), 'both had this');
    await pair.waitIdle();
    await pair.stop('b');
    expect(pair.b.pid()).toBeNull();

    writeFileSync(join(pair.a.dir, 'while-b-was-away-a.txt'), 'A wrote this while B was stopped');
    writeFileSync(join(pair.b.dir, 'while-b-was-away-b.txt'), 'B wrote this while its Syncthing was stopped');
    writeFileSync(join(pair.a.dir, 'before.txt'), 'A changed this while B was stopped');
    await pair.waitIdle();
    // B's Syncthing is down: nothing of A's reached it.
    expect(readOr(join(pair.b.dir, 'while-b-was-away-a.txt'))).toBeNull();

    await pair.start('b');
    await pair.waitIdle();
    const expected = {
      'before.txt': 'A changed this while B was stopped',
      'while-b-was-away-a.txt': 'A wrote this while B was stopped',
      'while-b-was-away-b.txt': 'B wrote this while its Syncthing was stopped',
    };
    expect(tree(pair.a.dir)).toEqual(expected);
    expect(tree(pair.b.dir)).toEqual(expected);
  });

  it('the same file changed on both sides while B is stopped: the newer edit wins, the older is kept as a .sync-conflict copy on both', async () => {
    const pair = await rig();
    writeFileSync(join(pair.a.dir, 'same.txt'), 'base');
    await pair.waitIdle();
    await pair.stop('b');

    const older = new Date(Date.now() - 60_000);
    writeFileSync(join(pair.a.dir, 'same.txt'), 'edited on A (older)');
    utimesSync(join(pair.a.dir, 'same.txt'), older, older);
    writeFileSync(join(pair.b.dir, 'same.txt'), 'edited on B (newer)');
    await pair.waitIdle();
    await pair.start('b');
    await pair.waitIdle();

    const a = tree(pair.a.dir);
    expect(a).toEqual(tree(pair.b.dir));
    const copies = Object.keys(a).filter((name) => name.includes('.sync-conflict-'));
    expect(copies).toHaveLength(1);
    const [copy = ''] = copies;
    // <name>.sync-conflict-<yyyymmdd>-<hhmmss>-<first 7 characters of a device id>.<ext>
    const match = /^same\.sync-conflict-(\d{8})-(\d{6})-([A-Z0-9]{7})\.txt$/.exec(copy);
    expect(match, copy).not.toBeNull();
    expect(a['same.txt']).toBe('edited on B (newer)');
    expect(a[copy]).toBe('edited on A (older)');
    // The id in the name is the device that made the winning change, not the losing copy's author.
    expect(match?.[3]).toBe(pair.b.deviceId.slice(0, 7));
  });

  it('opens no socket outside 127.0.0.1 (read from the OS, sampled from start to finish)', async () => {
    const pair = await rig();
    writeFileSync(join(pair.a.dir, 'x.txt'), 'x');
    await pair.waitIdle();
    await pair.stop('b');
    await pair.start('b');
    await pair.waitIdle();
    const now = [pair.a.pid(), pair.b.pid()].flatMap((pid) => (pid ? socketsOf(pid) : []));
    const seen = pair.socketsSeen();
    // The inspection itself works: it sees the listeners and the connection between the two.
    expect(seen.some((s) => s.state === 'LISTEN' && s.local.endsWith(`:${pair.a.syncPort}`))).toBe(true);
    expect(seen.some((s) => s.state === 'ESTABLISHED')).toBe(true);
    expect(now.length).toBeGreaterThan(0);
    expect([...seen, ...now].filter((s) => !onLoopbackOnly(s))).toEqual([]);
    expect(seen.filter((s) => s.proto === 'udp')).toEqual([]);
  });

  it('deleting B’s folder under a running Syncthing stops B’s folder with an error; A keeps every file', async () => {
    const pair = await rig();
    writeFileSync(join(pair.a.dir, 'keep.txt'), 'A must keep this');
    await pair.waitIdle();
    rmSync(pair.b.dir, { recursive: true, force: true });

    const status = (node: 'a' | 'b') => pair[node].api<Status>(`/rest/db/status?folder=${pair.folderId}`);
    await expect.poll(async () => (await status('b')).state, PROPAGATION).toBe('error');
    expect((await status('b')).error).toBe('folder path missing');
    // A scan asked for now is refused rather than reading the missing folder as "everything deleted".
    await expect(pair.b.api(`/rest/db/scan?folder=${pair.folderId}`, { method: 'POST' })).rejects.toThrow(
      /folder path missing/,
    );
    await pair.a.api(`/rest/db/scan?folder=${pair.folderId}`, { method: 'POST' });
    expect((await status('a')).state).toBe('idle');
    expect(tree(pair.a.dir)).toEqual({ 'keep.txt': 'A must keep this' });
    // Syncthing does not make the folder again.
    expect(existsSync(pair.b.dir)).toBe(false);

    // The folder made again without its .stfolder marker (as a program writing into it would): still an error.
    mkdirSync(join(pair.b.dir, 'Kinetic'), { recursive: true });
    await expect
      .poll(async () => (await status('b')).error ?? '', PROPAGATION)
      .toMatch(/^folder marker missing/);
    await expect(pair.b.api(`/rest/db/scan?folder=${pair.folderId}`, { method: 'POST' })).rejects.toThrow(
      /folder marker missing/,
    );
    expect(tree(pair.a.dir)).toEqual({ 'keep.txt': 'A must keep this' });
  });

  it('emptying A’s folder while its .stfolder marker stays is a deletion, and Syncthing carries it to B', async () => {
    // Why the sync code must read a vanished log as "nothing new", never as "delete these tasks".
    const pair = await rig();
    mkdirSync(join(pair.a.dir, 'Kinetic', 'device-a'), { recursive: true });
    writeFileSync(join(pair.a.dir, 'Kinetic', 'device-a', 'log.jsonl'), '{"op":1}\n');
    await pair.waitIdle();
    expect(Object.keys(tree(pair.b.dir))).toEqual(['Kinetic/device-a/log.jsonl']);
    rmSync(join(pair.a.dir, 'Kinetic'), { recursive: true });
    await pair.waitIdle();
    expect(readdirSync(pair.b.dir)).toEqual(['.stfolder']);
  });

  it('while a file arrives, the only other name in the receiving folder is .syncthing.<name>.tmp', async () => {
    const pair = await rig();
    const names = new Set<string>();
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        for (const name of readdirSync(pair.b.dir)) names.add(name);
        await new Promise((done) => setTimeout(done, 5));
      }
    })();
    try {
      const fd = openSync(join(pair.a.dir, 'big.bin'), 'w');
      for (let i = 0; i < 16; i++) writeSync(fd, randomBytes(1 << 20));
      closeSync(fd);
      await pair.waitIdle(60_000);
    } finally {
      watching = false;
      await watcher;
    }
    expect([...names].filter((n) => n !== '.stfolder' && n !== 'big.bin')).toEqual(
      [...names].filter((n) => n === '.syncthing.big.bin.tmp'),
    );
    expect(readdirSync(pair.b.dir).sort()).toEqual(['.stfolder', 'big.bin']);
  });

  it('no Syncthing outlives a test process that exits without closing its rig, or (Linux) is killed outright', async () => {
    const probe = async (end: (child: ChildProcess) => void): Promise<void> => {
      const root = mkdtempSync(join(tmpdir(), 'kinetic-syncthing-'));
      rigs.push({ pair: null, root });
      // One process: tsx's CLI would put a parent in between, and a SIGKILL would hit that instead.
      const script = join(import.meta.dirname, 'harness/syncthingProbe.ts');
      const child = spawn(process.execPath, ['--import', 'tsx', script, root], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      let out = '';
      const pids = await new Promise<number[]>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(JSON.parse(out) as number[]);
        });
        child.once('exit', (code) => reject(new Error(`the probe exited (${code}) before starting its rig`)));
      });
      expect(pids).toHaveLength(2);
      expect(pids.filter(alive)).toEqual(pids);
      end(child);
      await expect.poll(() => pids.filter(alive), PROPAGATION).toEqual([]);
    };
    // Exits normally without close(): the rig's exit hook kills both.
    await probe((child) => child.stdin?.end());
    // Killed outright: no hook runs; on Linux the kernel's parent-death signal kills both.
    if (process.platform === 'linux') await probe((child) => child.kill('SIGKILL'));
  });

  it('without Syncthing the rig fails saying how to install it (it never skips)', () => {
    const saved = { path: process.env['PATH'], bin: process.env['SYNCTHING_PATH'] };
    try {
      delete process.env['SYNCTHING_PATH'];
      process.env['PATH'] = join(tmpdir(), 'no-such-dir');
      expect(() => findSyncthing()).toThrow(/Syncthing is not installed.*apt-get install -y syncthing/);
      process.env['SYNCTHING_PATH'] = join(tmpdir(), 'no-such-syncthing');
      expect(() => findSyncthing()).toThrow(/SYNCTHING_PATH .* no file there.*apt-get install -y syncthing/);
    } finally {
      process.env['PATH'] = saved.path;
      if (saved.bin === undefined) delete process.env['SYNCTHING_PATH'];
      else process.env['SYNCTHING_PATH'] = saved.bin;
    }
  });
});
