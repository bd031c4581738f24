import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { createRepositories, type Repositories } from '../../renderer/db';
import type { KineticDb } from '../../renderer/db/schema';
import {
  createBackupStore,
  describeAuto,
  describeRestore,
  type BackupState,
} from '../../renderer/store/backup';
import { KineticIpcError, type KineticApi } from '../../shared/api';
import { parseBackup } from '../../shared/backup';
import type { OpenedFile } from '../../shared/ipc';
import { newTaskInput, openTestDb, uniqueDbName } from '../db/fixtures/helpers';

const NOW = new Date(2026, 10, 28, 18, 0).getTime();
const dbs: KineticDb[] = [];
/** What the save dialog wrote, and what the open dialog answers next. */
let saved: { fileName: string; text: string }[];
let savePath: string | null;
let opened: OpenedFile;

function storeOn(repos: Repositories): StoreApi<BackupState> {
  const api = {
    backup: {
      save: (request: { fileName: string; text: string }) => {
        if (savePath === null) return Promise.resolve({ saved: false, path: null });
        saved.push(request);
        return Promise.resolve({ saved: true, path: savePath });
      },
      open: () => Promise.resolve(opened),
    },
  } as unknown as KineticApi;
  return createBackupStore({ repos: () => Promise.resolve(repos), api, now: () => NOW });
}

function freshRepos(): Repositories {
  const db = openTestDb(uniqueDbName('backup-store'));
  dbs.push(db);
  return createRepositories(db);
}

let repos: Repositories;
let store: StoreApi<BackupState>;
beforeEach(() => {
  saved = [];
  savePath = '/home/me/Documents/kinetic-backup-2026-11-28.json';
  opened = { status: 'cancelled' };
  repos = freshRepos();
  store = storeOn(repos);
});
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

describe('the backup store', () => {
  it('backs up everything to the file the user chose, named after the day', async () => {
    await repos.tasks.add(newTaskInput('Write report'), NOW - 1000);
    await repos.tasks.add(newTaskInput('Call Sam'), NOW - 500);
    await store.getState().backUp();
    expect(saved.map((s) => s.fileName)).toEqual(['kinetic-backup-2026-11-28.json']);
    const parsed = parseBackup(saved[0]!.text);
    expect(parsed.ok && parsed.backup.tasks.map((t) => t.title).sort()).toEqual(['Call Sam', 'Write report']);
    expect(store.getState()).toMatchObject({
      busy: null,
      notice: 'Backed up 2 tasks to /home/me/Documents/kinetic-backup-2026-11-28.json.',
      error: null,
    });
  });

  it('says nothing when the save dialog is cancelled', async () => {
    savePath = null;
    await store.getState().backUp();
    expect(store.getState()).toMatchObject({ busy: null, notice: null, error: null });
  });

  it('restores a backup into another database and says what it brought', async () => {
    await repos.tasks.add(newTaskInput('Write report', 1), NOW - 1000);
    await store.getState().backUp();
    const other = freshRepos();
    await other.tasks.add(newTaskInput('Already here'), NOW - 2000);
    opened = { status: 'read', path: '/media/usb/kinetic-backup-2026-11-28.json', text: saved[0]!.text };
    const first = storeOn(other);
    await first.getState().restore();
    expect(first.getState()).toMatchObject({
      busy: null,
      notice: 'From kinetic-backup-2026-11-28.json: 1 task added.',
    });
    expect((await other.db.tasks.toArray()).map((t) => t.title).sort()).toEqual([
      'Already here',
      'Write report',
    ]);
    expect((await other.tasks.nextAction(NOW))?.task.title).toBe('Write report');

    const again = storeOn(other);
    await again.getState().restore();
    expect(again.getState().notice).toBe(
      'From kinetic-backup-2026-11-28.json: Everything in this backup is already here.',
    );
  });

  it('refuses a damaged or foreign file with its reason, and changes nothing', async () => {
    await repos.tasks.add(newTaskInput('Keep me'), NOW - 1000);
    const before = await repos.db.tasks.toArray();
    for (const [text, error] of [
      [
        '{"kind": "kinetic-backup", "format": 1, "tasks": [',
        'This file is not a Kinetic backup. It is not JSON.',
      ],
      ['{"name": "package"}', 'This file is not a Kinetic backup.'],
      [
        '{"kind": "kinetic-backup", "format": 1, "exportedAt": 0, "tasks": [{"id": "x"}], "sessions": [], "reflections": []}',
        'The backup is damaged at tasks[0].title',
      ],
    ] as const) {
      opened = { status: 'read', path: '/tmp/b.json', text };
      await store.getState().restore();
      const state = store.getState();
      expect(state.notice).toBeNull();
      expect(state.error?.startsWith(error)).toBe(true);
      expect(state.error?.endsWith(' Nothing was changed.')).toBe(true);
    }
    opened = {
      status: 'refused',
      path: '/tmp/huge.json',
      problem: 'This file is larger than 256 MB: it is not a Kinetic backup.',
    };
    await store.getState().restore();
    expect(store.getState().error).toBe('This file is larger than 256 MB: it is not a Kinetic backup.');
    expect(await repos.db.tasks.toArray()).toEqual(before);
  });

  it('describes a restore in one sentence', () => {
    const none = {
      tasksAdded: 0,
      tasksUpdated: 0,
      sessionsAdded: 0,
      reflectionsAdded: 0,
      reflectionsUpdated: 0,
    };
    expect(
      describeRestore({ ...none, tasksAdded: 3, tasksUpdated: 1, sessionsAdded: 2, reflectionsUpdated: 1 }),
    ).toBe('3 tasks added and 1 updated; 2 focus sessions and 1 reflection restored.');
    expect(describeRestore({ ...none, tasksAdded: 1 })).toBe('1 task added.');
    expect(describeRestore({ ...none, tasksUpdated: 1200 })).toBe('1,200 tasks updated.');
    expect(describeRestore({ ...none, reflectionsAdded: 2 })).toBe('2 reflections restored.');
    expect(describeRestore(none)).toBe('Everything in this backup is already here.');
  });

  it('says where the automatic backups are', () => {
    expect(describeAuto({ lastDay: null, folder: '/backups', keepsDays: 7 })).toBe(
      'Kinetic also keeps a backup of each of the last 7 days in /backups.',
    );
    expect(describeAuto({ lastDay: '2026-11-28', folder: '/backups', keepsDays: 7 })).toBe(
      'Kinetic also keeps a backup of each of the last 7 days in /backups. The last is from 2026-11-28.',
    );
  });
});

describe('the backup store, started', () => {
  const auto = { lastDay: '2026-11-27', folder: '/backups', keepsDays: 7 };
  function started(autoStatus: () => Promise<unknown>, save?: () => Promise<unknown>) {
    const load = vi.fn(() => import('../../renderer/store/backup/files'));
    const api = {
      backup: { autoStatus, save },
      oplog: { hello: () => Promise.resolve({ folder: '/home/me/.config/Kinetic/oplog' }) },
    } as unknown as KineticApi;
    const store = createBackupStore({ repos: () => Promise.resolve(repos), api, now: () => NOW, load });
    return { store, load };
  }

  it('costs nothing until used: start reads the automatic backups and the storage, not the builder', async () => {
    const { store, load } = started(() => Promise.resolve(auto));
    const stop = store.getState().start();
    await vi.waitFor(() => expect(store.getState().storage).not.toBeNull());
    expect(store.getState()).toMatchObject({ auto, error: null, notice: null });
    expect(store.getState().storage?.logFolder).toBe('/home/me/.config/Kinetic/oplog');
    expect(load).not.toHaveBeenCalled();
    stop();
  });

  it('leaves the automatic backups out when main cannot say, and drops answers after the unsubscribe', async () => {
    const failing = started(() => Promise.reject(new Error('No state file.')));
    const stop = failing.store.getState().start();
    await vi.waitFor(() => expect(failing.store.getState().storage).not.toBeNull());
    expect(failing.store.getState()).toMatchObject({ auto: null, error: null });
    stop();

    let answer: (value: unknown) => void = () => undefined;
    const late = started(() => new Promise((resolve) => (answer = resolve)));
    late.store.getState().start()();
    answer(auto);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(late.store.getState().auto).toBeNull();
  });

  it('shows a failed back-up as a sentence in error, without the IPC code', async () => {
    const { store, load } = started(
      () => Promise.resolve(auto),
      () =>
        Promise.reject(
          new KineticIpcError({ code: 'failed', channel: 'backup:save', message: 'The disk is full' }),
        ),
    );
    await store.getState().backUp();
    expect(load).toHaveBeenCalledTimes(1);
    expect(store.getState()).toMatchObject({
      busy: null,
      notice: null,
      error: 'Could not back up: The disk is full.',
    });
  });
});
