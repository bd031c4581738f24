/**
 * One session, every hop: the focus service ends it into main's outbox (on disk), main restarts
 * and reads the outbox back, the window writes it to IndexedDB, a backup is made of it, and a
 * restore into another database reads it back. It arrives unchanged: every hop checks it with
 * the one schema in shared/schemas.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FocusService } from '../../electron/main/services/focus';
import { OutboxService } from '../../electron/main/services/outbox';
import { SettingsService } from '../../electron/main/services/settings';
import type { WindowsPort } from '../../electron/main/ports';
import { createRepositories } from '../../renderer/db';
import type { KineticDb } from '../../renderer/db/schema';
import { backupText, makeBackup, parseBackup } from '../../shared/backup';
import { sessionSchema } from '../../shared/schemas';
import type { FocusSession, TaskRef } from '../../shared/types';
import { FakeClock } from '../fakes/clock';
import { MemoryStore } from '../fakes/memoryStore';
import { openTestDb, uniqueDbName } from './fixtures/helpers';

const MIN = 60_000;
const T0 = new Date(2026, 10, 26, 9, 0).getTime();
const windows: WindowsPort = {
  show: () => undefined,
  hide: () => undefined,
  isVisible: () => false,
  send: () => undefined,
  broadcast: () => undefined,
};
const log = { warn: () => undefined, info: () => undefined, error: () => undefined };

const opened: KineticDb[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.delete()));
});

async function mainProcess(store: MemoryStore, clock: FakeClock) {
  const settings = new SettingsService(store, log);
  await settings.load();
  const outbox = new OutboxService(store, windows, log);
  await outbox.load();
  let ids = 0;
  const focus = new FocusService({
    clock,
    store,
    windows,
    notifier: { notify: () => undefined },
    outbox,
    settings,
    newId: () => `session-${++ids}`,
    log,
  });
  await focus.load();
  return { focus, outbox };
}

describe('a focus session from main to a restored backup', () => {
  it('arrives unchanged, with its mode, pauses, note and the session it continues', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock(T0);
    const task: TaskRef = { id: 'task-1', title: 'Write the “intro” ✍️', estimateMin: 20 };
    const { focus, outbox } = await mainProcess(store, clock);
    await focus.start(task, 'twoMinute');
    await clock.advanceAsync(MIN);
    await focus.pause('suspend');
    await clock.advanceAsync(5 * MIN);
    await focus.resume();
    await clock.advanceAsync(2 * MIN); // the two minutes run out: logged as completed
    await focus.extend(10); // keep going: a new stretch continuing that session
    await clock.advanceAsync(3 * MIN);
    await focus.stop('  halfway through section 2 ');
    const sent: FocusSession[] = outbox.list().map((item) => item.session);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ mode: 'twoMinute', outcome: 'completed' });
    expect(sent[0]!.pauses).toHaveLength(1);
    expect(sent[1]).toMatchObject({ continues: sent[0]!.id, note: 'halfway through section 2' });
    for (const session of sent) expect(sessionSchema.parse(session)).toEqual(session);

    // Main restarts: the outbox is read back from disk.
    const restarted = await mainProcess(store, clock);
    const pending = restarted.outbox.list().map((item) => item.session);
    expect(pending).toEqual(sent);

    // The window writes them to IndexedDB (as renderer/store/focus/outbox.ts does).
    const db = openTestDb(uniqueDbName('roundtrip'));
    opened.push(db);
    const repos = createRepositories(db);
    for (const session of pending) await repos.sessions.record(session);
    await restarted.outbox.ack(restarted.outbox.list().map((item) => item.id));
    const stored = await repos.sessions.forTask(task.id);
    expect(stored).toEqual(sent);

    // A backup of that database, restored into another.
    const parsed = parseBackup(backupText(makeBackup(await repos.backup.read(), clock.now())));
    if (!parsed.ok) throw new Error(parsed.error);
    const other = openTestDb(uniqueDbName('roundtrip-restored'));
    opened.push(other);
    const restored = createRepositories(other);
    await restored.backup.restore(parsed.backup, clock.now());
    expect(await restored.sessions.forTask(task.id)).toEqual(sent);
  });
});
