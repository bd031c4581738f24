/**
 * Two devices syncing through a folder that two real Syncthing instances keep in step on
 * 127.0.0.1 (harness/syncthing.ts): two Kinetic instances, each its own main process (a rig), its
 * own Chromium profile and its own user-data folder, as on two computers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MainRig, OwnedChromium } from './harness/harness';
import { freshProfileDir } from './harness/chromium';
import { startSyncthingPair, type Pair } from './harness/syncthing';
import { addTask, readTable, title } from './helpers';

interface Computer {
  rig: MainRig;
  browser: OwnedChromium;
  profile: string;
  main: Page;
}

let pair: Pair;
let root: string;
let a: Computer;
let b: Computer;

async function computer(name: string): Promise<Computer> {
  const rig = await MainRig.start({ hostName: name });
  const profile = freshProfileDir(`kinetic-sync-${name}-`);
  const browser = await OwnedChromium.launch(profile);
  await rig.wire(browser.context());
  const main = await rig.openIn(browser.context(), 'main');
  await main.locator('.card').first().waitFor();
  return { rig, browser, profile, main };
}

/** Settings → "Sync through a folder…" (Y), choosing `folder` in the dialog. */
async function turnOnSync(c: Computer, folder: string): Promise<void> {
  c.rig.dialog.folderAnswer = folder;
  await c.main.keyboard.press(',');
  await c.main.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await c.main.keyboard.press('y');
  await c.main.getByText(`Syncing through ${folder}`).waitFor({ timeout: 15_000 });
  await c.main.keyboard.press('Escape');
}

const titles = async (c: Computer): Promise<Map<string, { id: string; title: string; status: string }>> =>
  new Map(
    (await readTable<{ id: string; title: string; status: string }>(c.main, 'tasks')).map((t) => [
      t.title,
      t,
    ]),
  );

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kinetic-sync-'));
  pair = await startSyncthingPair(root);
  a = await computer('laptop');
  b = await computer('desktop');
  await turnOnSync(a, pair.a.dir);
  await turnOnSync(b, pair.b.dir);
}, 120_000);

afterAll(async () => {
  for (const c of [a, b]) {
    if (!c) continue;
    await c.browser.close().catch(() => undefined);
    await c.rig.close();
    rmSync(c.profile, { recursive: true, force: true });
  }
  await pair?.close();
  rmSync(root, { recursive: true, force: true });
}, 60_000);

describe('two devices, two Syncthing instances', () => {
  it('a capture on one is the other’s next action within 15 s', async () => {
    await addTask(a.main, 'call Sam about the trip');
    await expect.poll(() => title(b.main).textContent(), { timeout: 15_000 }).toBe('call Sam about the trip');
    // Settings on B names the laptop, with its last change.
    const devices = b.rig.main.services.sync.status().devices;
    expect(devices.map((d) => d.name)).toEqual(['desktop', 'laptop']);
    expect(devices[1]!.lastChangeAt).not.toBeNull();
  }, 60_000);

  it('a device renamed in its settings (N) shows under its new name on the other', async () => {
    await b.main.keyboard.press(',');
    await b.main.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await expect
      .poll(() => b.main.getByRole('button', { name: 'Rename this device' }).textContent())
      .toBe('NRename this device');
    const field = b.main.getByLabel('This device’s name');
    const focused = (): Promise<boolean> => field.evaluate((el) => el === document.activeElement);
    // Esc in the field keeps the old name, and settings stay open.
    await b.main.keyboard.press('n');
    await expect.poll(focused).toBe(true);
    await b.main.keyboard.type('typo');
    await b.main.keyboard.press('Escape');
    await expect.poll(focused).toBe(false);
    expect(await field.inputValue()).toBe('desktop');
    // N, the new name, Enter.
    await b.main.keyboard.press('n');
    await expect.poll(focused).toBe(true);
    await b.main.keyboard.type('home desktop');
    await b.main.keyboard.press('Enter');
    await b.main.getByText('home desktop (this device)').waitFor();
    await b.main.keyboard.press('Escape');
    await b.main.getByRole('heading', { name: 'Settings', level: 1 }).waitFor({ state: 'detached' });
    await expect
      .poll(
        async () => {
          await a.rig.main.services.sync.refresh();
          return a.rig.main.services.sync.status().devices.map((d) => d.name);
        },
        { timeout: 15_000 },
      )
      .toEqual(['laptop', 'home desktop']);
  }, 60_000);

  it('edits on both while one Syncthing is stopped converge once it runs again', async () => {
    await pair.stop('b');
    await addTask(a.main, 'book the train');
    await addTask(b.main, 'water the plants');
    await pair.start('b');
    for (const c of [a, b]) {
      await expect
        .poll(async () => [...(await titles(c)).keys()].sort(), { timeout: 60_000 })
        .toEqual(['book the train', 'call Sam about the trip', 'water the plants']);
    }
  }, 90_000);

  it('a task done on one while its title changes on the other ends done with the new title on both', async () => {
    await addTask(a.main, 'pay rent !1');
    await expect.poll(() => title(b.main).textContent(), { timeout: 15_000 }).toBe('pay rent');
    await expect.poll(() => title(a.main).textContent()).toBe('pay rent');
    const id = (await titles(b)).get('pay rent')!.id;
    // The desktop starts changing its title, with E...
    await b.main.keyboard.press('e');
    const field = b.main.getByRole('textbox', { name: 'Edit the title' });
    await expect.poll(() => field.inputValue()).toBe('pay rent');
    // ...meanwhile the laptop marks it done, with D...
    await a.main.keyboard.press('d');
    await expect
      .poll(async () => [...(await titles(a)).values()].find((t) => t.id === id)?.status)
      .toBe('done');
    // ...and the desktop saves the new title (whether or not the done has reached it yet).
    await b.main.keyboard.type('pay the rent');
    await b.main.keyboard.press('Enter');
    await expect.poll(() => field.count()).toBe(0);
    for (const c of [a, b]) {
      await expect
        .poll(
          async () => {
            const task = [...(await titles(c)).values()].find((t) => t.id === id);
            return task && { title: task.title, status: task.status };
          },
          { timeout: 60_000 },
        )
        .toEqual({ title: 'pay the rent', status: 'done' });
    }
  }, 90_000);

  it('removing one device’s copy of the folder leaves its tasks untouched', async () => {
    const before = await titles(b);
    rmSync(pair.b.dir, { recursive: true, force: true });
    await b.rig.main.services.sync.refresh();
    expect(b.rig.main.services.sync.status().problem).toMatch(/missing/);
    expect(await titles(b)).toEqual(before);
    // And the other device keeps everything too.
    await a.rig.main.services.sync.refresh();
    expect([...(await titles(a)).keys()].sort()).toEqual([...before.keys()].sort());
  }, 60_000);
});
