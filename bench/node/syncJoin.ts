/**
 * A new device joining a sync folder that holds another device's log of `size` tasks: main's part,
 * from choosing the folder to having every op in its own log (read, checked, appended and synced
 * to disk). The database's part is the rebuild the bench measures in Chromium.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { FileLogFolder } from '../../electron/main/adapters/logFolder';
import { FileStore } from '../../electron/main/adapters/fileStore';
import { FileSyncFolder } from '../../electron/main/adapters/syncFolder';
import { OplogService } from '../../electron/main/services/oplog';
import { SyncService } from '../../electron/main/services/sync';
import { materializeStamped, nextHlc, type SyncOp } from '../../shared/sync';
import { snapshotLines } from '../../shared/syncSnapshot';
import { generateTasks } from '../seed';

const OTHER = 'bench0other00001';

export async function syncJoinMs(
  size: number,
  now: number,
): Promise<{ ms: number; ops: number; longestBlockMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'kinetic-sync-join-'));
  try {
    // The other device's folder: a snapshot of its tasks, as after its own compaction.
    const { tasks } = generateTasks(size, now, 13);
    let hlc: string | null = null;
    const ops: SyncOp[] = tasks.map((task) => {
      hlc = nextHlc(hlc, now, OTHER);
      return { hlc, device: OTHER, table: 'tasks', id: task.id, set: { ...task } };
    });
    const text = snapshotLines(materializeStamped(ops)).join('\n') + '\n';
    const other = join(dir, 'shared', 'Kinetic', OTHER);
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, 'snap-00000002.jsonl'), text);
    const files = { 'snap-00000002.jsonl': Buffer.byteLength(text) };
    writeFileSync(
      join(other, 'device.json'),
      JSON.stringify({ id: OTHER, name: 'other', lastSeen: now, files }),
    );

    const store = new FileStore(join(dir, 'user'));
    const local = new FileLogFolder(join(dir, 'user', 'oplog'));
    const log = { warn: () => undefined };
    const oplog = new OplogService(local, store, log, () => 'bench0joiner0001');
    await oplog.load();
    const clock = { now: () => now, setTimeout: () => ({ id: 0 }), clearTimeout: () => undefined };
    const sync = new SyncService({
      store,
      clock,
      log,
      oplog,
      local,
      open: (path) => new FileSyncFolder(path),
      defaultName: 'bench',
    });
    // How long main's event loop is held at a time meanwhile (IPC and the tray wait for it).
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const start = performance.now();
    await sync.choose(join(dir, 'shared'));
    const ms = performance.now() - start;
    delay.disable();
    sync.close();
    return { ms, ops: oplog.newest().has(OTHER) ? ops.length : 0, longestBlockMs: delay.max / 1e6 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
