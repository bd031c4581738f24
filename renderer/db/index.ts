/**
 * The app's database and repositories. Stores and components reach data only through these.
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import { KineticDb } from './schema';
import { TaskRepository } from './tasks';
import { SessionRepository } from './sessions';
import { ReflectionRepository } from './reflections';
import { BackupRepository } from './backup';
import { connectLog, type CatchUpProgress, type Durable, type LogLink } from './oplog/link';

export type { Durable, LogLink, Recovery } from './oplog/link';
import { MomentumRepository } from './momentum';

export interface Repositories {
  db: KineticDb;
  tasks: TaskRepository;
  sessions: SessionRepository;
  reflections: ReflectionRepository;
  backup: BackupRepository;
  momentum: MomentumRepository;
}

/**
 * The repositories of a window, its database linked to main's op log (oplog/link.ts): writes
 * wait until the database has caught up with the log, and resolve once their ops are on disk.
 */
export function openRepositories(
  link: LogLink,
  options: { progress?: CatchUpProgress } = {},
): { repos: Repositories; durable: Durable } {
  const db = new KineticDb();
  const durable = connectLog(db, link, options);
  return { repos: createRepositories(db), durable };
}

export function createRepositories(db: KineticDb = new KineticDb()): Repositories {
  return {
    db,
    tasks: new TaskRepository(db),
    sessions: new SessionRepository(db),
    reflections: new ReflectionRepository(db),
    backup: new BackupRepository(db),
    momentum: new MomentumRepository(db),
  };
}

/**
 * Runs `query` now and again after every committed change to the tasks table — made in this
 * window or any other (Dexie broadcasts its mutations across same-origin windows). For reads
 * Dexie's live queries cannot follow, such as the plain-IndexedDB next-action pick. Runs never
 * overlap; changes during a run cause one more run. Returns the unsubscribe.
 */
export function observeTasks<T>(
  db: KineticDb,
  query: () => Promise<T>,
  onValue: (value: T) => void,
  onError: (error: unknown) => void,
): () => void {
  let running = false;
  let again = false;
  let stopped = false;
  const prefix = `idb://${db.name}/tasks/`;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        // This window's own write shows once it is reported done (the panel it came from closes
        // with it), not at its commit, before main's log has it.
        await db.settled();
        const value = await query();
        if (!stopped) onValue(value);
      } while (again && !stopped);
    } catch (error) {
      if (!stopped) onError(error);
    } finally {
      running = false;
    }
  };
  const listener = (parts: ObservabilitySet): void => {
    if (Object.keys(parts).some((part) => part.startsWith(prefix))) void run();
  };
  Dexie.on('storagemutated', listener);
  void run();
  return () => {
    stopped = true;
    Dexie.on.storagemutated.unsubscribe(listener);
  };
}

export { TaskInputError, MAX_TITLE } from './tasks';
export type { NewTask } from './tasks';
export type { ReflectionInput } from './reflections';
export type { RestoreCounts } from './backup';
export type { MomentumRecords } from './momentum';
