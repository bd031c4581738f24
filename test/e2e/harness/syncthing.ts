/**
 * Two real Syncthing instances (Debian's `syncthing`, 1.19) sharing one folder between two scratch
 * directories, on 127.0.0.1 only: no global or local discovery, no relays, no NAT, usage reporting
 * refused, no upgrades, no crash reports, no browser. Ports are picked free at run time so rigs can
 * run side by side. Readiness, connection and idleness come from Syncthing's REST API.
 * How it works and what Syncthing does: docs/sync-testing.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onLoopbackOnly, socketsOf, type Socket } from './sockets';
import { FOLDER_ID, findSyncthing, freePorts, syncthingVersion, xmlConfig } from './syncthingConfig';

export { FOLDER_ID, findSyncthing, onLoopbackOnly };

export type NodeName = 'a' | 'b';

export interface SyncthingNode {
  readonly name: NodeName;
  /** This device's copy of the shared folder. */
  readonly dir: string;
  /** Syncthing's own home (config, keys, index database). */
  readonly home: string;
  readonly deviceId: string;
  readonly apiKey: string;
  readonly guiPort: number;
  readonly syncPort: number;
  /** Syncthing's stdout and stderr, appended across restarts. */
  readonly logFile: string;
  /** The running process's id, or null while stopped. */
  pid(): number | null;
  /** A REST call with the API key; throws on a non-2xx answer. */
  api<T = unknown>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
}

export interface Pair {
  readonly root: string;
  readonly folderId: string;
  readonly version: string;
  readonly a: SyncthingNode;
  readonly b: SyncthingNode;
  /** Milliseconds from spawning both to: both REST APIs answering, connected, both folders idle. */
  readonly startup: { restMs: number; connectedMs: number; idleMs: number };
  /** Stops one instance (SIGTERM, then SIGKILL); its config and index stay for start(). */
  stop(name: NodeName): Promise<void>;
  /** Starts a stopped instance again and waits until it answers and, if the other runs, connects. */
  start(name: NodeName): Promise<void>;
  /**
   * Scans every running instance's folder now, then waits until each is idle with nothing left to
   * pull and (when both run) each has everything the other has.
   */
  waitIdle(timeoutMs?: number): Promise<void>;
  /** Every TCP/UDP socket the instances were seen holding since they started (sampled). */
  socketsSeen(): (Socket & { pid: number })[];
  /** Every process id the pair has started (to check none outlives close()). */
  startedPids(): number[];
  /** Kills both instances. Safe to call twice, and after a failed start. */
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

async function until(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      if (error instanceof FatalRigError) throw error;
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`,
      );
    }
    await sleep(50);
  }
}

class FatalRigError extends Error {}

const PDEATHSIG = process.platform === 'linux' && existsSync('/usr/bin/setpriv') ? '/usr/bin/setpriv' : null;

/** Every instance this process started and has not reaped: killed if the test process exits. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of live) c.kill('SIGKILL');
    });
  }
}

interface Internal extends SyncthingNode {
  child: ChildProcess | null;
}

function makeNode(bin: string, root: string, name: NodeName, ports: { gui: number; sync: number }): Internal {
  const home = join(root, `syncthing-${name}`);
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const generated = spawnSync(bin, ['generate', `--home=${home}`, '--no-default-folder'], {
    encoding: 'utf8',
  });
  if (generated.status !== 0) {
    throw new Error(`syncthing generate failed: ${generated.stderr || String(generated.error)}`);
  }
  const deviceId = /<device id="([A-Z0-9-]+)"/.exec(readFileSync(join(home, 'config.xml'), 'utf8'))?.[1];
  if (!deviceId) throw new Error(`syncthing generate wrote no device id in ${home}/config.xml`);
  const apiKey = randomBytes(24).toString('base64url');
  const logFile = join(root, `syncthing-${name}.log`);

  const node: Internal = {
    name,
    dir,
    home,
    deviceId,
    apiKey,
    guiPort: ports.gui,
    syncPort: ports.sync,
    logFile,
    child: null,
    pid: () => node.child?.pid ?? null,
    async api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
      const response = await fetch(`http://127.0.0.1:${ports.gui}${path}`, {
        method: init?.method ?? 'GET',
        headers: { 'X-API-Key': apiKey, 'Content-Type': 'application/json' },
        body: init?.body === undefined ? null : JSON.stringify(init.body),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      if (!response.ok)
        throw new Error(`${name}: ${init?.method ?? 'GET'} ${path} → ${response.status} ${text}`);
      return (text ? JSON.parse(text) : null) as T;
    },
  };
  return node;
}

function spawnNode(bin: string, node: Internal, sample: (pid: number) => void): void {
  const out = openSync(node.logFile, 'a');
  const args = [
    'serve',
    `--home=${node.home}`,
    '--no-browser',
    '--no-restart',
    '--no-upgrade',
    '--no-default-folder',
  ];
  // On Linux the kernel kills Syncthing if the test process dies without running its exit hooks
  // (SIGKILL, a crashed worker); setpriv execs Syncthing, so the pid stays Syncthing's.
  const [command, commandArgs] = PDEATHSIG
    ? [PDEATHSIG, ['--pdeathsig', 'KILL', '--', bin, ...args]]
    : [bin, args];
  const child = spawn(command, commandArgs, {
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      STNODEFAULTFOLDER: '1',
      STNOUPGRADE: '1',
      STNORESTART: '1',
      // Run as the one process (no monitor parent that a SIGKILL would orphan its child under).
      STMONITORED: '1',
      // Name the hash implementation, which skips timing both at every start.
      STHASHING: 'minio',
    },
  });
  closeSync(out);
  track(child);
  node.child = child;
  child.once('exit', () => {
    if (node.child === child) node.child = null;
  });
  if (child.pid) sample(child.pid);
}

function logTail(node: SyncthingNode): string {
  try {
    return readFileSync(node.logFile, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitRest(node: Internal, timeoutMs: number): Promise<void> {
  await until(`Syncthing ${node.name}'s REST API`, timeoutMs, async () => {
    if (!node.child)
      throw new FatalRigError(`Syncthing ${node.name} exited while starting:\n${logTail(node)}`);
    return (await node.api<{ ping: string }>('/rest/system/ping')).ping === 'pong';
  });
}

async function connected(from: SyncthingNode, to: SyncthingNode): Promise<boolean> {
  const c = await from.api<{ connections: Record<string, { connected: boolean }> }>(
    '/rest/system/connections',
  );
  return c.connections[to.deviceId]?.connected === true;
}

interface FolderStatus {
  state: string;
  error?: string;
  needTotalItems: number;
  globalFiles: number;
  globalDirectories: number;
  globalDeleted: number;
  inSyncFiles: number;
  sequence: number;
  pullErrors?: number;
}

async function stopChild(node: Internal): Promise<void> {
  const child = node.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Starts the pair in `root` (which should be empty): folders at `root/a` and `root/b`. */
export async function startSyncthingPair(root: string): Promise<Pair> {
  const bin = findSyncthing();
  const version = syncthingVersion(bin);
  const [guiA = 0, syncA = 0, guiB = 0, syncB = 0] = await freePorts(4);
  const seen = new Map<string, Socket & { pid: number }>();
  const started: number[] = [];
  const samplers: NodeJS.Timeout[] = [];
  const sample = (pid: number): void => {
    const look = (): void => {
      try {
        for (const s of socketsOf(pid))
          seen.set(`${pid} ${s.proto} ${s.local} ${s.remote} ${s.state}`, { ...s, pid });
      } catch {
        // The process has gone.
      }
    };
    started.push(pid);
    look();
    const timer = setInterval(look, process.platform === 'linux' ? 100 : 1_000);
    timer.unref();
    samplers.push(timer);
  };
  const a = makeNode(bin, root, 'a', { gui: guiA, sync: syncA });
  const b = makeNode(bin, root, 'b', { gui: guiB, sync: syncB });
  const nodes = { a, b };
  /*
   * Only the instance being started dials the other. When both dial at once, 1.19 can stall both
   * connections in the Hello exchange until its 20 s timeout (seen here on a loaded machine).
   */
  const writeConfig = (node: Internal, dials: boolean): void => {
    const other = node === a ? b : a;
    const devices = [
      { id: node.deviceId, name: node.name, address: 'dynamic' },
      {
        id: other.deviceId,
        name: other.name,
        address: dials ? `tcp://127.0.0.1:${other.syncPort}` : 'dynamic',
      },
    ];
    writeFileSync(join(node.home, 'config.xml'), xmlConfig({ self: node, devices }));
  };
  for (const node of [a, b]) mkdirSync(join(node.dir, '.stfolder'), { recursive: true });
  writeConfig(a, true);
  writeConfig(b, false);

  const close = async (): Promise<void> => {
    await Promise.all([stopChild(a), stopChild(b)]);
    for (const timer of samplers) clearInterval(timer);
  };

  const idleOnce = async (): Promise<string> => {
    const running = [a, b].filter((n) => n.child);
    const parts: string[] = [];
    for (const node of running) {
      const s = await node.api<FolderStatus>(`/rest/db/status?folder=${FOLDER_ID}`);
      if (s.state === 'error') throw new FatalRigError(`${node.name}'s folder is in error: ${s.error ?? ''}`);
      if (s.state !== 'idle' || s.needTotalItems !== 0 || (s.pullErrors ?? 0) !== 0) return '';
      parts.push(`${s.sequence}/${s.globalFiles}/${s.globalDirectories}/${s.globalDeleted}`);
    }
    if (running.length === 2) {
      for (const [from, to] of [
        [a, b],
        [b, a],
      ] as const) {
        if (!(await connected(from, to))) return '';
        const c = await from.api<{ completion: number; needItems: number; needDeletes: number }>(
          `/rest/db/completion?folder=${FOLDER_ID}&device=${to.deviceId}`,
        );
        if (c.completion !== 100 || c.needItems !== 0 || c.needDeletes !== 0) return '';
      }
      const [sa, sb] = parts;
      // Both see the same global tree.
      if (sa?.split('/').slice(1).join() !== sb?.split('/').slice(1).join()) return '';
    }
    return parts.join(' ');
  };

  const pair: Pair = {
    root,
    folderId: FOLDER_ID,
    version,
    a,
    b,
    startup: { restMs: 0, connectedMs: 0, idleMs: 0 },
    async stop(name) {
      await stopChild(nodes[name]);
    },
    async start(name) {
      const node = nodes[name];
      if (node.child) throw new Error(`Syncthing ${name} is already running.`);
      const other = name === 'a' ? b : a;
      if (other.child) {
        await other.api(`/rest/config/devices/${node.deviceId}`, {
          method: 'PATCH',
          body: { addresses: ['dynamic'] },
        });
      }
      writeConfig(node, true);
      spawnNode(bin, node, sample);
      await waitRest(node, 30_000);
      if (other.child) {
        await until(`${name} and ${other.name} to connect`, 30_000, async () => {
          return (await connected(node, other)) && (await connected(other, node));
        });
      }
    },
    async waitIdle(timeoutMs = 30_000) {
      // A scan now, so changes the watcher has not reported yet are counted.
      for (const node of [a, b]) {
        if (node.child) await node.api(`/rest/db/scan?folder=${FOLDER_ID}`, { method: 'POST' });
      }
      let previous = '';
      await until('both Syncthing folders to be idle and in step', timeoutMs, async () => {
        const now = await idleOnce();
        // Twice the same answer in a row: nothing was still arriving.
        const stable = now !== '' && now === previous;
        previous = now;
        if (!stable) await sleep(100);
        return stable;
      });
    },
    socketsSeen: () => [...seen.values()],
    startedPids: () => [...started],
    close,
  };

  try {
    const t0 = Date.now();
    // B listens before A (the one that dials) starts, so A's first dial finds it.
    spawnNode(bin, b, sample);
    await waitRest(b, 30_000);
    spawnNode(bin, a, sample);
    await waitRest(a, 30_000);
    pair.startup.restMs = Date.now() - t0;
    await until('a and b to connect', 30_000, async () => (await connected(a, b)) && (await connected(b, a)));
    pair.startup.connectedMs = Date.now() - t0;
    await pair.waitIdle();
    pair.startup.idleMs = Date.now() - t0;
  } catch (error) {
    await close();
    throw new Error(
      `The Syncthing pair did not start: ${String(error)}\n--- a's log:\n${logTail(a)}\n--- b's log:\n${logTail(b)}`,
    );
  }
  return pair;
}
