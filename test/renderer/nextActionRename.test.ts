/** E on the next action: its title changed through the store (TaskRepository.rename). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { createRepositories, type Repositories } from '../../renderer/db';
import { KineticDb } from '../../renderer/db/schema';
import { createNextActionStore, type NextActionState } from '../../renderer/store/next-action';
import { parseQuickAdd } from '../../shared/quickAdd';
import type { Task } from '../../shared/types';
import type { StoreApi } from 'zustand/vanilla';

let clock = new Date(2026, 10, 25, 10, 0).getTime();
let db: KineticDb;
let repos: Repositories;
let store: StoreApi<NextActionState>;

const state = (): NextActionState => store.getState();

async function refresh(): Promise<void> {
  store.setState({ current: await repos.tasks.nextAction(clock), ready: true });
}

/** Adds `text`, shows it, and opens the rename panel on it. */
async function renaming(text: string): Promise<Task> {
  expect(await state().add(text)).toBe(true);
  await refresh();
  const task = state().current!.task;
  state().open({ kind: 'rename', task });
  clock += 60_000;
  return task;
}

beforeEach(async () => {
  clock = new Date(2026, 10, 25, 10, 0).getTime();
  db = new KineticDb(`rename-${Math.random()}`, { indexedDB, IDBKeyRange });
  repos = createRepositories(db);
  store = createNextActionStore({
    data: Promise.resolve({ tasks: repos.tasks, observe: () => () => undefined }),
    now: () => clock,
    report: () => undefined,
    parse: (text, now) => Promise.resolve(parseQuickAdd(text, now)),
  });
  await refresh();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

describe('renaming the next action', () => {
  it('saves the trimmed title as typed, says so, and closes the panel', async () => {
    const task = await renaming('Cal Sam ~15m #work');
    expect(await state().submitRename('  Call Sam about the lease #home ~5m \n')).toBe(true);
    // Literal text: no quick-add parsing, the estimate and tags stay as they were.
    expect(await repos.tasks.get(task.id)).toMatchObject({
      title: 'Call Sam about the lease #home ~5m',
      estimateMin: 15,
      tags: ['work'],
      updatedAt: clock,
    });
    expect(state().panel.kind).toBe('none');
    expect(state().panelError).toBeNull();
    expect(state().toast).toMatchObject({ text: 'Renamed to “Call Sam about the lease #home ~5m”' });
    await refresh();
    expect(state().current?.task.title).toBe('Call Sam about the lease #home ~5m');
  });

  it('changes nothing for an empty or unchanged title', async () => {
    const task = await renaming('Water the plants');
    const rename = vi.spyOn(repos.tasks, 'rename');
    expect(await state().submitRename('   ')).toBe(true);
    expect(state().panel.kind).toBe('none');
    state().open({ kind: 'rename', task });
    expect(await state().submitRename(' Water  the plants ')).toBe(true);
    expect(state().panel.kind).toBe('none');
    expect(rename).not.toHaveBeenCalled();
    expect(await repos.tasks.get(task.id)).toEqual(task);
    expect(state().toast).toBeNull();
  });

  it('keeps the panel open with the error when the write fails, and changes nothing', async () => {
    const task = await renaming('Write the report');
    vi.spyOn(repos.tasks, 'rename').mockRejectedValueOnce(new Error('The disk is full'));
    expect(await state().submitRename('Write the summary')).toBe(false);
    expect(state().panel).toMatchObject({ kind: 'rename', task: { id: task.id } });
    expect(state().panelError).toBe('The disk is full');
    expect(state().busy).toBe(false);
    expect((await repos.tasks.get(task.id))?.title).toBe('Write the report');
    // A title the repository refuses: its sentence, nothing written.
    expect(await state().submitRename('x'.repeat(1001))).toBe(false);
    expect(state().panelError).toBe('Keep it under 1000 characters.');
    expect((await repos.tasks.get(task.id))?.title).toBe('Write the report');
  });

  it('closes the panel only once the write is durable', async () => {
    await renaming('Book the dentist');
    let release: (() => void) | undefined;
    let acknowledged = false;
    db.afterWrite = () => new Promise<void>((resolve) => (release = resolve));
    const saving = state().submitRename('Book the dentist for Friday');
    await vi.waitFor(() => expect(release).not.toBe(undefined));
    void saving.then(() => (acknowledged = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(acknowledged).toBe(false);
    expect(state().panel.kind).toBe('rename');
    release!();
    expect(await saving).toBe(true);
    expect(state().panel.kind).toBe('none');
  });

  it('undo puts the old title back', async () => {
    const task = await renaming('Fix the tpyo');
    await state().submitRename('Fix the typo');
    await state().undo();
    expect(await repos.tasks.get(task.id)).toMatchObject({ title: 'Fix the tpyo' });
    expect(state().toast).toMatchObject({ text: 'Undone', undo: null });
  });

  it('does nothing without the rename panel open', async () => {
    await renaming('Pay the rent');
    state().close();
    expect(await state().submitRename('Pay rent')).toBe(false);
    expect(state().current?.task.title).toBe('Pay the rent');
  });
});
