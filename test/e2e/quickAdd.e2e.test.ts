import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness } from './harness/harness';

let h: Harness;
let main: Page;
let qa: Page;

const START = new Date(2026, 10, 27, 10, 0).getTime();
const title = (page: Page) => page.getByTestId('next-action-title');
const input = (page: Page) => page.getByRole('textbox', { name: 'New task' });

beforeEach(async () => {
  h = await Harness.start({ startAt: START });
  main = await h.open('main');
  qa = await h.open('quickAdd');
  await qa.setViewportSize({ width: 620, height: 172 });
});

afterEach(async () => {
  await h.close();
});

describe('the quick-add window', () => {
  it('keeps the first 2,000 characters of a long paste and says so', async () => {
    await input(qa).fill(`call Sam ${'x'.repeat(5000)}`);
    await expect.poll(async () => (await input(qa).inputValue()).length).toBe(2000);
    await expect.poll(() => qa.getByText('Only the first 2,000 characters are kept.').isVisible()).toBe(true);
    await input(qa).fill('call Sam');
    await expect.poll(() => qa.getByText(/first 2,000 characters/).count()).toBe(0);
  });

  it('previews what it understood and saves into the same database: the main window updates live', async () => {
    await expect.poll(() => main.getByText('Nothing waiting. A clean start.').isVisible()).toBe(true);
    await input(qa).fill('call Sam tomorrow 5pm ~15m #work !1');
    const chips = qa.getByTestId('chips');
    await expect.poll(() => chips.locator('[data-chip="due"]').textContent()).toBe('Duetomorrow at 5 pm');
    await expect.poll(() => chips.locator('[data-chip="est"]').textContent()).toBe('About15 min');
    await expect.poll(() => chips.locator('[data-chip="tag"]').textContent()).toBe('#work');
    await expect.poll(() => chips.locator('[data-chip="prio"]').textContent()).toBe('Priority1');

    await input(qa).press('Enter');
    // The window hides only after the write committed.
    await expect.poll(() => h.windows.log.includes('hide:quickAdd')).toBe(true);
    await expect.poll(() => input(qa).inputValue()).toBe('');
    // The main window (another page, same origin and database) shows it without a reload.
    await expect.poll(() => title(main).textContent()).toBe('call Sam');
    await expect.poll(() => main.getByText('15 min').isVisible()).toBe(true);
  });

  it('stays open with Ctrl+Enter for the next one, and Esc hides but keeps the draft', async () => {
    await input(qa).fill('water the plants');
    await input(qa).press('Control+Enter');
    await expect.poll(() => qa.getByRole('status').textContent()).toBe('Saved “water the plants”. Next one?');
    expect(h.windows.log).not.toContain('hide:quickAdd');
    await expect.poll(() => title(main).textContent()).toBe('water the plants');

    await input(qa).fill('buy stamps');
    await input(qa).press('Escape');
    await expect.poll(() => h.windows.log.includes('hide:quickAdd')).toBe(true);
    // Shown again from the tray: the draft is still there, nothing was saved.
    h.tray.click();
    await h.settle();
    expect(h.windows.log.at(-1)).toBe('show:quickAdd');
    await expect.poll(() => input(qa).inputValue()).toBe('buy stamps');
    await expect.poll(() => input(qa).evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('refuses an empty title inline', async () => {
    await input(qa).fill('  #work ~15m ');
    await input(qa).press('Enter');
    await expect.poll(() => qa.getByRole('alert').textContent()).toBe('Give it a few words first.');
    expect(h.windows.log).not.toContain('hide:quickAdd');
    expect(await input(qa).inputValue()).toBe('  #work ~15m ');
  });

  it('shows a failed write and keeps the text (the window stays open)', async () => {
    await input(qa).fill('renew the passport');
    // The disk is full: every IndexedDB write in this page fails from now on.
    await qa.evaluate(() => {
      const fail = (): never => {
        throw new DOMException('The disk is full', 'QuotaExceededError');
      };
      IDBObjectStore.prototype.add = fail;
      IDBObjectStore.prototype.put = fail;
    });
    await input(qa).press('Enter');
    await expect
      .poll(() => qa.getByRole('alert').textContent())
      .toBe('Not saved: The disk is full: Kinetic could not save this. Free some space, then try again.');
    expect(await input(qa).inputValue()).toBe('renew the passport');
    expect(h.windows.log).not.toContain('hide:quickAdd');
    await expect.poll(() => main.getByText('Nothing waiting. A clean start.').isVisible()).toBe(true);
  });

  it('says so when the disk is too full for the log, keeps the text, and never truncates the log', async () => {
    await input(qa).fill('first, saved');
    await input(qa).press('Enter');
    await expect.poll(() => h.windows.log.includes('hide:quickAdd')).toBe(true);
    const logFiles = async (): Promise<string> => {
      const dir = join(h.rig.stateDir, 'oplog', h.main.services.oplog.deviceId());
      return (await Promise.all((await readdir(dir)).sort().map((f) => readFile(join(dir, f), 'utf8')))).join(
        '',
      );
    };
    const before = await logFiles();
    expect(before).toContain('first, saved');

    h.rig.logFolder.failNextAppend = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    await input(qa).fill('renew the passport');
    await input(qa).press('Enter');
    await expect
      .poll(() => qa.getByRole('alert').textContent())
      .toBe('Not saved: The disk is full: Kinetic could not save this. Free some space, then try again.');
    expect(await input(qa).inputValue()).toBe('renew the passport');
    expect((await logFiles()).startsWith(before)).toBe(true);
  });

  it('is reached from the shortcut, the tray, a kinetic:// link and `kinetic --add`, with the text prefilled', async () => {
    h.shortcuts.press('CommandOrControl+Shift+Space');
    expect(h.windows.log.at(-1)).toBe('show:quickAdd');

    h.tray.choose('quickAdd');
    expect(h.windows.log.at(-1)).toBe('show:quickAdd');

    h.main.handleUrl('kinetic://add?text=' + encodeURIComponent('book flights friday ~30m'));
    await h.settle();
    await expect.poll(() => input(qa).inputValue()).toBe('book flights friday ~30m');
    await expect.poll(() => qa.locator('[data-chip="est"]').textContent()).toBe('About30 min');

    // A second instance forwards its argv to the running one.
    h.main.handleArgv(['--add', 'email the landlord']);
    await h.settle();
    await expect.poll(() => input(qa).inputValue()).toBe('email the landlord');
    await input(qa).press('Enter');
    await expect.poll(() => title(main).textContent()).toBe('email the landlord');
  });

  it('keeps a typed draft that a link replaces, and brings it back once the link’s task is saved', async () => {
    await input(qa).fill('call the plumber tomorrow');
    h.main.handleUrl('kinetic://add?text=' + encodeURIComponent('read the lease'));
    await h.settle();
    await expect.poll(() => input(qa).inputValue()).toBe('read the lease');
    await expect
      .poll(() => qa.getByRole('status').textContent())
      .toBe('Kept for after this one: “call the plumber tomorrow”');
    await input(qa).press('Control+Enter'); // save and stay
    await expect.poll(() => input(qa).inputValue()).toBe('call the plumber tomorrow');
    await expect.poll(() => title(main).textContent()).toBe('read the lease');
  });

  it('takes text that arrived before the window had loaded', async () => {
    h.main.handleArgv(['--add=plan the week']);
    await qa.reload();
    await expect.poll(() => input(qa).inputValue()).toBe('plan the week');
  });

  it('takes every text that arrived before the window had loaded, and keeps the others in turn', async () => {
    h.main.handleArgv(['--add=plan the week']);
    h.main.handleUrl('kinetic://add?text=' + encodeURIComponent('water the plants'));
    h.main.handleUrl('kinetic://add?text=' + encodeURIComponent('call Sam'));
    await qa.reload();
    await expect.poll(() => input(qa).inputValue()).toBe('call Sam');
    await expect
      .poll(() => qa.getByRole('status').textContent())
      .toBe('Kept for after this one: “water the plants” and 1 more');
    await input(qa).press('Control+Enter');
    await expect.poll(() => input(qa).inputValue()).toBe('water the plants');
    await expect
      .poll(() => qa.getByRole('status').textContent())
      .toBe('Kept for after this one: “plan the week”');
    await input(qa).press('Control+Enter');
    await expect.poll(() => input(qa).inputValue()).toBe('plan the week');
  });
});
