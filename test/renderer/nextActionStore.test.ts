import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { createRepositories, type Repositories } from '../../renderer/db';
import { KineticDb } from '../../renderer/db/schema';
import { createNextActionStore, NOT_NOW_MS, type NextActionState } from '../../renderer/store/next-action';
import { parseQuickAdd } from '../../shared/quickAdd';
import type { TaskRef } from '../../shared/types';
import type { StoreApi } from 'zustand/vanilla';

const HOUR = 60 * 60_000;
let clock = new Date(2026, 10, 25, 10, 0).getTime();
let db: KineticDb;
let repos: Repositories;
let store: StoreApi<NextActionState>;
let reported: (TaskRef | null)[];

const state = (): NextActionState => store.getState();

/** What the main window shows now, as the live subscription would set it. */
async function refresh(): Promise<void> {
  const current = await repos.tasks.nextAction(clock);
  store.setState({ current, ready: true });
}

async function add(text: string): Promise<void> {
  expect(await state().add(text)).toBe(true);
  await refresh();
}

beforeEach(async () => {
  clock = new Date(2026, 10, 25, 10, 0).getTime();
  db = new KineticDb(`store-${Math.random()}`, { indexedDB, IDBKeyRange });
  repos = createRepositories(db);
  reported = [];
  store = createNextActionStore({
    data: Promise.resolve({ tasks: repos.tasks, observe: () => () => undefined }),
    now: () => clock,
    report: (task) => reported.push(task),
    parse: (text, now) => Promise.resolve(parseQuickAdd(text, now)),
  });
  await refresh();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

describe('the next-action store', () => {
  it('keeps a panel opened while a write was still reaching the disk', async () => {
    // The log's acknowledgement comes late: the task is in IndexedDB, the write not yet done.
    let release: () => void = () => undefined;
    db.afterWrite = () => new Promise<void>((resolve) => (release = resolve));
    const adding = state().add('water the plants');
    await vi.waitFor(() => expect(release).not.toBe(undefined));
    await vi.waitFor(async () => expect(await repos.tasks.count()).toBe(1));
    state().open({ kind: 'add' });
    release();
    expect(await adding).toBe(true);
    expect(state().panel).toEqual({ kind: 'add' });
  });

  it('refuses an empty title and keeps the panel error for the user', async () => {
    expect(await state().add('  #work ~15m ')).toBe(false);
    expect(state().panelError).toBe('Give it a few words first.');
    expect(await repos.tasks.count()).toBe(0);
  });

  it('sets a task aside on the first "Not now", asks why on the second, and counts a repeat press once', async () => {
    await add('Learn Rust');
    await state().notNow();
    await state().notNow(); // pressed again before the screen caught up
    const skipped = await repos.tasks.get(state().current!.task.id);
    expect(skipped).toMatchObject({ skipCount: 1, snoozedUntil: clock + NOT_NOW_MS });
    expect(state().toast).toMatchObject({ text: 'Set aside for a few hours' });
    expect(state().panel.kind).toBe('none');

    clock += NOT_NOW_MS + 1;
    await refresh();
    await state().notNow();
    expect(state().panel).toMatchObject({ kind: 'skipWhy' });
  });

  it('dismisses a pinned first step with "Not now" instead of asking why', async () => {
    await add('Open the chart template');
    const id = state().current!.task.id;
    await repos.tasks.pin(id, '2026-11-25', clock);
    await repos.tasks.skip(id, clock - 5 * HOUR, null, clock - 4 * HOUR); // skipped once before
    await refresh();
    expect(state().current?.rule).toBe('pinned');
    await state().notNow();
    expect(state().panel.kind).toBe('none');
    expect(await repos.tasks.get(id)).toMatchObject({ pinnedFor: null, skipCount: 2 });
    expect(state().toast?.text).toBe('No longer first; set aside for a few hours');
  });

  it('marks the next action done, and undo brings it back', async () => {
    await add('Water the plants');
    const task = state().current!.task;
    await state().done();
    expect(await repos.tasks.get(task.id)).toMatchObject({ status: 'done', doneAt: clock });
    expect(state().toast).toMatchObject({ text: 'Done: Water the plants' });
    await state().undo();
    expect(await repos.tasks.get(task.id)).toMatchObject({ status: 'open', doneAt: null });
    await refresh();
    expect(state().current?.task.id).toBe(task.id);
  });

  it('archives a task that is not important, and undo brings it back', async () => {
    await add('Reorganise the bookshelf');
    const task = state().current!.task;
    store.setState({ panel: { kind: 'skipWhy', task } });
    await state().chooseReason('not-important');
    expect((await repos.tasks.get(task.id))?.status).toBe('archived');
    await state().undo();
    expect((await repos.tasks.get(task.id))?.status).toBe('open');
    expect(state().toast).toMatchObject({ text: 'Undone', undo: null });
  });

  it('breaks a task down, and after its last step offers to complete it', async () => {
    await add('Pack for the trip');
    const parent = state().current!.task;
    state().open({ kind: 'breakDown', task: parent, firstOnly: false });
    expect(await state().submitBreakDown('Passport\n\n  Charger ~5m \n')).toBe(true);
    await refresh();
    expect(state().current?.task.title).toBe('Passport');
    await state().done();
    await refresh();
    expect(state().current?.task).toMatchObject({ title: 'Charger', estimateMin: 5 });
    await state().done();
    expect(state().panel).toMatchObject({ kind: 'completeParent', parent: { id: parent.id } });
    await state().completeParent(true);
    expect((await repos.tasks.get(parent.id))?.status).toBe('done');
  });

  it('keeps the panel open with the error when a write fails', async () => {
    await add('Write the report');
    const task = state().current!.task;
    state().open({ kind: 'smaller', task, reason: 'too-big' });
    vi.spyOn(repos.tasks, 'addFirstStep').mockRejectedValueOnce(new Error('The disk is full'));
    expect(await state().submitSmaller('Open the document')).toBe(false);
    expect(state().panel.kind).toBe('smaller');
    expect(state().panelError).toBe('The disk is full');
    // The skip is written with its smaller step or not at all.
    expect(await repos.tasks.get(task.id)).toMatchObject({ skipCount: 0, skipReasons: [] });
    expect(await repos.tasks.count()).toBe(1);
  });

  it('parks a blocked task only together with the skip that led to it', async () => {
    await add('Renew the passport');
    const task = state().current!.task;
    state().open({ kind: 'blocked', task });
    vi.spyOn(repos.tasks, 'setWaiting').mockRejectedValueOnce(new Error('The disk is full'));
    expect(await state().submitBlocked('Photos from the studio', clock + 2 * 24 * HOUR)).toBe(false);
    expect(state().panelError).toBe('The disk is full');
    expect(await repos.tasks.get(task.id)).toMatchObject({ skipCount: 0, status: 'open' });

    expect(await state().submitBlocked('Photos from the studio', clock + 2 * 24 * HOUR)).toBe(true);
    expect(await repos.tasks.get(task.id)).toMatchObject({
      skipCount: 1,
      skipReasons: [{ at: clock, reason: 'blocked' }],
      status: 'waiting',
      waitingNote: 'Photos from the studio',
      snoozedUntil: clock + 2 * 24 * HOUR,
    });
  });
});
