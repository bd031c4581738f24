/**
 * The main window's first next action, before Dexie has loaded: open the database with the
 * plain IndexedDB API, run the indexed pick, close. Undefined when that is not possible yet
 * (first start, or a schema upgrade Dexie has to run): the window then waits for Dexie.
 *
 * And an answer sooner still, while IndexedDB opens: the same pick over the copy of the row of
 * floors and front that the last pick read (pick.ts `readSnapshot`). The boot script paints it,
 * then checks it against `bootPick` and repaints when they differ.
 */
import type { NextAction, PolicyOptions } from '../../shared/nextAction';
import {
  FLOORS_ID,
  STAMP_ID,
  pickIndexed,
  readSnapshot,
  rememberFloors,
  rememberFront,
  type Floors,
} from './pick';
import { DB_NAME, SCHEMA_VERSION } from './version';

export async function bootPick(
  now: number,
  policy: Pick<PolicyOptions, 'dueFirstMs'> = {},
): Promise<NextAction | null | undefined> {
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
    return await pickIndexed(db, now, IDBKeyRange, undefined, policy);
  } catch {
    return undefined;
  } finally {
    db.close();
  }
}

/** A read the copy cannot answer: the pick needs IndexedDB. */
class NotInSnapshot extends Error {}

/** A request that settles in a microtask, as IndexedDB's settle in a task. */
function settled<T>(outcome: { result: T } | { error: Error }): IDBRequest<T> {
  const request = { result: undefined, error: null, onsuccess: null, onerror: null } as unknown as {
    result: T | undefined;
    error: Error | null;
    onsuccess: (() => void) | null;
    onerror: (() => void) | null;
  };
  queueMicrotask(() => {
    if ('result' in outcome) {
      request.result = outcome.result;
      request.onsuccess?.();
    } else {
      request.error = outcome.error;
      request.onerror?.();
    }
  });
  return request as unknown as IDBRequest<T>;
}

/**
 * Just enough of an IDBDatabase for `pickIndexed`: the meta table holds the copied row of floors,
 * and every read of tasks fails. So the pick answers only when the row alone decides.
 */
function snapshotDatabase(name: string, floors: Floors): IDBDatabase {
  const miss = (): IDBRequest => settled({ error: new NotInSnapshot() });
  const tasks = { index: () => ({ getAll: miss, getAllRecords: miss }) };
  // No stamp: the pick reads the row, and remembers nothing of it.
  const meta = {
    get: (id: IDBValidKey) =>
      id === FLOORS_ID
        ? settled({ result: floors })
        : id === STAMP_ID
          ? settled({ result: undefined })
          : miss(),
  };
  return {
    name,
    transaction: () => ({ objectStore: (store: string) => (store === 'meta' ? meta : tasks) }),
  } as unknown as IDBDatabase;
}

/**
 * The next action over the copy of the row of floors and front of database `name`; undefined when
 * there is no copy, or when the answer needs more than that row (a pin or woken task may be due,
 * the front is of another day, ...). It can be out of date: only `bootPick` decides.
 */
export async function snapshotPick(
  now: number,
  name = DB_NAME,
  keyRange: typeof IDBKeyRange = IDBKeyRange,
  policy: Pick<PolicyOptions, 'dueFirstMs'> = {},
): Promise<NextAction | null | undefined> {
  const floors = readSnapshot(name);
  if (!floors) return undefined;
  // Read from the copy's floors and front, as the last pick did (hints: the real pick checks them).
  rememberFloors(name, floors);
  rememberFront(name, floors.front?.day ?? null);
  try {
    return await pickIndexed(snapshotDatabase(name, floors), now, keyRange, undefined, policy);
  } catch {
    return undefined;
  }
}
