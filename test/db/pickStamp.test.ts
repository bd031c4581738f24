/**
 * The stamp of the row of floors (pick.ts `STAMP_ID`): every write to meta gets a new one, and a
 * pick that knows the row stored under the current stamp reads only the stamp.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDBKeyRange } from 'fake-indexeddb';
import { createRepositories, type Repositories } from '../../renderer/db';
import {
  FLOORS_ID,
  STAMP_ID,
  forgetFloors,
  pickIndexed,
  rememberRow,
  type Floors,
  type PickTrace,
  type Stamp,
} from '../../renderer/db/pick';
import type { KineticDb } from '../../renderer/db/schema';
import { newTaskInput, openTestDb, uniqueDbName } from './fixtures/helpers';

const MIN = 60_000;
const START = new Date(2026, 10, 25, 9, 0).getTime();

let db: KineticDb;
let repos: Repositories;
const input = newTaskInput;
const storedStamp = async (): Promise<string | undefined> =>
  ((await db.meta.get(STAMP_ID as typeof FLOORS_ID)) as unknown as Stamp | undefined)?.stamp;
async function pick(now: number): Promise<{ title: string | undefined; trace: PickTrace }> {
  const trace: PickTrace = { rounds: 0, requests: 0 };
  const picked = await pickIndexed(db.backendDB(), now, IDBKeyRange, trace);
  return { title: picked?.task.title, trace };
}

beforeEach(async () => {
  db = openTestDb(uniqueDbName('stamp'));
  repos = createRepositories(db);
  const extra = await repos.tasks.add(input('Extra'), START - MIN);
  await repos.tasks.add(input('First', 1), START);
  await repos.tasks.add(input('Second', 2), START + 1);
  await repos.tasks.complete(extra.id, START + 2); // stores the front
});

afterEach(() => {
  db.close();
  forgetFloors(db.name);
});

describe('the stamp of the row of floors', () => {
  it('changes with every write to meta, and not without one', async () => {
    const before = await storedStamp();
    expect(before).toBeDefined();
    await pick(START + MIN);
    expect(await storedStamp()).toBe(before);
    // An add that leaves the row as it was (nothing in the front's ranges) does not write meta.
    await repos.tasks.add(input('Third', 3), START + MIN);
    expect(await storedStamp()).toBe(before);
    const first = (await repos.tasks.nextAction(START + MIN))!.task;
    await repos.tasks.complete(first.id, START + MIN);
    const afterDone = await storedStamp();
    expect(afterDone).not.toBe(before);
    // Any write to meta, whatever code makes it.
    const floors = (await db.meta.get(FLOORS_ID))!;
    await db.meta.put({ ...floors });
    expect(await storedStamp()).not.toBe(afterDone);
  });

  it("lets a pick after this window's own write read only the stamp", async () => {
    rememberRow(db.name, '', null);
    // A window that knows no row: the stamp and the row, in the same round.
    expect(await pick(START + MIN)).toEqual({ title: 'First', trace: { rounds: 1, requests: 2 } });
    expect(await pick(START + MIN)).toEqual({ title: 'First', trace: { rounds: 1, requests: 1 } });
    const first = (await repos.tasks.nextAction(START + MIN))!.task;
    await repos.tasks.complete(first.id, START + 2 * MIN);
    expect(await pick(START + 2 * MIN)).toEqual({ title: 'Second', trace: { rounds: 1, requests: 1 } });
  });

  it('makes a window that knows an older row read the row again (a write in another window)', async () => {
    await pick(START + MIN);
    const seenStamp = (await storedStamp())!;
    const seenRow = (await db.meta.get(FLOORS_ID))!;
    // Another window completes the first task; this window still knows the row it saw.
    const first = (await repos.tasks.nextAction(START + MIN))!.task;
    await repos.tasks.complete(first.id, START + 2 * MIN);
    rememberRow(db.name, seenStamp, seenRow);
    expect(await pick(START + 2 * MIN)).toEqual({ title: 'Second', trace: { rounds: 1, requests: 2 } });
  });

  it('is not trusted from a write that did not commit', async () => {
    await pick(START + MIN);
    const first = (await repos.tasks.nextAction(START + MIN))!.task;
    await expect(
      db.transaction('rw', db.tasks, db.meta, async () => {
        await repos.tasks.complete(first.id, START + 2 * MIN);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    // This window remembered the row that write stored; its stamp was never committed.
    expect(await pick(START + 2 * MIN)).toEqual({ title: 'First', trace: { rounds: 1, requests: 2 } });
    expect(await pick(START + 2 * MIN)).toEqual({ title: 'First', trace: { rounds: 1, requests: 1 } });
  });

  it('is read alongside a row of floors written before stamps existed', async () => {
    const floors = (await db.meta.get(FLOORS_ID)) as Floors;
    // As an older version left it: the row, no stamp.
    await db.transaction('rw', db.meta, async () => {
      await db.meta.put(floors);
    });
    const idb = db.backendDB();
    await new Promise<void>((resolve, reject) => {
      const tx = idb.transaction('meta', 'readwrite');
      tx.objectStore('meta').delete(STAMP_ID);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    rememberRow(db.name, '', null);
    expect(await pick(START + MIN)).toEqual({ title: 'First', trace: { rounds: 1, requests: 2 } });
    // Nothing to go by: the row again.
    expect(await pick(START + MIN)).toEqual({ title: 'First', trace: { rounds: 1, requests: 2 } });
    // The next write to meta stamps it.
    const first = (await repos.tasks.nextAction(START + MIN))!.task;
    await repos.tasks.complete(first.id, START + 2 * MIN);
    expect(await storedStamp()).toBeDefined();
    expect(await pick(START + 2 * MIN)).toEqual({ title: 'Second', trace: { rounds: 1, requests: 1 } });
  });
});
