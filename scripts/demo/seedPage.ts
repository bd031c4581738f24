/**
 * Runs in a Kinetic page (same origin, same IndexedDB) to write demo data with the app's own
 * schema and row format. Bundled and evaluated by scripts/screenshots.ts.
 */
import { KineticDb, toRow } from '../../renderer/db/schema';
import type { DemoData } from './demoData';

declare global {
  interface Window {
    __seedDemo?: (data: DemoData) => Promise<number>;
  }
}

window.__seedDemo = async (data) => {
  const db = new KineticDb();
  await db.open();
  await db.transaction('rw', db.tasks, db.sessions, db.reflections, async () => {
    await db.tasks.clear();
    await db.sessions.clear();
    await db.reflections.clear();
    await db.tasks.bulkAdd(data.tasks.map(toRow));
    await db.sessions.bulkAdd(data.sessions);
    await db.reflections.bulkAdd(data.reflections);
  });
  const count = await db.tasks.count();
  db.close();
  return count;
};
