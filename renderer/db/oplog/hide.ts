/**
 * Reads of synced records leave their stamps out (oplog/stamps.ts): they are the log's own
 * business, so no task, session or reflection that the app, a backup or main sees carries them.
 * Only replays of the log read them. The values come from IndexedDB as fresh copies, so the field
 * is removed in place.
 */
import type { DBCoreCursor, DBCoreTable, DBCoreTransaction } from 'dexie';
import { STAMPS } from './stamps';

function strip<T>(value: T): T {
  if (value !== null && typeof value === 'object' && STAMPS in value) {
    delete (value as Record<string, unknown>)[STAMPS];
  }
  return value;
}

/** A cursor whose values come without stamps; everything else is the cursor's own. */
function hidingCursor(cursor: DBCoreCursor): DBCoreCursor {
  return new Proxy(cursor, {
    get(target, property) {
      if (property === 'value') return strip(target.value);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The reads of `table`, hiding stamps unless `raw(trans)`. */
export function hidingReads(
  table: DBCoreTable,
  raw: (trans: DBCoreTransaction) => boolean,
): Pick<DBCoreTable, 'get' | 'getMany' | 'query' | 'openCursor'> {
  return {
    get: (req) => (raw(req.trans) ? table.get(req) : table.get(req).then(strip)),
    getMany: (req) =>
      raw(req.trans) ? table.getMany(req) : table.getMany(req).then((values) => values.map(strip)),
    query: (req) =>
      raw(req.trans) || !req.values
        ? table.query(req)
        : table.query(req).then((response) => {
            response.result.forEach(strip);
            return response;
          }),
    openCursor: (req) =>
      raw(req.trans) || !req.values
        ? table.openCursor(req)
        : table.openCursor(req).then((cursor) => cursor && hidingCursor(cursor)),
  };
}
