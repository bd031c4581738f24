import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness, bundleForPage } from './harness/harness';
import { addTask } from './helpers';
import type { DemoData } from '../../scripts/demo/demoData';
import type { FocusSession } from '../../shared/types';

const MIN = 60_000;
const START = new Date(2026, 10, 27, 9, 0).getTime();
let h: Harness;
let main: Page;
let focus: Page;

beforeEach(async () => {
  h = await Harness.start({ startAt: START });
  main = await h.open('main');
  focus = await h.open('focus');
  await focus.setViewportSize({ width: 360, height: 172 });
});

afterEach(async () => {
  await h.close();
});

/** Completed sessions on the days before, each focused for `minutes`. */
async function seedSessions(minutes: number[]): Promise<void> {
  const sessions: FocusSession[] = minutes.map((m, i) => ({
    id: `s${i}`,
    taskId: 'gone',
    title: 'Earlier work',
    startedAt: START - (i + 1) * 24 * 60 * MIN,
    endedAt: START - (i + 1) * 24 * 60 * MIN + m * MIN,
    plannedMs: m * MIN,
    focusedMs: m * MIN,
    outcome: 'completed',
    pauses: [],
    note: null,
  }));
  const data: DemoData = { tasks: [], sessions, reflections: [] };
  await main.evaluate(await bundleForPage('scripts/demo/seedPage.ts'));
  await main.evaluate(
    (d) => (window as unknown as { __seedDemo: (d: DemoData) => Promise<number> }).__seedDemo(d),
    data,
  );
  await main.reload();
}

const suggestion = (page: Page) => page.getByTestId('focus-length-suggestion');

describe('the focus-length suggestion', () => {
  it('is offered at the end of a session when sessions run short, and L makes it the default', async () => {
    await seedSessions([10, 10, 11]);
    await addTask(main, 'Write the report');
    await main.bringToFront();
    await main.keyboard.press('Enter');
    await expect.poll(() => focus.getByTestId('countdown').textContent()).toMatch(/^24:5\d$/);
    await h.advance(25 * MIN);
    await expect.poll(() => focus.getByText('Time’s up. Nicely done.').isVisible()).toBe(true);
    // 10, 10, 11 and this 25: the median is 10.5, under two thirds of 25.
    await expect
      .poll(() => suggestion(focus).getAttribute('aria-label'))
      .toBe('Your sessions usually last about 10 min. Make 10 min the default?');
    await expect
      .poll(() => suggestion(focus).getByRole('button', { name: 'Use 10 min' }).isVisible())
      .toBe(true);
    await focus.keyboard.press('l');
    await expect.poll(() => h.main.services.settings.get().focusMinutes).toBe(10);
    expect(h.main.services.settings.get().focusLengthSuggested).toBe(true);
    await expect.poll(() => suggestion(focus).count()).toBe(0);
  });

  it('is offered in settings too; X dismisses it for good', async () => {
    await seedSessions([12, 8, 15, 9]);
    // With a task shown, keys go to the main window (not the empty state's input).
    await addTask(main, 'Write the report');
    await main.keyboard.press(',');
    await expect
      .poll(() => suggestion(main).getByRole('button').first().textContent())
      .toContain('Use 10 min');
    await main.keyboard.press('x');
    await expect.poll(() => h.main.services.settings.get().focusLengthSuggested).toBe(true);
    expect(h.main.services.settings.get().focusMinutes).toBe(25);
    await expect.poll(() => suggestion(main).count()).toBe(0);
    await main.keyboard.press('Escape');
    await main.keyboard.press(',');
    await main.getByRole('group', { name: 'Settings' }).waitFor();
    expect(await suggestion(main).count()).toBe(0);
  });

  it('is not offered when sessions mostly run their length', async () => {
    await seedSessions([20, 25, 17]);
    await addTask(main, 'Write the report');
    await main.keyboard.press(',');
    await main.getByTestId('focus-length-checked').waitFor({ state: 'attached' });
    expect(await suggestion(main).count()).toBe(0);
  });
});
