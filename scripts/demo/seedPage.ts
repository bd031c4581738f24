/**
 * Runs in a Kinetic page (same origin, same IndexedDB) to write demo data with the app's own
 * schema and row format, through the op log like any write (so the demo survives a reset too).
 * Bundled and evaluated by scripts/screenshots.ts and the e2e tests.
 */
import { fromBridge } from '../../shared/api';
import { KineticDb, rowsFor } from '../../renderer/db/schema';
import { connectLog } from '../../renderer/db/oplog/link';
import { markReplay } from '../../renderer/db/oplog/record';
import type { DemoData } from './demoData';

declare global {
  interface Window {
    __seedDemo?: (data: DemoData) => Promise<number>;
  }
}

window.__seedDemo = async (data) => {
  const db = new KineticDb();
  await connectLog(db, fromBridge(window.kinetic).oplog).ready;
  const tables = [db.tasks, db.meta, db.sessions, db.reflections];
  // A clean slate for the demo: a reset, not a user's change (ops never delete).
  await db.transaction('rw', tables, async (tx) => {
    markReplay(tx.idbtrans);
    await Promise.all(tables.map((table) => table.clear()));
  });
  // With meta: every write to tasks keeps the pick's floors (renderer/db/floors.ts); none stored
  // means the sections' starts.
  await db.write(tables, async () => {
    await db.tasks.bulkAdd(rowsFor(data.tasks, Date.now()));
    await db.sessions.bulkAdd(data.sessions);
    await db.reflections.bulkAdd(data.reflections);
  });
  const count = await db.tasks.count();
  db.close();
  return count;
};
