import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRepositories, type Repositories } from '../../renderer/db';
import { BACKUP_READ_PAGE } from '../../renderer/db/backup';
import { cacheOf, fromRow, rowsFor, toCountedRow, type KineticDb } from '../../renderer/db/schema';
import { backupText, makeBackup, parseBackup, type Backup } from '../../shared/backup';
import { pickNextAction } from '../../shared/nextAction';
import type { Task } from '../../shared/types';
import { makeTestSession, makeTestTask, newTaskInput, openTestDb, uniqueDbName } from './fixtures/helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Wednesday 12 March 2025, 10:00. */
const NOW = new Date(2025, 2, 12, 10, 0).getTime();

const opened: KineticDb[] = [];
function fresh(): Repositories {
  const db = openTestDb(uniqueDbName('backup'));
  opened.push(db);
  return createRepositories(db);
}

let repos: Repositories;
beforeEach(() => {
  repos = fresh();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.delete()));
});

const session = makeTestSession;

/** A database used for a while: tasks with steps, one done, a session, a reflection. */
async function useFor(r: Repositories): Promise<{ report: Task; call: Task }> {
  const report = await r.tasks.add(newTaskInput('Write report', 1), NOW - 3 * HOUR);
  const call = await r.tasks.add(newTaskInput('Call Sam'), NOW - 3 * HOUR);
  await r.tasks.addSteps(
    report.id,
    [newTaskInput('Open the outline'), newTaskInput('Draft the intro')],
    NOW - 2 * HOUR,
  );
  await r.tasks.complete(call.id, NOW - HOUR);
  await r.sessions.record(session('s1', report.id, NOW - 30 * MIN));
  await r.reflections.save(
    {
      day: '2025-03-11',
      moved: 'The outline',
      inTheWay: 'Email',
      tomorrowStep: 'Reply to Ana',
      morningTrigger: true,
    },
    NOW - 14 * HOUR,
  );
  return { report, call };
}

/** Through the file and back, as the app does. */
async function fileOf(r: Repositories, at = NOW): Promise<Backup> {
  const parsed = parseBackup(backupText(makeBackup(await r.backup.read(), at)));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.backup;
}

const byId = <T extends { id: string }>(items: T[]): T[] =>
  [...items].sort((a, b) => a.id.localeCompare(b.id));

/** Every row's caches are what the whole tree says they are as of `now`. */
async function expectRowsInSync(db: KineticDb, now: number): Promise<void> {
  const rows = await db.tasks.toArray();
  for (const row of rows) expect(row).toEqual(toCountedRow(fromRow(row), cacheOf(row)));
  const wanted = rowsFor(rows.map(fromRow), now);
  expect(byId(rows).map((r) => [r.id, r.openSteps, r.parentHeads])).toEqual(
    byId(wanted).map((r) => [r.id, r.openSteps, r.parentHeads]),
  );
}

describe('backup and restore', () => {
  it('reads everything: tasks with their steps, sessions, reflections', async () => {
    await useFor(repos);
    const data = await repos.backup.read();
    expect(data.tasks.map((t) => t.title).sort()).toEqual([
      'Call Sam',
      'Draft the intro',
      'Open the outline',
      'Reply to Ana', // the reflection's step for the next day
      'Write report',
    ]);
    expect(data.sessions.map((s) => s.id)).toEqual(['s1']);
    expect(data.reflections.map((r) => r.day)).toEqual(['2025-03-11']);
  });

  it('reads a database of many pages whole and in order, a page per request', async () => {
    const db = openTestDb(uniqueDbName('backup-pages'));
    opened.push(db);
    // Every read of the backup's tables, with the most rows it may return.
    const reads: { table: string; limit: number | undefined }[] = [];
    db.use({
      stack: 'dbcore',
      name: 'count-reads',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            query: (request) => {
              reads.push({ table: name, limit: request.limit });
              return table.query(request);
            },
          };
        },
      }),
    });
    const r = createRepositories(db);
    // Two pages and one task more; exactly one page of sessions (then an empty read); a few days.
    const tasks = Array.from({ length: 2 * BACKUP_READ_PAGE + 1 }, (_, i) =>
      makeTestTask(`t${String(i).padStart(5, '0')}`, NOW - i),
    );
    await db.transaction('rw', db.tasks, db.meta, () => db.tasks.bulkAdd(rowsFor(tasks, NOW)));
    const sessions = Array.from({ length: BACKUP_READ_PAGE }, (_, i) => session(`s${i}`, 't00000', NOW - i));
    await db.sessions.bulkAdd(sessions);
    const days = ['2025-03-09', '2025-03-10', '2025-03-11'];
    for (const day of days) {
      await r.reflections.save(
        { day, moved: 'x', inTheWay: '', tomorrowStep: '', morningTrigger: false },
        NOW,
      );
    }
    reads.length = 0;

    const data = await r.backup.read();
    const count = (table: string): number => reads.filter((read) => read.table === table).length;
    expect([count('tasks'), count('sessions'), count('reflections')]).toEqual([3, 2, 1]);
    expect(reads.every((read) => read.limit === BACKUP_READ_PAGE)).toBe(true);
    expect(data.tasks).toEqual((await db.tasks.toArray()).map(fromRow));
    expect(data.tasks).toHaveLength(tasks.length);
    expect(data.sessions).toEqual(await db.sessions.toArray());
    expect(data.sessions).toHaveLength(BACKUP_READ_PAGE);
    expect(data.reflections.map((x) => x.day)).toEqual(days);
  });

  it('restores a backup into an empty database as it was, next action included', async () => {
    await useFor(repos);
    const file = await fileOf(repos);
    const before = await repos.backup.read();

    const other = fresh();
    const counts = await other.backup.restore(file, NOW);
    expect(counts).toEqual({
      tasksAdded: 5,
      tasksUpdated: 0,
      sessionsAdded: 1,
      reflectionsAdded: 1,
      reflectionsUpdated: 0,
    });
    const after = await other.backup.read();
    expect(byId(after.tasks)).toEqual(byId(before.tasks));
    expect(after.sessions).toEqual(before.sessions);
    expect(after.reflections).toEqual(before.reflections);
    await expectRowsInSync(other.db, NOW);
    const next = await other.tasks.nextAction(NOW);
    expect(next?.task.title).toBe('Reply to Ana'); // pinned for today by the reflection
    expect(next).toEqual(pickNextAction(after.tasks, NOW));
  });

  it('restoring the same backup again changes nothing', async () => {
    await useFor(repos);
    const file = await fileOf(repos);
    const rows = await repos.db.tasks.toArray();
    expect(await repos.backup.restore(file, NOW + HOUR)).toEqual({
      tasksAdded: 0,
      tasksUpdated: 0,
      sessionsAdded: 0,
      reflectionsAdded: 0,
      reflectionsUpdated: 0,
    });
    expect(await repos.db.tasks.toArray()).toEqual(rows);
  });

  it('keeps what is newer here, takes what is newer in the backup, and adds what is missing', async () => {
    const { report, call } = await useFor(repos);
    const file = await fileOf(repos);
    // Since the backup: the report got done here; the call was reopened in the backup's copy.
    await repos.tasks.complete(report.id, NOW + HOUR);
    const reopened = file.tasks.map((t) =>
      t.id === call.id ? { ...t, status: 'open' as const, doneAt: null, updatedAt: NOW + 2 * HOUR } : t,
    );
    const extra = makeBackup(
      {
        tasks: [
          ...reopened,
          { ...reopened[0]!, id: 'from-laptop', title: 'Book the train', parentId: null, updatedAt: NOW },
        ],
        sessions: [...file.sessions, session('s2', call.id, NOW - 5 * HOUR)],
        reflections: file.reflections.map((r) => ({
          ...r,
          moved: 'The outline, and email',
          updatedAt: r.updatedAt + MIN,
        })),
      },
      NOW,
    );
    const counts = await repos.backup.restore(extra, NOW + 3 * HOUR);
    expect(counts).toEqual({
      tasksAdded: 1,
      tasksUpdated: 1,
      sessionsAdded: 1,
      reflectionsAdded: 0,
      reflectionsUpdated: 1,
    });
    const tasks = (await repos.backup.read()).tasks;
    const status = Object.fromEntries(tasks.map((t) => [t.title, t.status]));
    expect(status).toEqual({
      'Write report': 'done', // newer here
      'Open the outline': 'done',
      'Draft the intro': 'done',
      'Call Sam': 'open', // newer in the backup
      'Book the train': 'open', // missing here
      'Reply to Ana': 'open',
    });
    expect((await repos.reflections.get('2025-03-11'))?.moved).toBe('The outline, and email');
    expect((await repos.sessions.forTask(call.id)).map((s) => s.id)).toEqual(['s2']);
    await expectRowsInSync(repos.db, NOW + 3 * HOUR);
    expect(await repos.tasks.nextAction(NOW + 3 * HOUR)).toEqual(pickNextAction(tasks, NOW + 3 * HOUR));
  });

  it('a restored step is shown instead of its task, which was here without steps', async () => {
    const { report } = await useFor(repos);
    const file = await fileOf(repos);
    const other = fresh();
    // The other database has only the report, as it was before it was broken down.
    const bare = file.tasks.find((t) => t.id === report.id)!;
    await other.backup.restore(makeBackup({ tasks: [bare], sessions: [], reflections: [] }, NOW), NOW);
    expect((await other.tasks.nextAction(NOW))?.task.title).toBe('Write report');
    // The rest of the backup, without the reflection and its pinned step.
    await other.backup.restore(
      { ...file, tasks: file.tasks.filter((t) => t.title !== 'Reply to Ana'), reflections: [] },
      NOW,
    );
    expect((await other.tasks.nextAction(NOW))?.task.title).toBe('Open the outline');
    await expectRowsInSync(other.db, NOW);
  });

  it('a write that fails halfway leaves everything as it was', async () => {
    await useFor(repos);
    const file = await fileOf(repos);
    const other = fresh();
    await other.tasks.add(newTaskInput('Already here'), NOW - HOUR);
    const before = await other.db.tasks.toArray();
    // The last write of the restore fails (as a full disk would make it).
    vi.spyOn(other.db.reflections, 'bulkPut').mockRejectedValue(new Error('QuotaExceededError') as never);
    await expect(other.backup.restore(file, NOW)).rejects.toThrow('QuotaExceededError');
    expect(await other.db.tasks.toArray()).toEqual(before);
    expect(await other.db.sessions.count()).toBe(0);
    expect((await other.tasks.nextAction(NOW))?.task.title).toBe('Already here');
  });
});
