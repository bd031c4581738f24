/**
 * The core loop as a new user walks it (issue 23): each test here failed before its fix.
 * Driven by roles, names, visible text and keys only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FocusSession, Task } from '../../shared/types';
import { Harness } from './harness/harness';
import { addTask, readTable, title } from './helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
let h: Harness;
let main: Page;

beforeEach(async () => {
  // Friday 27 November 2026, 10:00.
  h = await Harness.start({ startAt: new Date(2026, 10, 27, 10, 0).getTime() });
  main = await h.open('main');
});

afterEach(async () => {
  await h.close();
});

const emptyInput = (page: Page) =>
  page.getByRole('textbox', { name: 'What’s one small thing you could start?' });
const historyHeading = (page: Page) => page.getByRole('heading', { name: 'History', level: 1 });
const settingsHeading = (page: Page) => page.getByRole('heading', { name: 'Settings', level: 1 });

const sessions = (page: Page) => readTable<FocusSession>(page, 'sessions');
const task = async (name: string): Promise<Task> => {
  const found = (await readTable<Task>(main, 'tasks')).find((t) => t.title === name);
  if (!found) throw new Error(`no task ${name}`);
  return found;
};

/** Reflects today, naming tomorrow's first step. */
async function reflectWith(step: string): Promise<void> {
  const reflection = await h.open('reflection');
  await reflection.getByRole('button', { name: 'Begin — three short questions' }).waitFor();
  await reflection.keyboard.press('Enter');
  await reflection.keyboard.press('Enter');
  await reflection.keyboard.press('Enter');
  await reflection.keyboard.type(step);
  await reflection.keyboard.press('Enter');
  await reflection.keyboard.press('Enter');
  await expect
    .poll(() => reflection.getByText('Saved. Tomorrow’s first step is ready.').isVisible())
    .toBe(true);
}

describe('keys shown on screen are obeyed', () => {
  it('H, R and , work on the empty state, and A puts the cursor in its field', async () => {
    await expect.poll(() => main.getByText('Nothing waiting. A clean start.').isVisible()).toBe(true);
    await main.keyboard.press('h');
    await expect.poll(() => historyHeading(main).isVisible()).toBe(true);
    await main.keyboard.press('Escape');
    await expect.poll(() => emptyInput(main).isVisible()).toBe(true);
    await expect.poll(() => emptyInput(main).inputValue()).toBe('');

    await main.keyboard.press('r');
    await expect.poll(() => h.windows.log.includes('show:reflection')).toBe(true);
    await main.keyboard.press(',');
    await expect.poll(() => settingsHeading(main).isVisible()).toBe(true);

    // With Settings open, the top bar's keys still work.
    await main.keyboard.press('h');
    await expect.poll(() => historyHeading(main).isVisible()).toBe(true);
    await main.keyboard.press('Escape');
    await main.keyboard.press(',');
    await expect.poll(() => settingsHeading(main).isVisible()).toBe(true);
    await main.keyboard.press('a');
    await expect.poll(() => main.getByRole('textbox', { name: 'New task' }).isVisible()).toBe(true);
    await main.keyboard.press('Escape');

    // On the empty state, A puts the cursor in its field: typed text is a task.
    await expect.poll(() => emptyInput(main).isVisible()).toBe(true);
    await main.keyboard.press('a');
    await expect.poll(() => emptyInput(main).evaluate((el) => el === document.activeElement)).toBe(true);
    // While the field takes the keys, the top bar's key hints are not shown.
    await expect.poll(() => main.locator('.topbar kbd').first().isVisible()).toBe(false);
    await main.keyboard.type('hang the picture');
    await main.keyboard.press('Enter');
    await expect.poll(() => title(main).textContent()).toBe('hang the picture');
  });

  it('U undoes the last Done, which left nothing on screen', async () => {
    await addTask(main, 'Water the plants');
    await main.keyboard.press('d');
    await expect.poll(() => main.getByRole('status').textContent()).toContain('Done: Water the plants');
    await expect.poll(() => emptyInput(main).isVisible()).toBe(true);
    const undo = main.getByRole('button', { name: 'Undo', exact: true });
    expect(await undo.getAttribute('aria-keyshortcuts')).toBe('U');
    await main.keyboard.press('u');
    await expect.poll(() => title(main).textContent()).toBe('Water the plants');
    expect((await task('Water the plants')).status).toBe('open');
  });
});

describe('the empty state', () => {
  it('names the capture shortcut once, or the link and command line where it cannot work', async () => {
    const hint = main.locator('.empty .hint');
    await expect.poll(() => hint.textContent()).toContain('from anywhere: Ctrl+Shift+Space');
    expect((await hint.textContent())?.match(/from anywhere/g)).toHaveLength(1);
    await h.close();
    h = await Harness.start({ startAt: Date.now(), takenShortcuts: ['CommandOrControl+Shift+Space'] });
    main = await h.open('main');
    await expect
      .poll(() => main.locator('.empty .hint').textContent())
      .toContain('from anywhere: a kinetic://add?text=… link or kinetic --add "…"');
  });
});

describe('focus and the main window agree', () => {
  let focus: Page;
  beforeEach(async () => {
    focus = await h.open('focus');
    await main.bringToFront();
  });

  it('Done in the main window ends the running session as completed, keeping its focused time', async () => {
    await addTask(main, 'Draft the intro ~10m');
    await addTask(main, 'Call the bank');
    await expect.poll(() => title(main).textContent()).toBe('Draft the intro');
    await main.keyboard.press('Enter');
    await expect.poll(() => focus.getByTestId('countdown').textContent()).toMatch(/^9:5\d$/);
    await h.advance(3 * MIN);
    await main.keyboard.press('d');
    await expect.poll(() => title(main).textContent()).toBe('Call the bank');
    await expect.poll(() => focus.getByText('No focus session').isVisible()).toBe(true);
    await expect.poll(async () => (await sessions(main)).map((s) => s.outcome)).toEqual(['completed']);
    expect(Math.round((await sessions(main))[0]!.focusedMs / MIN)).toBe(3);
    expect(h.main.services.focus.phase()).toBe('idle');
  });

  it('Enter on another task while a session runs asks; switching logs the first as stopped', async () => {
    await addTask(main, 'Write the summary ~20m');
    await addTask(main, 'Book the flights');
    await main.keyboard.press('Enter');
    await expect.poll(() => h.main.services.focus.snapshot().task?.title).toBe('Write the summary');
    await h.advance(10 * MIN);
    await main.keyboard.press('n');
    await expect.poll(() => title(main).textContent()).toBe('Book the flights');

    await main.keyboard.press('Enter');
    const question = main.getByRole('group', { name: /Focus on “Write the summary” is running/ });
    await expect.poll(() => question.isVisible()).toBe(true);
    // Keep: nothing changes.
    await main.keyboard.press('k');
    await expect.poll(() => question.count()).toBe(0);
    expect(h.main.services.focus.snapshot().task?.title).toBe('Write the summary');
    expect(await sessions(main)).toEqual([]);

    await main.keyboard.press('Enter');
    await expect.poll(() => question.isVisible()).toBe(true);
    await main.keyboard.press('s');
    await expect.poll(() => h.main.services.focus.snapshot().task?.title).toBe('Book the flights');
    await expect.poll(async () => (await sessions(main)).map((s) => s.outcome)).toEqual(['stopped']);
    expect(Math.round((await sessions(main))[0]!.focusedMs / MIN)).toBe(10);
  });

  it('Done in the focus window on the last step asks about the parent in the main window', async () => {
    await addTask(main, 'Pack for the trip');
    await main.keyboard.press('t');
    const field = main.getByRole('textbox', { name: 'What’s the first two-minute step?' });
    await field.fill('Find the passport');
    await field.press('Enter');
    await expect.poll(() => title(main).textContent()).toBe('Find the passport');
    await main.keyboard.press('2');
    await expect.poll(() => focus.getByTestId('countdown').isVisible()).toBe(true);
    await focus.keyboard.press('d');
    await expect
      .poll(() =>
        main.getByText('That was the last step of “Pack for the trip”. Mark it done too?').isVisible(),
      )
      .toBe(true);
    await main.keyboard.press('y');
    await expect.poll(async () => (await task('Pack for the trip')).status).toBe('done');
  });
});

describe('tomorrow’s first step', () => {
  it('reads the quick-add syntax: title, estimate and tags', async () => {
    await reflectWith('email Ana about the budget ~10m #work');
    await h.advance(23 * HOUR); // Saturday 9:00
    await expect.poll(() => title(main).textContent()).toBe('email Ana about the budget');
    const meta = main.getByRole('region', { name: 'Next action' }).locator('.meta');
    await expect.poll(() => meta.textContent()).toBe('10 min#work');
  });

  it('the morning greeting goes at noon', async () => {
    await addTask(main, 'Tidy the desk');
    await reflectWith('Open the chart template');
    await h.advance(22 * HOUR + 30 * MIN); // Saturday 8:30
    h.power.emit('resume');
    await h.settle();
    const greeting = main.getByText('Good morning.', { exact: false });
    await expect.poll(() => greeting.isVisible()).toBe(true);
    await h.advance(3 * HOUR + 31 * MIN); // 12:01
    await expect.poll(() => greeting.count()).toBe(0);
  });

  it('the morning greeting goes once the step is started', async () => {
    await reflectWith('Open the chart template');
    await h.advance(22 * HOUR + 30 * MIN); // Saturday 8:30
    h.power.emit('resume');
    await h.settle();
    const greeting = main.getByText('Good morning.', { exact: false });
    await expect.poll(() => greeting.isVisible()).toBe(true);
    await main.keyboard.press('2');
    await expect.poll(() => h.main.services.focus.snapshot().task?.title).toBe('Open the chart template');
    await expect.poll(() => greeting.count()).toBe(0);
  });
});

describe('a pinned step and a task due at a time', () => {
  it('the due task comes first from 30 minutes before, the tray says so, and a notification comes at its time', async () => {
    const reflection = await h.open('reflection');
    await reflection.getByRole('button', { name: 'Begin — three short questions' }).waitFor();
    for (let i = 0; i < 3; i++) await reflection.keyboard.press('Enter');
    await reflection.keyboard.type('Open the chart template');
    await reflection.keyboard.press('Enter');
    await reflection.keyboard.press('Enter');
    await expect
      .poll(() => reflection.getByText('Saved. Tomorrow’s first step is ready.').isVisible())
      .toBe(true);
    await addTask(main, 'Send the invoice tomorrow 5pm !1');

    await h.advance(23 * HOUR); // Saturday 9:00
    await expect.poll(() => title(main).textContent()).toBe('Open the chart template');
    await h.advance(7 * HOUR + 30 * MIN); // 16:30
    await expect.poll(() => title(main).textContent()).toBe('Send the invoice');
    await expect.poll(() => main.getByTestId('reason').textContent()).toBe('Due at 5 pm');
    await expect.poll(() => h.tray.labels()[0]).toBe('Next: Send the invoice');
    expect(h.notifier.titles()).not.toContain('Due now');
    await h.advance(30 * MIN); // 17:00
    await expect.poll(() => h.notifier.titles()).toContain('Due now');
    expect(h.notifier.shown.find((n) => n.title === 'Due now')?.body).toBe('Send the invoice');
  });

  it('the lead time is a setting: from 1 hour before, the due task comes first at once, and the tray follows', async () => {
    await reflectWith('Open the chart template');
    await addTask(main, 'Send the invoice tomorrow 5pm !1');
    await h.advance(30 * HOUR + 5 * MIN); // Saturday 16:05
    await expect.poll(() => title(main).textContent()).toBe('Open the chart template');
    await expect.poll(() => h.tray.labels()[0]).toBe('Next: Open the chart template');

    await main.keyboard.press(',');
    await settingsHeading(main).waitFor();
    const lead = main.getByRole('combobox', { name: 'Show a task due at a time before today’s first step' });
    await expect.poll(() => lead.inputValue()).toBe('30');
    await lead.selectOption({ label: 'From 1 hour before' });
    await expect.poll(() => h.main.services.settings.get().dueFirstMinutes).toBe(60);
    await main.keyboard.press('Escape');
    await expect.poll(() => title(main).textContent()).toBe('Send the invoice');
    await expect.poll(() => main.getByTestId('reason').textContent()).toBe('Due at 5 pm');
    await expect.poll(() => h.tray.labels()[0]).toBe('Next: Send the invoice');

    // Back to 15 minutes: the pinned step is first again until 16:45.
    await main.keyboard.press(',');
    await settingsHeading(main).waitFor();
    await lead.selectOption({ label: 'From 15 minutes before' });
    await main.keyboard.press('Escape');
    await expect.poll(() => title(main).textContent()).toBe('Open the chart template');
    await expect.poll(() => h.tray.labels()[0]).toBe('Next: Open the chart template');
    await h.advance(40 * MIN); // 16:45
    await expect.poll(() => title(main).textContent()).toBe('Send the invoice');
  });
});
