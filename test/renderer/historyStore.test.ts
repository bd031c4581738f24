/**
 * The history store follows the store convention: created by the window's entry at no cost (its
 * reads load on the first start), `start()` reads afresh and returns the unsubscribe, failures
 * land in `error` as sentences (renderer/errors.ts), an export's outcome in `notice`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRepositories, type Repositories } from '../../renderer/db';
import type { KineticDb } from '../../renderer/db/schema';
import { createHistoryStore, type HistoryRepos } from '../../renderer/store/history';
import * as reads from '../../renderer/store/history/reads';
import { KineticIpcError, type KineticApi } from '../../shared/api';
import { newTaskInput, openTestDb, uniqueDbName } from '../db/fixtures/helpers';

const HOUR = 60 * 60_000;
const NOW = new Date(2026, 10, 28, 18, 0).getTime();
const dbs: KineticDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

function freshRepos(): Repositories {
  const db = openTestDb(uniqueDbName('history-store'));
  dbs.push(db);
  return createRepositories(db);
}

function setup(
  repos: () => Promise<HistoryRepos>,
  exported: () => Promise<unknown> = () => Promise.reject(),
) {
  const load = vi.fn(() => Promise.resolve(reads));
  const api = { history: { export: exported } } as unknown as KineticApi;
  const store = createHistoryStore({ repos, api, now: () => NOW, load });
  return { store, load };
}

describe('the history store', () => {
  it('loads nothing until started, then reads the days afresh', async () => {
    const repos = freshRepos();
    const task = await repos.tasks.add(newTaskInput('Water the plants'), NOW - 2 * HOUR);
    await repos.tasks.complete(task.id, NOW - HOUR);
    const { store, load } = setup(() => Promise.resolve(repos));
    expect(load).not.toHaveBeenCalled();
    expect(store.getState().loading).toBe(true);

    const stop = store.getState().start();
    await vi.waitFor(() => expect(store.getState().loading).toBe(false));
    expect(load).toHaveBeenCalled();
    expect(store.getState()).toMatchObject({ today: '2026-11-28', error: null });
    expect(store.getState().stats.at(-1)).toMatchObject({ day: '2026-11-28', done: 1 });

    // Opening again starts from the 7 days, as a new screen does.
    store.getState().setRange(30);
    stop();
    const again = store.getState().start();
    expect(store.getState()).toMatchObject({ range: 7, loading: true });
    await vi.waitFor(() => expect(store.getState().loading).toBe(false));
    again();
  });

  it('shows a failed read as a sentence in error', async () => {
    const { store } = setup(() => Promise.reject(new Error('The database is closed.')));
    const stop = store.getState().start();
    await vi.waitFor(() => expect(store.getState().loading).toBe(false));
    expect(store.getState().error).toBe('Could not read your history: The database is closed.');
    stop();
  });

  it('drops a read still under way once unsubscribed', async () => {
    let open: (repos: HistoryRepos) => void = () => undefined;
    const { store } = setup(() => new Promise((resolve) => (open = resolve)));
    store.getState().start()();
    open(freshRepos());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.getState()).toMatchObject({ loading: true, today: null });
  });

  it('says where an export went in notice, and a failed one in error without its code', async () => {
    const repos = freshRepos();
    const task = await repos.tasks.add(newTaskInput('Send the invoice'), NOW - 2 * HOUR);
    await repos.tasks.complete(task.id, NOW - HOUR);
    let answer = (): Promise<unknown> => Promise.resolve({ saved: true, path: '/tmp/Kinetic 2026-11-28.md' });
    const { store } = setup(
      () => Promise.resolve(repos),
      () => answer(),
    );
    await store.getState().refresh();
    await store.getState().exportDays(1);
    expect(store.getState()).toMatchObject({ notice: 'Saved to /tmp/Kinetic 2026-11-28.md', error: null });

    answer = () =>
      Promise.reject(
        new KineticIpcError({ code: 'failed', channel: 'history:export', message: 'The disk is full.' }),
      );
    await store.getState().exportDays(1);
    expect(store.getState()).toMatchObject({ notice: null, error: 'Could not export: The disk is full.' });
  });
});
