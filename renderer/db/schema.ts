/**
 * The Dexie database: the only place that knows IndexedDB. Every schema change is a new version
 * with an upgrade function, a fixture of the version before it (test/db/fixtures) and a test.
 */
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { taskIndexKeys, type TaskIndexKeys } from '../../shared/nextAction';
import type { FocusSession, Reflection, Task } from '../../shared/types';
import { DB_NAME, SCHEMA_VERSION } from './version';

export { DB_NAME } from './version';

/** A stored task: the domain task plus its derived index keys. */
export type TaskRow = Task & TaskIndexKeys;

const INDEX_KEYS: (keyof TaskIndexKeys)[] = ['rankKey', 'stepKey', 'timedDueKey', 'momentumKey', 'pinKey'];

/** The row to store for a task: derived keys recomputed, keys that do not apply removed. */
export function toRow(task: Task): TaskRow {
  const row: TaskRow = { ...task };
  for (const key of INDEX_KEYS) delete row[key];
  return Object.assign(row, taskIndexKeys(task));
}

/** The domain task of a row (derived keys stripped). */
export function fromRow(row: TaskRow): Task {
  const task: TaskRow = { ...row };
  for (const key of INDEX_KEYS) delete task[key];
  return task;
}

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * The history of the schema, oldest first. Tests open a database at an old version by applying
 * only the first entries, fill it with fixture data, and then open it with all of them.
 */
export const SCHEMA_VERSIONS: SchemaVersion[] = [
  {
    // Foundation: tasks with the indexes the next-action pick needs.
    version: 1,
    stores: { tasks: 'id, parentId, doneAt, updatedAt, rankKey, stepKey, timedDueKey' },
  },
  {
    // Focus sessions: a session log, and momentum (tasks remember when they were last worked on).
    version: 2,
    stores: {
      tasks: 'id, parentId, doneAt, updatedAt, rankKey, stepKey, timedDueKey, momentumKey',
      sessions: 'id, taskId, endedAt',
    },
    upgrade: async (tx) => {
      await tx
        .table('tasks')
        .toCollection()
        .modify((row: Record<string, unknown>) => {
          row['workedAt'] ??= null;
          refreshKeys(row);
        });
    },
  },
  {
    // Reflection: reflections per day, and tasks pinned as a day's first step.
    version: 3,
    stores: {
      tasks: 'id, parentId, doneAt, updatedAt, rankKey, stepKey, timedDueKey, momentumKey, pinKey',
      reflections: 'day',
    },
    upgrade: async (tx) => {
      await tx
        .table('tasks')
        .toCollection()
        .modify((row: Record<string, unknown>) => {
          row['pinnedFor'] ??= null;
          refreshKeys(row);
        });
    },
  },
];

/** Brings a row's derived keys up to date with the current definition, in place. */
function refreshKeys(row: Record<string, unknown>): void {
  const fresh = toRow(withDefaults(row));
  for (const key of INDEX_KEYS) delete row[key];
  Object.assign(row, fresh);
}

/** Older rows lack fields added later; give them their neutral values. */
export function withDefaults(row: Record<string, unknown>): Task {
  return {
    parentId: null,
    order: 0,
    due: null,
    estimateMin: null,
    tags: [],
    priority: null,
    skipCount: 0,
    skipReasons: [],
    snoozedUntil: null,
    waitingNote: null,
    pinnedFor: null,
    workedAt: null,
    doneAt: null,
    ...row,
  } as unknown as Task;
}

export class KineticDb extends Dexie {
  tasks!: EntityTable<TaskRow, 'id'>;
  sessions!: EntityTable<FocusSession, 'id'>;
  reflections!: EntityTable<Reflection, 'day'>;
  /** The IDBKeyRange of the IndexedDB this database runs on (plain reads in pick.ts need it). */
  readonly keyRange: typeof IDBKeyRange;

  constructor(
    name = DB_NAME,
    options: { upTo?: number; indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {},
  ) {
    // Strict durability: a write is on disk when its transaction completes, so a crash right
    // after "saved" loses nothing.
    // No live-query cache: with it, a live query started after a task's array index key
    // (rankKey holds the skip count) changed was answered with the old row, so the second
    // "Not now" did not ask why (seen in Chromium by test/e2e/nextAction.e2e.test.ts). Our
    // queries are small index reads; correctness wins.
    super(name, {
      chromeTransactionDurability: 'strict',
      cache: 'disabled',
      ...(options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : {}),
    });
    this.keyRange = options.IDBKeyRange ?? globalThis.IDBKeyRange;
    for (const v of SCHEMA_VERSIONS) {
      if (options.upTo !== undefined && v.version > options.upTo) break;
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
  }
}

export const CURRENT_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
if (CURRENT_VERSION !== SCHEMA_VERSION) {
  throw new Error(`renderer/db/version.ts says schema ${SCHEMA_VERSION}, schema.ts has ${CURRENT_VERSION}`);
}
