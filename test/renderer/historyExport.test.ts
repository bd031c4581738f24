import { afterEach, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../renderer/db';
import type { KineticDb } from '../../renderer/db/schema';
import { createHistoryStore } from '../../renderer/store/history';
import type { KineticApi } from '../../shared/api';
import { newTaskInput, openTestDb, uniqueDbName } from '../db/fixtures/helpers';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
/** Saturday 28 November 2026, 7:00: early, nothing done yet today. */
const MORNING = new Date(2026, 10, 28, 7, 0).getTime();
const dbs: KineticDb[] = [];

afterEach(async () => {
  for (const db of dbs.splice(0)) db.close();
});

function setup(now: number) {
  const db = openTestDb(uniqueDbName('history-export'));
  dbs.push(db);
  const repos: Repositories = createRepositories(db);
  const written: { fileName: string; markdown: string }[] = [];
  const api = {
    history: {
      export: (request: { fileName: string; markdown: string }) => {
        written.push(request);
        return Promise.resolve({ saved: true, path: `/tmp/${request.fileName}` });
      },
    },
  } as unknown as KineticApi;
  const store = createHistoryStore({ repos: () => Promise.resolve(repos), api, now: () => now });
  return { repos, store, written };
}

async function doneAt(repos: Repositories, title: string, at: number): Promise<void> {
  const task = await repos.tasks.add(newTaskInput(title), at - HOUR);
  await repos.tasks.complete(task.id, at);
}

describe('exporting history', () => {
  it('offers yesterday while today is still empty', async () => {
    const { repos, store, written } = setup(MORNING);
    await doneAt(repos, 'Send the invoice', MORNING - 12 * HOUR); // Friday 19:00
    await store.getState().refresh();
    await store.getState().exportDays(1);
    expect(written.map((w) => w.fileName)).toEqual(['Kinetic 2026-11-27.md']);
    expect(written[0]!.markdown).toContain('## Friday, November 27, 2026');
    expect(written[0]!.markdown).toContain('- [x] Send the invoice');
  });

  it('exports today once something happened today', async () => {
    const { repos, store, written } = setup(MORNING);
    await doneAt(repos, 'Send the invoice', MORNING - 12 * HOUR);
    await doneAt(repos, 'Water the plants', MORNING - 10 * 60_000);
    await store.getState().refresh();
    await store.getState().exportDays(1);
    expect(written.map((w) => w.fileName)).toEqual(['Kinetic 2026-11-28.md']);
  });

  it('leaves empty days out of the week, and says so when there is nothing at all', async () => {
    const { repos, store, written } = setup(MORNING);
    await store.getState().refresh();
    await store.getState().exportDays(7);
    expect(written).toEqual([]);
    expect(store.getState().notice).toBe('Nothing to export from the last 7 days');

    await doneAt(repos, 'Call Sam', MORNING - 3 * DAY);
    await doneAt(repos, 'Send the invoice', MORNING - 12 * HOUR);
    await store.getState().refresh();
    await store.getState().exportDays(7);
    const markdown = written[0]!.markdown;
    expect(markdown.match(/^## /gm)).toHaveLength(2);
    expect(markdown).toContain('## Wednesday, November 25, 2026');
    expect(markdown).toContain('## Friday, November 27, 2026');
    expect(written[0]!.fileName).toBe('Kinetic 2026-11-25 to 2026-11-28.md');
  });
});
