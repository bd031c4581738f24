import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Task } from '../../shared/types';
import { Harness } from './harness/harness';
import { addTask, readTable, title } from './helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
let h: Harness;
let main: Page;

beforeEach(async () => {
  h = await Harness.start({ startAt: new Date(2026, 10, 25, 10, 0).getTime() }); // a Wednesday
  main = await h.open('main');
});

afterEach(async () => {
  await h.close();
});

/** "Not now" twice on the shown task: the first sets it aside, the second asks why. */
async function skipTwice(page: Page, name: string): Promise<void> {
  await expect.poll(() => title(page).textContent()).toBe(name);
  await page.keyboard.press('n');
  await expect.poll(() => page.getByRole('status').textContent()).toContain('Set aside for a few hours');
  await expect
    .poll(async () => (await title(page).count()) === 0 || (await title(page).textContent()) !== name)
    .toBe(true);
  expect((await task(name)).skipCount).toBe(1);
  await h.advance(3 * HOUR + MIN);
  await expect.poll(() => title(page).textContent()).toBe(name);
  await page.keyboard.press('n');
  await expect.poll(() => page.getByText('What’s in the way?').isVisible()).toBe(true);
}

const task = async (name: string): Promise<Task> => {
  const all = await readTable<Task>(main, 'tasks');
  const found = all.find((t) => t.title === name);
  if (!found) throw new Error(`no task ${name}`);
  return found;
};

describe('skipping shrinks the task', () => {
  it('counts a quick double press of N as one skip', async () => {
    await addTask(main, 'File the receipts');
    await main.keyboard.press('n');
    await main.keyboard.press('n');
    await expect.poll(() => main.getByText('Everything else is set aside for now.').isVisible()).toBe(true);
    expect((await task('File the receipts')).skipCount).toBe(1);
  });

  it('too big: a two-minute version becomes the first step', async () => {
    await addTask(main, 'Learn Rust');
    await skipTwice(main, 'Learn Rust');
    await main.keyboard.press('1');
    const field = main.getByRole('textbox', { name: 'What’s a two-minute version of it?' });
    await field.fill('Install rustup ~2m');
    await field.press('Enter');
    await expect.poll(() => title(main).textContent()).toBe('Install rustup');
    expect((await task('Learn Rust')).skipReasons.map((s) => s.reason)).toEqual([null, 'too-big']);
    // Focus is back where single keys work.
    await expect.poll(() => main.evaluate(() => document.activeElement?.tagName)).not.toBe('INPUT');
    await main.keyboard.press('d');
    await expect
      .poll(() => main.getByText('That was the last step of “Learn Rust”. Mark it done too?').isVisible())
      .toBe(true);
    await main.keyboard.press('n');
    await expect.poll(() => title(main).textContent()).toBe('Learn Rust');
  });

  it('unclear: the very next physical action becomes the first step', async () => {
    await addTask(main, 'Sort out the taxes');
    await skipTwice(main, 'Sort out the taxes');
    await main.keyboard.press('2');
    const field = main.getByRole('textbox', { name: 'What’s the very next physical action?' });
    await field.fill('Find last year’s return in the drawer');
    await field.press('Enter');
    await expect.poll(() => title(main).textContent()).toBe('Find last year’s return in the drawer');
  });

  it('blocked: it waits with a note until its check-back date, then comes back saying so', async () => {
    await addTask(main, 'Plan the offsite !1');
    await addTask(main, 'Water the plants');
    await skipTwice(main, 'Plan the offsite');
    await main.keyboard.press('3');
    const note = main.getByRole('textbox', { name: 'What are you waiting on?' });
    await note.fill('the budget from finance');
    await note.press('Enter');
    await expect.poll(() => main.getByText('Check back when?').isVisible()).toBe(true);
    await main.keyboard.press('1'); // tomorrow
    await expect.poll(() => title(main).textContent()).toBe('Water the plants');
    expect(await task('Plan the offsite')).toMatchObject({
      status: 'waiting',
      waitingNote: 'the budget from finance',
    });

    await main.keyboard.press('d');
    await expect.poll(() => main.getByText('Nothing waiting. A clean start.').isVisible()).toBe(true);
    await h.advance(24 * HOUR); // tomorrow, after 9:00
    await expect.poll(() => title(main).textContent()).toBe('Plan the offsite');
    await expect
      .poll(() => main.getByTestId('reason').textContent())
      .toBe('Check back: the budget from finance · Top priority');
  });

  it('not now: snoozed until later today, tomorrow or a picked date', async () => {
    await addTask(main, 'Clean the garage');
    await skipTwice(main, 'Clean the garage');
    await main.keyboard.press('4');
    await expect.poll(() => main.getByText('Until when?').isVisible()).toBe(true);
    await main.keyboard.press('3');
    const date = main.getByLabel('Bring it back on');
    await date.fill('2026-11-30');
    await date.press('Enter');
    await expect.poll(() => main.getByText('Everything else is set aside for now.').isVisible()).toBe(true);
    expect((await task('Clean the garage')).snoozedUntil).toBe(new Date(2026, 10, 30, 9, 0).getTime());
    // Bringing back what was set aside works from the empty state.
    await main.getByRole('button', { name: 'bring back what you set aside' }).click();
    await expect.poll(() => title(main).textContent()).toBe('Clean the garage');
  });

  it('not important: archived, with undo', async () => {
    await addTask(main, 'Reorganise the bookshelf !1');
    await addTask(main, 'Call the plumber');
    await skipTwice(main, 'Reorganise the bookshelf');
    await main.keyboard.press('5');
    await expect.poll(() => title(main).textContent()).toBe('Call the plumber');
    await expect
      .poll(() => main.getByRole('status').textContent())
      .toContain('Archived: Reorganise the bookshelf');
    expect((await task('Reorganise the bookshelf')).status).toBe('archived');
    await main.keyboard.press('u');
    await expect.poll(() => title(main).textContent()).toBe('Reorganise the bookshelf');
    await expect.poll(async () => (await task('Reorganise the bookshelf')).status).toBe('open');
  });
});

describe('breaking down', () => {
  it('asks for just the first two-minute step with T', async () => {
    await addTask(main, 'Write the grant proposal');
    await main.keyboard.press('t');
    const field = main.getByRole('textbox', { name: 'What’s the first two-minute step?' });
    await field.fill('Open last year’s proposal');
    await field.press('Enter');
    await expect.poll(() => title(main).textContent()).toBe('Open last year’s proposal');
    await expect
      .poll(() => main.getByTestId('reason').textContent())
      .toBe('Next step of “Write the grant proposal”');
  });

  it('offers to complete the parent after its last step, and Esc cancels a panel without a change', async () => {
    await addTask(main, 'Pack for the trip');
    await main.keyboard.press('b');
    await main.keyboard.press('Escape');
    await expect.poll(() => main.getByRole('button', { name: 'Break down' }).isVisible()).toBe(true);
    await main.keyboard.press('b');
    const steps = main.getByRole('textbox', { name: 'Break “Pack for the trip” into steps' });
    await steps.fill('Passport\nCharger');
    await steps.press('Control+Enter');
    await expect.poll(() => title(main).textContent()).toBe('Passport');
    await main.keyboard.press('d');
    await expect.poll(() => title(main).textContent()).toBe('Charger');
    await main.keyboard.press('d');
    await expect
      .poll(() =>
        main.getByText('That was the last step of “Pack for the trip”. Mark it done too?').isVisible(),
      )
      .toBe(true);
    await main.keyboard.press('y');
    await expect.poll(() => main.getByText('Nothing waiting. A clean start.').isVisible()).toBe(true);
    expect((await task('Pack for the trip')).status).toBe('done');
  });
});

describe('editing the title', () => {
  const field = (page: Page) => page.getByRole('textbox', { name: 'Edit the title' });

  it('E opens the title selected; Enter saves it, trimmed and as typed, and it stays after a reload', async () => {
    await addTask(main, 'Cal Sam about the lease ~15m #home');
    await expect
      .poll(() => main.getByRole('button', { name: 'Edit' }).getAttribute('aria-keyshortcuts'))
      .toBe('E');
    await main.keyboard.press('e');
    await expect.poll(() => field(main).inputValue()).toBe('Cal Sam about the lease');
    // Selected: typing replaces it.
    expect(
      await field(main).evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd]),
    ).toEqual([0, 'Cal Sam about the lease'.length]);
    await expect.poll(() => main.getByText('Enter save · Esc cancel').isVisible()).toBe(true);
    await main.keyboard.type('  Call Sam about the lease #calls ');
    await main.keyboard.press('Enter');
    await expect.poll(() => title(main).textContent()).toBe('Call Sam about the lease #calls');
    await expect
      .poll(() => main.getByRole('status').textContent())
      .toContain('Renamed to “Call Sam about the lease #calls”');
    await expect
      .poll(() => main.locator('[aria-live="polite"]').textContent())
      .toContain('Call Sam about the lease #calls.');
    // No quick-add parsing: the estimate and tags are as they were.
    expect(await task('Call Sam about the lease #calls')).toMatchObject({ estimateMin: 15, tags: ['home'] });
    await expect.poll(() => h.tray.labels()[0]).toBe('Next: Call Sam about the lease #calls');
    // Keys work again at once.
    await expect.poll(() => main.evaluate(() => document.activeElement?.tagName)).not.toBe('INPUT');

    await main.reload();
    await expect.poll(() => title(main).textContent()).toBe('Call Sam about the lease #calls');
  });

  it('Esc cancels without a change, and U undoes a rename', async () => {
    await addTask(main, 'Water the plnats');
    await main.keyboard.press('e');
    await field(main).waitFor();
    await main.keyboard.type('Something else');
    await main.keyboard.press('Escape');
    await expect.poll(() => field(main).count()).toBe(0);
    await expect.poll(() => title(main).textContent()).toBe('Water the plnats');
    await task('Water the plnats'); // still so named

    await main.keyboard.press('e');
    await main.keyboard.type('Water the plants');
    await main.keyboard.press('Enter');
    await expect.poll(() => title(main).textContent()).toBe('Water the plants');
    await main.keyboard.press('u');
    await expect.poll(() => title(main).textContent()).toBe('Water the plnats');
  });
});
