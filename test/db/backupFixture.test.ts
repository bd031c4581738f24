/**
 * test/fixtures/backup-valid.json: a realistic backup written by `backupText` (scripts/demo/
 * backupValid.ts makes it). It is exactly what backupText writes, it has every kind of record a
 * user makes, and it restores into an empty database and back out unchanged.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRepositories } from '../../renderer/db';
import type { KineticDb } from '../../renderer/db/schema';
import { fixtureBackup } from '../../scripts/demo/backupValid';
import { backupText, makeBackup, parseBackup } from '../../shared/backup';
import { MAX_DEPTH } from '../../shared/nextAction';
import { openTestDb, uniqueDbName } from './fixtures/helpers';
// The file's bytes as they are (not parsed as JSON by the bundler).
import TEXT from '../fixtures/backup-valid.json?raw';

const dbs: KineticDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

describe('the committed backup fixture', () => {
  it('is exactly what backupText writes, and a valid backup', () => {
    expect(TEXT).toBe(backupText(fixtureBackup()));
    const parsed = parseBackup(TEXT);
    expect(parsed).toEqual({ ok: true, backup: fixtureBackup() });
  });

  it('has what a user makes: 20+ tasks, steps two levels deep, waiting, archived, pins, sessions with pauses and notes, reflections', () => {
    const { tasks, sessions, reflections } = fixtureBackup();
    expect(tasks.length).toBeGreaterThanOrEqual(20);
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const depth = (id: string): number => {
      let d = 0;
      for (let up = byId.get(id)!.parentId; up !== null && d <= MAX_DEPTH; up = byId.get(up)!.parentId) d++;
      return d;
    };
    expect(Math.max(...tasks.map((t) => depth(t.id)))).toBe(2);
    for (const status of ['open', 'done', 'waiting', 'archived']) {
      expect(tasks.some((t) => t.status === status)).toBe(true);
    }
    expect(tasks.some((t) => t.pinnedFor !== null)).toBe(true);
    expect(sessions.some((s) => s.pauses.length > 0 && s.note !== null)).toBe(true);
    expect(reflections.length).toBeGreaterThanOrEqual(3);
  });

  it('restores into an empty database, and backs up from it unchanged', async () => {
    const db = openTestDb(uniqueDbName('fixture'));
    dbs.push(db);
    const repos = createRepositories(db);
    const parsed = parseBackup(TEXT);
    if (!parsed.ok) throw new Error(parsed.error);
    const at = parsed.backup.exportedAt;
    expect(await repos.backup.restore(parsed.backup, at)).toEqual({
      tasksAdded: parsed.backup.tasks.length,
      tasksUpdated: 0,
      sessionsAdded: parsed.backup.sessions.length,
      reflectionsAdded: parsed.backup.reflections.length,
      reflectionsUpdated: 0,
    });
    const again = makeBackup(await repos.backup.read(), at);
    const sortById = <T extends { id: string }>(list: T[]): T[] =>
      [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(sortById(again.tasks)).toEqual(sortById(parsed.backup.tasks));
    expect(sortById(again.sessions)).toEqual(sortById(parsed.backup.sessions));
    expect(again.reflections).toEqual(parsed.backup.reflections);
    expect(parseBackup(backupText(again)).ok).toBe(true);
  });
});
