import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness } from './harness/harness';
import { addTask, title } from './helpers';

const MIN = 60_000;
let h: Harness;
let main: Page;

beforeEach(async () => {
  // Friday 27 November 2026, 16:00.
  h = await Harness.start({ startAt: new Date(2026, 10, 27, 16, 0).getTime() });
  main = await h.open('main');
});

afterEach(async () => {
  await h.close();
});

describe('the end-of-day reflection', () => {
  it('closes the day by keyboard and makes its third answer the next morning’s next action', async () => {
    // A day's work: one task done in a focus session, one done directly, one set aside twice.
    await addTask(main, 'Draft the opening paragraph ~15m');
    await addTask(main, 'Reply to Ana');
    await addTask(main, 'Learn the basics of Rust');
    const focus = await h.open('focus');
    await main.bringToFront();
    await main.keyboard.press('Enter');
    await expect.poll(() => focus.getByTestId('countdown').textContent()).toMatch(/^14:5\d$/);
    await h.advance(15 * MIN + 1000);
    await expect.poll(() => focus.getByText('Time’s up. Nicely done.').isVisible()).toBe(true);
    await focus.keyboard.press('d');
    await expect.poll(() => title(main).textContent()).toBe('Reply to Ana');
    await main.keyboard.press('d');
    await expect.poll(() => title(main).textContent()).toBe('Learn the basics of Rust');
    await main.keyboard.press('n');
    await h.advance(3 * 60 * MIN + MIN); // back after "not now"… at 19:17, past the reflection time

    // 17:30 came and went: the invitation was sent once.
    await expect.poll(() => h.notifier.titles().filter((t) => t === 'Time to close the day').length).toBe(1);

    await expect.poll(() => title(main).textContent()).toBe('Learn the basics of Rust');
    await main.keyboard.press('n');
    await expect.poll(() => main.getByText('What’s in the way?').isVisible()).toBe(true);
    await main.keyboard.press('1');
    const smaller = main.getByRole('textbox', { name: 'What’s a two-minute version of it?' });
    await smaller.fill('Install rustup');
    await smaller.press('Enter');
    await expect.poll(() => title(main).textContent()).toBe('Install rustup');

    // R opens the reflection window.
    await main.keyboard.press('r');
    await expect.poll(() => h.windows.log.includes('show:reflection')).toBe(true);
    const reflection = await h.open('reflection');
    await reflection.setViewportSize({ width: 580, height: 700 });
    await expect.poll(() => reflection.getByTestId('done-count').textContent()).toBe('2');
    await expect.poll(() => reflection.getByTestId('focus-minutes').textContent()).toBe('15 min');
    // One focus session, started at 16:00.
    await expect
      .poll(() => reflection.getByTestId('starts-today').textContent())
      .toBe('1 start, the first at 4 pm');
    await expect
      .poll(() => reflection.getByRole('list', { name: 'Set aside today' }).textContent())
      .toBe('Learn the basics of Rust — too big');

    await reflection.keyboard.press('Enter');
    await reflection.keyboard.type('The opening paragraph is written.');
    await reflection.keyboard.press('Enter');
    await reflection.keyboard.press('Enter'); // skip "what got in the way"
    await reflection.keyboard.type('Open the chart template');
    await reflection.keyboard.press('Enter');
    await expect.poll(() => reflection.getByText('Tomorrow starts with').isVisible()).toBe(true);
    await expect.poll(() => reflection.getByRole('checkbox').isChecked()).toBe(true);
    await reflection.keyboard.press('Enter');
    await expect
      .poll(() => reflection.getByText('Saved. Tomorrow’s first step is ready.').isVisible())
      .toBe(true);
    await reflection.keyboard.press('Enter');
    await expect.poll(() => h.windows.log.at(-1)).toBe('hide:reflection');
    expect(h.main.services.reflection.state().lastReflectedDay).toBe('2026-11-27');
    // Today's first action is unchanged; the step waits for tomorrow.
    await expect.poll(() => title(main).textContent()).toBe('Install rustup');

    // The next morning, 8:30: the laptop wakes up.
    await h.advance(13 * 60 * MIN + 13 * MIN);
    await expect.poll(() => title(main).textContent()).toBe('Open the chart template');
    await expect.poll(() => main.getByTestId('reason').textContent()).toBe('Your first tiny step for today');
    h.power.emit('resume');
    await h.settle();
    await expect.poll(() => h.windows.log.at(-1)).toBe('show:main');
    await expect.poll(() => main.getByText('Good morning.', { exact: false }).isVisible()).toBe(true);
    expect(h.notifier.titles()).toContain('Your first tiny step');
    // One key to start it.
    await main.keyboard.press('2');
    await expect.poll(() => h.main.services.focus.snapshot().task?.title).toBe('Open the chart template');

    // History shows yesterday with its numbers and the reflection.
    await main.keyboard.press('h');
    const entry = main.getByTestId('reflection-2026-11-27');
    await expect
      .poll(() => entry.locator('h3').textContent())
      .toBe('Friday, Nov 27' + '2 done · 15 min focus');
    await expect.poll(() => entry.textContent()).toContain('The opening paragraph is written.');
    await expect
      .poll(() => main.getByRole('img', { name: /^Focus minutes:/ }).getAttribute('aria-label'))
      .toBe('Focus minutes: 15 min in 7 days');
    await expect
      .poll(() => main.getByRole('img', { name: /^Tasks done:/ }).getAttribute('aria-label'))
      .toBe('Tasks done: 2 done in 7 days');
    await expect
      .poll(() => main.getByTestId('streak').textContent())
      .toBe('1-day streak of reflecting or focusing');

    // W exports the week as Markdown through main's save dialog.
    await main.keyboard.press('w');
    await expect.poll(() => h.dialog.written.size).toBe(1);
    const markdown = [...h.dialog.written.values()][0]!;
    expect(markdown).toContain('## Friday, November 27, 2026');
    expect(markdown).toContain('- 2 done · 15 focus minutes · 1 focus session\n- 1 start, the first at 4 pm');
    expect(markdown).toContain('- [x] Draft the opening paragraph');
    expect(markdown).toContain('**What moved**\n\nThe opening paragraph is written.');
    expect(markdown).toContain('**Tomorrow’s first tiny step**\n\nOpen the chart template');
    await expect
      .poll(() => main.getByRole('status').last().textContent())
      .toBe('Saved to /tmp/kinetic-export.md');
  });

  it('is never offered twice a day, and not at all after the user reflected', async () => {
    await h.advance(60 * MIN + 31 * MIN); // 17:31
    await expect.poll(() => h.notifier.titles().filter((t) => t === 'Time to close the day').length).toBe(1);
    h.power.emit('suspend');
    h.power.emit('resume');
    await h.advance(60 * MIN);
    expect(h.notifier.titles().filter((t) => t === 'Time to close the day')).toHaveLength(1);

    // The next day the user reflects before 17:30: no invitation that evening.
    await h.advance(22 * 60 * MIN); // Saturday 16:31
    const reflection = await h.open('reflection');
    await reflection.getByRole('button', { name: 'Begin — three short questions' }).waitFor();
    // Skipping every question is fine: five Enters close the day.
    for (let i = 0; i < 5; i++) await reflection.keyboard.press('Enter');
    await expect.poll(() => reflection.getByText('Saved. See you tomorrow.').isVisible()).toBe(true);
    await h.advance(2 * 60 * MIN); // 18:31
    expect(h.notifier.titles().filter((t) => t === 'Time to close the day')).toHaveLength(1);
  });
});
