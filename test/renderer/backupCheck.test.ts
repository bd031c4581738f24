/**
 * The check of an opened backup runs off the window's thread (issue 24): the store hands the
 * file's text to the `checkBackup` its `load` brings (a Worker in the app), shows a refusal as it
 * comes, and writes nothing; a refused merge says which task.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRepositories } from '../../renderer/db';
import type { KineticDb } from '../../renderer/db/schema';
import { createBackupStore } from '../../renderer/store/backup';
import { checkBackup } from '../../renderer/store/backup/check';
import * as files from '../../renderer/store/backup/files';
import type { KineticApi } from '../../shared/api';
import { backupText, makeBackup, parseBackup } from '../../shared/backup';
import type { OpenedFile } from '../../shared/ipc';
import { openTask } from '../../shared/types';
import { openTestDb, uniqueDbName } from '../db/fixtures/helpers';

const NOW = new Date(2026, 10, 28, 18, 0).getTime();
const dbs: KineticDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

function setUp(opened: OpenedFile, check = vi.fn(async (text: string) => parseBackup(text))) {
  const db = openTestDb(uniqueDbName('backup-check'));
  dbs.push(db);
  const repos = createRepositories(db);
  const api = { backup: { open: () => Promise.resolve(opened) } } as unknown as KineticApi;
  const store = createBackupStore({
    repos: () => Promise.resolve(repos),
    api,
    now: () => NOW,
    load: () => Promise.resolve({ ...files, checkBackup: check }),
  });
  return { repos, store, check };
}

describe('checking an opened backup', () => {
  it('hands the text to the check, and shows its refusal', async () => {
    const text = JSON.stringify({
      kind: 'kinetic-backup',
      format: 1,
      exportedAt: 0,
      tasks: [{}],
      sessions: [],
      reflections: [],
    });
    const { store, check, repos } = setUp({ status: 'read', path: '/b.json', text });
    await store.getState().restore();
    expect(check).toHaveBeenCalledWith(text);
    expect(store.getState()).toMatchObject({
      error:
        'The backup is damaged at tasks[0].id: Invalid input: expected string, received undefined. Nothing was changed.',
      notice: null,
    });
    expect(await repos.db.tasks.count()).toBe(0);
  });

  it('restores what the check accepts', async () => {
    const text = backupText(
      makeBackup({ tasks: [openTask('a', 'Plan', NOW - 1000)], sessions: [], reflections: [] }, NOW),
    );
    const { store, repos } = setUp({ status: 'read', path: '/b.json', text });
    await store.getState().restore();
    expect(store.getState()).toMatchObject({ notice: 'From b.json: 1 task added.', error: null });
    expect(await repos.db.tasks.count()).toBe(1);
  });

  it('says which task a refused merge would have broken, and that nothing changed', async () => {
    const a = openTask('a', 'Plan the trip', NOW - 5000);
    const b = openTask('b', 'Book the train', NOW - 5000, { parentId: 'a' });
    const file = makeBackup(
      {
        tasks: [
          { ...b, parentId: null },
          { ...a, parentId: 'b', updatedAt: NOW - 1000 },
        ],
        sessions: [],
        reflections: [],
      },
      NOW,
    );
    const { store, repos } = setUp({ status: 'read', path: '/b.json', text: backupText(file) });
    await repos.backup.restore(makeBackup({ tasks: [a, b], sessions: [], reflections: [] }, NOW), NOW - 4000);
    const before = await repos.db.tasks.toArray();
    await store.getState().restore();
    expect(store.getState()).toMatchObject({
      error:
        'Could not restore: Restoring this backup would make “Plan the trip” a step of itself. Nothing was changed.',
      notice: null,
    });
    expect(await repos.db.tasks.toArray()).toEqual(before);
  });

  it('without Worker (as in Node), checks on the spot with the same answer', async () => {
    expect(await checkBackup('nope')).toEqual(parseBackup('nope'));
  });
});
