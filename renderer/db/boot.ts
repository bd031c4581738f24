/**
 * The main window's first next action, before Dexie has loaded: open the database with the
 * plain IndexedDB API, run the indexed pick, close. Undefined when that is not possible yet
 * (first start, or a schema upgrade Dexie has to run): the window then waits for Dexie.
 */
import type { NextAction } from '../../shared/nextAction';
import { pickIndexed } from './pick';
import { DB_NAME, SCHEMA_VERSION } from './version';

export async function bootPick(now: number): Promise<NextAction | null | undefined> {
  const db = await new Promise<IDBDatabase | null>((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(DB_NAME);
    } catch {
      resolve(null);
      return;
    }
    // No database yet: do not create an empty one; Dexie creates it with its schema.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
  });
  if (!db) return undefined;
  try {
    // Dexie keeps IndexedDB's version at ten times its own.
    if (db.version !== SCHEMA_VERSION * 10 || !db.objectStoreNames.contains('tasks')) return undefined;
    return await pickIndexed(db, now);
  } catch {
    return undefined;
  } finally {
    db.close();
  }
}
