/**
 * The app's database and repositories. Stores and components reach data only through these.
 */
import { liveQuery } from 'dexie';
import { KineticDb } from './schema';
import { TaskRepository } from './tasks';
import { SessionRepository } from './sessions';
import { ReflectionRepository } from './reflections';

export interface Repositories {
  db: KineticDb;
  tasks: TaskRepository;
  sessions: SessionRepository;
  reflections: ReflectionRepository;
}

export function createRepositories(db: KineticDb = new KineticDb()): Repositories {
  return {
    db,
    tasks: new TaskRepository(db),
    sessions: new SessionRepository(db),
    reflections: new ReflectionRepository(db),
  };
}

/**
 * Runs `query` now and again whenever the data it read changes — in this window or in any other
 * window of the app (Dexie observes changes across same-origin windows). Returns the unsubscribe.
 */
export function observe<T>(
  query: () => Promise<T>,
  onValue: (value: T) => void,
  onError: (error: unknown) => void,
): () => void {
  const subscription = liveQuery(query).subscribe({ next: onValue, error: onError });
  return () => subscription.unsubscribe();
}

export { TaskInputError, MAX_TITLE } from './tasks';
export type { NewTask } from './tasks';
export type { ReflectionInput } from './reflections';
