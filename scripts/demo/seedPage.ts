/**
 * Runs in a Kinetic page (same origin, same IndexedDB) to write demo data with the app's own
 * schema and row format. Bundled and evaluated by scripts/screenshots.ts.
 */
import { KineticDb, rowsFor } from '../../renderer/db/schema';
import type { DemoData } from './demoData';

declare global {
  interface Window {
    __seedDemo?: (data: DemoData) => Promise<number>;
  }
}

window.__seedDemo = async (data) => {
  const db = new KineticDb();
  await db.open();
  // With meta: every write to tasks keeps the pick's floors (renderer/db/floors.ts); none stored
  // means the sections' starts.
  await db.transaction('rw', [db.tasks, db.meta, db.sessions, db.reflections], async () => {
    await db.tasks.clear();
    await db.meta.clear();
    await db.sessions.clear();
    await db.reflections.clear();
    await db.tasks.bulkAdd(rowsFor(data.tasks, Date.now()));
    await db.sessions.bulkAdd(data.sessions);
    await db.reflections.bulkAdd(data.reflections);
  });
  const count = await db.tasks.count();
  db.close();
  return count;
};
