import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FocusSession } from '../../shared/types';
import { Harness } from './harness/harness';
import { addTask, readTable, title } from './helpers';

const MIN = 60_000;
let h: Harness;
let main: Page;
let focus: Page;

const countdown = (page: Page) => page.getByTestId('countdown');
/** Minutes shown in the countdown, e.g. "14:58" → 14. */
const minutesShown = async (page: Page): Promise<number> =>
  Number((await countdown(page).textContent())?.split(':')[0]);

beforeEach(async () => {
  h = await Harness.start({ startAt: new Date(2026, 10, 27, 9, 0).getTime() });
  main = await h.open('main');
  focus = await h.open('focus');
  await focus.setViewportSize({ width: 360, height: 172 });
});

afterEach(async () => {
  await h.close();
});

describe('a focus session', () => {
  it('starts with one key, pauses, finishes, keeps going, stops with a note, and is logged', async () => {
    await addTask(main, 'Draft the opening paragraph ~15m');
    await expect.poll(() => title(main).textContent()).toBe('Draft the opening paragraph');

    await main.keyboard.press('Enter');
    await expect.poll(() => h.windows.log.includes('show:focus')).toBe(true);
    // The estimate (15 min) is shorter than the default (25): the session is 15 minutes.
    await expect.poll(() => countdown(focus).textContent()).toMatch(/^14:5\d$/);
    await expect.poll(() => focus.getByText('Draft the opening paragraph').isVisible()).toBe(true);
    await expect.poll(() => h.tray.image).toEqual({ kind: 'progress', frame: 0 });
    await expect
      .poll(() => main.getByRole('button', { name: /Focusing · 15 min left/ }).isVisible())
      .toBe(true);

    await h.advance(5 * MIN);
    await expect.poll(() => minutesShown(focus)).toBe(9);

    await focus.keyboard.press(' ');
    await expect.poll(() => focus.getByRole('button', { name: 'Resume' }).isVisible()).toBe(true);
    await h.advance(30 * MIN);
    // Paused: the countdown did not move.
    await expect.poll(() => minutesShown(focus)).toBe(9);
    await focus.keyboard.press(' ');
    await expect.poll(() => focus.getByRole('button', { name: 'Pause' }).isVisible()).toBe(true);

    // Past the end: the prompt, a notification, and the session in the log.
    await h.advance(11 * MIN);
    await expect.poll(() => focus.getByText('Time’s up. Nicely done.').isVisible()).toBe(true);
    await expect.poll(() => h.notifier.titles()).toContain('Focus session done');
    await expect
      .poll(async () => (await readTable<FocusSession>(main, 'sessions')).map((s) => s.outcome))
      .toEqual(['completed']);

    // Keep going: a fresh 25 minutes.
    await focus.keyboard.press('Enter');
    await expect.poll(() => countdown(focus).textContent()).toMatch(/^24:5\d$/);
    await h.advance(3 * MIN);

    // Stop with a note: the note becomes the next step.
    await focus.keyboard.press('s');
    const note = focus.getByRole('textbox', { name: /Where did you stop/ });
    await note.fill('halfway through the second sentence');
    await note.press('Enter');
    await expect.poll(() => focus.getByText('No focus session').isVisible()).toBe(true);
    expect(h.windows.log.at(-1)).toBe('hide:focus');

    await expect.poll(() => title(main).textContent()).toBe('halfway through the second sentence');
    await expect
      .poll(() => main.getByTestId('reason').textContent())
      .toContain('Draft the opening paragraph');
    await expect
      .poll(async () => (await readTable<FocusSession>(main, 'sessions')).map((s) => s.outcome).sort())
      .toEqual(['completed', 'stopped']);
    const sessions = await readTable<FocusSession>(main, 'sessions');
    const completed = sessions.find((s) => s.outcome === 'completed')!;
    const stopped = sessions.find((s) => s.outcome === 'stopped')!;
    expect(completed.focusedMs).toBe(15 * MIN);
    expect(completed.pauses).toHaveLength(1);
    expect(completed.pauses[0]).toMatchObject({ reason: 'user' });
    expect(stopped.note).toBe('halfway through the second sentence');
    expect(Math.round(stopped.focusedMs / MIN)).toBe(3);
    // Main's outbox was emptied once the main window had written the records.
    await expect.poll(() => h.main.services.outbox.list().length).toBe(0);
  });

  it('pauses while the computer sleeps, never counts the sleep, and asks to resume', async () => {
    await addTask(main, 'Review the pull request');
    await main.keyboard.press('Enter');
    await expect.poll(() => minutesShown(focus)).toBe(24);
    await h.advance(10 * MIN);
    await expect.poll(() => minutesShown(focus)).toBe(14);

    h.power.emit('suspend');
    // Main pauses before the machine goes to sleep.
    await expect.poll(() => h.main.services.focus.phase()).toBe('paused');
    await h.advance(3 * 60 * MIN);
    h.power.emit('resume');
    await h.settle();
    await expect
      .poll(() => focus.getByText('Paused while your computer slept. Resume?').isVisible())
      .toBe(true);
    await expect.poll(() => minutesShown(focus)).toBe(14);
    await expect.poll(() => h.notifier.titles()).toContain('Focus paused while your computer slept');

    await focus.keyboard.press(' ');
    // Resumed once the focus window shows it (main has handled it and told the window).
    await expect.poll(() => focus.getByRole('button', { name: 'Pause' }).isVisible()).toBe(true);
    await h.advance(15 * MIN);
    await expect.poll(() => focus.getByText('Time’s up. Nicely done.').isVisible()).toBe(true);
    await expect.poll(async () => (await readTable<FocusSession>(main, 'sessions')).length).toBe(1);
    const [session] = await readTable<FocusSession>(main, 'sessions');
    // 25 minutes of focus, not three hours: the sleep was never counted.
    expect(session?.focusedMs).toBe(25 * MIN);
    expect(session?.outcome).toBe('completed');
    expect(session?.pauses).toHaveLength(1);
    expect(session?.pauses[0]).toMatchObject({ reason: 'suspend' });
    expect(session!.pauses[0]!.resumedAt! - session!.pauses[0]!.at).toBeGreaterThanOrEqual(3 * 60 * MIN);
  });

  it('runs "just two minutes" and offers to make the task smaller at the end', async () => {
    await addTask(main, 'Write the report');
    await main.keyboard.press('2');
    await expect.poll(() => countdown(focus).textContent()).toMatch(/^[12]:\d\d$/);
    await h.advance(2 * MIN + 1000);
    await expect.poll(() => focus.getByText('Two minutes done. Momentum!').isVisible()).toBe(true);
    await focus.keyboard.press('m');
    // Main shows the main window with Break down open for that task.
    await expect.poll(() => h.windows.log.includes('show:main')).toBe(true);
    await expect
      .poll(() => main.getByRole('textbox', { name: 'Break “Write the report” into steps' }).isVisible())
      .toBe(true);
  });

  it('is started and paused from anywhere with the global shortcut and the tray', async () => {
    await addTask(main, 'Call the bank ~10m');
    await expect.poll(() => h.tray.labels()[0]).toBe('Next: Call the bank');
    h.shortcuts.press('CommandOrControl+Alt+Shift+F');
    await h.settle();
    await expect.poll(() => countdown(focus).textContent()).toMatch(/^(9|10):\d\d$/);
    await expect.poll(() => h.tray.labels()).toContain('Pause focus');
    h.tray.choose('pauseFocus');
    await h.settle();
    await expect.poll(() => focus.getByRole('button', { name: 'Resume' }).isVisible()).toBe(true);
    h.shortcuts.press('CommandOrControl+Alt+Shift+F');
    await h.settle();
    await expect.poll(() => focus.getByRole('button', { name: 'Pause' }).isVisible()).toBe(true);
  });
});
