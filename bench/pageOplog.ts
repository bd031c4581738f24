/**
 * The bench page's measurements of the op log and sync (see bench/page.ts): durable quick-add,
 * the rebuild from the log, another device's ops, and IndexedDB's own floor under a rebuild.
 */
import Dexie from 'dexie';
import { fromBridge } from '../shared/api';
import { KineticDb, rowsFor } from '../renderer/db/schema';
import { TaskRepository } from '../renderer/db/tasks';
import { parseQuickAdd } from '../shared/quickAdd';
import { MAX_APPEND_OPS } from '../shared/ipc';
import { nextHlc, type SyncOp } from '../shared/sync';
import { connectLog } from '../renderer/db/oplog/link';
import { applyOps } from '../renderer/db/oplog/apply';
import { REBUILD_CHUNK } from '../renderer/db/oplog/rebuild';
import type { BenchApi, DurableSplit } from './api';
import { generateTasks } from './seed';

export const SEED_CHUNK = 2000;

export const QUICK_ADD_TEXTS = [
  'Call the dentist tomorrow 3pm ~10m #health',
  'Reply to Dana about the budget !2 #work',
  'Buy milk, eggs and bread #errands',
  'Draft the conference abstract ~45m #writing !1',
  'Book the car service next Tuesday #admin',
  'Read chapter 4 ~30m #reading',
  'Send the invoice friday 9am #money ~5m',
  'Water the plants',
];

type OplogBench = Pick<
  BenchApi,
  'quickAddDurable' | 'quickAddDurableSplit' | 'rebuild' | 'applyRemote' | 'storeFloor'
>;

export function oplogBench(self: () => BenchApi): OplogBench {
  return {
    async quickAddDurable(name, options) {
      return (await self().quickAddDurableSplit(name, options)).durableMs;
    },

    async quickAddDurableSplit(name, options) {
      const db = new KineticDb(name);
      // The same link the window uses, timed: how much of an add is main's append (IPC + disk).
      const link = fromBridge(window.kinetic).oplog;
      let appendMs = 0;
      const timed = {
        ...link,
        append: async (request: { ops: SyncOp[] }) => {
          const start = performance.now();
          try {
            return await link.append(request);
          } finally {
            appendMs += performance.now() - start;
          }
        },
      };
      await connectLog(db, timed).ready;
      const repo = new TaskRepository(db);
      const split: DurableSplit = { durableMs: [], appendMs: [] };
      try {
        for (let i = 0; i < options.warmup + options.adds; i++) {
          const now = Date.now();
          appendMs = 0;
          const enter = performance.now();
          await repo.add(parseQuickAdd(QUICK_ADD_TEXTS[i % QUICK_ADD_TEXTS.length]!, new Date(now)), now);
          if (i >= options.warmup) {
            split.durableMs.push(performance.now() - enter);
            split.appendMs.push(appendMs);
          }
        }
      } finally {
        db.close();
      }
      return split;
    },

    async rebuild(name, size, now) {
      const { device } = await fromBridge(window.kinetic).oplog.hello();
      const { tasks } = generateTasks(size, now, 7);
      let hlc: string | null = null;
      for (let i = 0; i < tasks.length; i += MAX_APPEND_OPS) {
        const ops: SyncOp[] = tasks.slice(i, i + MAX_APPEND_OPS).map((task) => {
          hlc = nextHlc(hlc, now, device);
          return { hlc, device, table: 'tasks', id: task.id, set: { ...task } };
        });
        await fromBridge(window.kinetic).oplog.append({ ops });
      }
      const db = new KineticDb(name);
      const link = fromBridge(window.kinetic).oplog;
      let readMs = 0;
      const timed = {
        ...link,
        read: async (request: Parameters<typeof link.read>[0]) => {
          const start = performance.now();
          try {
            return await link.read(request);
          } finally {
            readMs += performance.now() - start;
          }
        },
      };
      // How long the window's main thread is held at a time meanwhile (it must stay responsive).
      const blocks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) blocks.push(entry.duration);
      });
      observer.observe({ type: 'longtask' });
      const start = performance.now();
      await connectLog(db, timed).ready;
      const ms = performance.now() - start;
      for (const entry of observer.takeRecords()) blocks.push(entry.duration);
      observer.disconnect();
      const found = await db.tasks.count();
      await db.delete();
      return { ms, tasks: found, readMs, longestBlockMs: Math.max(0, ...blocks) };
    },

    async applyRemote(name, size, rounds, now) {
      const db = new KineticDb(name);
      await db.open();
      const { tasks } = generateTasks(size, now, 11);
      const rows = rowsFor(tasks, now);
      for (let i = 0; i < rows.length; i += SEED_CHUNK) {
        const chunk = rows.slice(i, i + SEED_CHUNK);
        await db.transaction('rw', db.tasks, db.meta, () => db.tasks.bulkAdd(chunk));
      }
      // Another device's edits, a day ahead of this one's clock: new titles and stamps.
      const device = 'bench-other-device';
      let hlc: string | null = null;
      const ms: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const ops: SyncOp[] = [];
        for (let i = 0; i < 1000; i++) {
          const task = tasks[(round * 7919 + i * 104_729) % tasks.length]!;
          hlc = nextHlc(hlc, now + 86_400_000, device);
          ops.push({ hlc, device, table: 'tasks', id: task.id, set: { title: `${task.title} (${round})` } });
        }
        const start = performance.now();
        await applyOps(db, ops, now);
        ms.push(performance.now() - start);
      }
      db.close();
      await Dexie.delete(name);
      return ms;
    },

    async storeFloor(name, size, now) {
      const db = new KineticDb(name);
      await db.open();
      const rows = rowsFor(generateTasks(size, now, 7).tasks, now);
      // Plain IndexedDB puts, as few and as light as a rebuild could make them: what it cannot beat.
      const put = async (idb: IDBDatabase): Promise<number> => {
        const start = performance.now();
        for (let i = 0; i < rows.length; i += REBUILD_CHUNK) {
          await new Promise<void>((resolve, reject) => {
            const tx = idb.transaction('tasks', 'readwrite', { durability: 'relaxed' });
            const target = tx.objectStore('tasks');
            for (const value of rows.slice(i, i + REBUILD_CHUNK)) target.put(value);
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          });
        }
        return performance.now() - start;
      };
      const tasksMs = await put(db.backendDB());
      db.close();
      await Dexie.delete(name);
      // The same rows in a store without indexes: what the tasks' indexes cost.
      const plain = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(`${name}-plain`, 1);
        request.onupgradeneeded = () => request.result.createObjectStore('tasks', { keyPath: 'id' });
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const noIndexMs = await put(plain);
      plain.close();
      await Dexie.delete(`${name}-plain`);
      return { tasksMs, noIndexMs };
    },
  };
}
