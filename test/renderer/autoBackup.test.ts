import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRepositories, type Repositories } from '../../renderer/db';
import type { KineticDb } from '../../renderer/db/schema';
import {
  AUTO_BACKUP_EVERY_MS,
  AUTO_BACKUP_FIRST_MS,
  autoBackupOnce,
  startAutoBackup,
} from '../../renderer/store/backup/auto';
import type { KineticApi } from '../../shared/api';
import { parseBackup } from '../../shared/backup';
import { newTaskInput, openTestDb, uniqueDbName } from '../db/fixtures/helpers';

const DAY = 24 * 60 * 60_000;
const NOW = new Date(2026, 10, 28, 9, 0).getTime();
let db: KineticDb;
let repos: Repositories;
let api: KineticApi;
/** Main's side, as its service keeps it (test/main/autoBackup.test.ts tests the real one). */
let k: { backups: { files: Map<string, string> }; lastDay: string | null };

beforeEach(() => {
  db = openTestDb(uniqueDbName('auto-backup'));
  repos = createRepositories(db);
  k = { backups: { files: new Map() }, lastDay: null };
  const status = () => ({ lastDay: k.lastDay, folder: '/backups', keepsDays: 7 });
  api = {
    backup: {
      autoStatus: () => Promise.resolve(status()),
      autoKeep: ({ day, text }: { day: string; text: string }) => {
        k.backups.files.set(`kinetic-backup-${day}.json`, text);
        k.lastDay = day;
        return Promise.resolve(status());
      },
    },
  } as unknown as KineticApi;
});

afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

describe('automatic backups, from the main window', () => {
  it('keeps one backup a day, and none of an empty database', async () => {
    const once = (now: number) =>
      autoBackupOnce({ repos: () => Promise.resolve(repos), api, now: () => now });
    expect(await once(NOW)).toBe('nothing to keep');
    expect(k.backups.files.size).toBe(0);

    await repos.tasks.add(newTaskInput('Write the report'), NOW - 1000);
    expect(await once(NOW)).toBe('kept');
    const parsed = parseBackup(k.backups.files.get('kinetic-backup-2026-11-28.json')!);
    expect(parsed.ok && parsed.backup.tasks.map((t) => t.title)).toEqual(['Write the report']);
    expect(await once(NOW + 5 * 60 * 60_000)).toBe('already kept');

    // A backup dated ahead by a wrong clock does not stop today's.
    k.lastDay = '2099-01-01';
    expect(await once(NOW + 2 * 60 * 60_000)).toBe('kept');

    await repos.tasks.add(newTaskInput('Call Sam'), NOW + DAY);
    expect(await once(NOW + DAY)).toBe('kept');
    expect([...k.backups.files.keys()].sort()).toEqual([
      'kinetic-backup-2026-11-28.json',
      'kinetic-backup-2026-11-29.json',
    ]);
  });

  it('runs soon after the window starts and then every hour, and reports failures', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await repos.tasks.add(newTaskInput('Write the report'), NOW - 1000);
    let now = NOW;
    const errors: unknown[] = [];
    const failing = {
      ...api,
      backup: { ...api.backup, autoStatus: () => Promise.reject(new Error('main is gone')) },
    };
    const stop = startAutoBackup({ repos: () => Promise.resolve(repos), api, now: () => now }, (e) =>
      errors.push(e),
    );
    await vi.advanceTimersByTimeAsync(AUTO_BACKUP_FIRST_MS - 1);
    expect(k.backups.files.size).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(k.backups.files.size).toBe(1));

    now += DAY;
    await vi.advanceTimersByTimeAsync(AUTO_BACKUP_EVERY_MS);
    await vi.waitFor(() => expect(k.backups.files.size).toBe(2));
    stop();
    now += DAY;
    await vi.advanceTimersByTimeAsync(2 * AUTO_BACKUP_EVERY_MS);
    expect(k.backups.files.size).toBe(2);

    const stopFailing = startAutoBackup(
      { repos: () => Promise.resolve(repos), api: failing, now: () => now },
      (e) => errors.push(e),
    );
    await vi.advanceTimersByTimeAsync(AUTO_BACKUP_FIRST_MS);
    await vi.waitFor(() => expect(errors).toEqual([new Error('main is gone')]));
    stopFailing();
  });
});
