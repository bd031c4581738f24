/**
 * Backing up and restoring from the main window's settings, through main's real handlers
 * (backup:save, backup:open) with the harness's fake file dialogs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness } from './harness/harness';
import { addTask, readTable, title } from './helpers';
import { parseBackup } from '../../shared/backup';

const START = new Date(2026, 10, 27, 10, 0).getTime();
const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

async function start(): Promise<{ h: Harness; main: Page }> {
  const h = await Harness.start({ startAt: START });
  harnesses.push(h);
  return { h, main: await h.open('main') };
}

const status = (main: Page) => main.getByRole('group', { name: 'Settings' }).getByRole('status');

async function openSettings(main: Page): Promise<void> {
  await main.keyboard.press(',');
  await main.getByRole('group', { name: 'Settings' }).waitFor();
}

describe('backup and restore', () => {
  it('backs up everything from one computer and restores it on another, keeping what is there', async () => {
    const laptop = await start();
    await addTask(laptop.main, 'Write the report ~30m #work');
    await addTask(laptop.main, 'Call Sam !1');
    await expect.poll(() => title(laptop.main).textContent()).toBe('Call Sam');
    await openSettings(laptop.main);
    laptop.h.rig.dialog.answer = '/home/me/Documents/kinetic-backup-2026-11-27.json';
    await laptop.main.keyboard.press('b');
    await expect
      .poll(() => status(laptop.main).textContent())
      .toBe('Backed up 2 tasks to /home/me/Documents/kinetic-backup-2026-11-27.json.');
    const text = laptop.h.rig.dialog.written.get('/home/me/Documents/kinetic-backup-2026-11-27.json')!;
    const parsed = parseBackup(text);
    expect(parsed.ok && parsed.backup.tasks.map((t) => t.title).sort()).toEqual([
      'Call Sam',
      'Write the report',
    ]);

    const desktop = await start();
    await addTask(desktop.main, 'Water the plants !2');
    desktop.h.rig.dialog.written.set('/media/usb/kinetic-backup-2026-11-27.json', text);
    desktop.h.rig.dialog.openAnswer = '/media/usb/kinetic-backup-2026-11-27.json';
    await openSettings(desktop.main);
    await desktop.main.keyboard.press('o');
    await expect
      .poll(() => status(desktop.main).textContent())
      .toBe('From kinetic-backup-2026-11-27.json: 2 tasks added.');
    const titles = (await readTable<{ title: string }>(desktop.main, 'tasks')).map((t) => t.title).sort();
    expect(titles).toEqual(['Call Sam', 'Water the plants', 'Write the report']);

    // Back to the next action, which is now the restored priority task; keys work at once.
    await desktop.main.keyboard.press('Escape');
    await expect.poll(() => title(desktop.main).textContent()).toBe('Call Sam');
    await desktop.main.keyboard.press('d');
    await expect.poll(() => title(desktop.main).textContent()).toBe('Water the plants');
  });

  it('refuses a damaged file and a file main cannot read, saying why, and changes nothing', async () => {
    const { h, main } = await start();
    await addTask(main, 'Keep me');
    await openSettings(main);
    h.rig.dialog.written.set(
      '/tmp/cut-short.json',
      '{"kind": "kinetic-backup", "format": 1, "tasks": [{"id":',
    );
    h.rig.dialog.openAnswer = '/tmp/cut-short.json';
    await main.keyboard.press('o');
    await expect
      .poll(() => status(main).textContent())
      .toBe('This file is not a Kinetic backup. It is not JSON. Nothing was changed.');

    h.rig.dialog.openAnswer = '/tmp/moved-away.json';
    await main.keyboard.press('o');
    await expect
      .poll(() => status(main).textContent())
      .toBe(
        "Kinetic could not read this file (ENOENT: no such file or directory, stat '/tmp/moved-away.json').",
      );
    expect((await readTable<{ title: string }>(main, 'tasks')).map((t) => t.title)).toEqual(['Keep me']);

    // Cancelling the dialog says nothing.
    h.rig.dialog.openAnswer = null;
    await main.keyboard.press('o');
    await expect.poll(() => status(main).textContent()).toBe('');
  });

  it('keeps an automatic backup of the day soon after the window starts, and says where', async () => {
    const { h, main } = await start();
    await addTask(main, 'Write the report');
    await h.advance(31_000);
    await expect.poll(() => [...h.rig.backups.files.keys()]).toEqual(['kinetic-backup-2026-11-27.json']);
    const parsed = parseBackup(h.rig.backups.files.get('kinetic-backup-2026-11-27.json')!);
    expect(parsed.ok && parsed.backup.tasks.map((t) => t.title)).toEqual(['Write the report']);

    await openSettings(main);
    await expect
      .poll(() => main.getByText('Kinetic also keeps a backup').textContent())
      .toBe(
        'Kinetic also keeps a backup of each of the last 7 days in /home/me/.config/Kinetic/backups. The last is from 2026-11-27.',
      );
  });
});
