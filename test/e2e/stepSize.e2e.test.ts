import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness, bundleForPage } from './harness/harness';
import { addTask, title } from './helpers';
import type { DemoData } from '../../scripts/demo/demoData';
import { openTask } from '../../shared/types';

const MIN = 60_000;
const START = new Date(2026, 10, 27, 9, 0).getTime();
let h: Harness;
let main: Page;
let focus: Page;

beforeEach(async () => {
  h = await Harness.start({ startAt: START });
  main = await h.open('main');
  focus = await h.open('focus');
});

afterEach(async () => {
  await h.close();
});

/** The labels of the first row of actions under the next action, in order. */
const firstRow = (): Promise<string[]> =>
  main
    .locator('.actions .row')
    .first()
    .getByRole('button')
    // Each button's accessible name: its label, without the key shown beside it.
    .evaluateAll((buttons) => buttons.map((b) => b.querySelector('span')?.textContent ?? ''));

async function startAndStopAfter(minutes: number): Promise<void> {
  await main.bringToFront();
  await main.keyboard.press('Enter');
  await expect.poll(() => focus.getByTestId('countdown').isVisible()).toBe(true);
  await h.advance(minutes * MIN);
  await focus.keyboard.press('s');
  await focus.getByRole('textbox', { name: /Where did you stop/ }).press('Enter');
  await expect.poll(() => focus.getByText('No focus session').isVisible()).toBe(true);
}

describe('step sizes fitted to the person', () => {
  it('offers "Make the first step smaller" first after two stops under 5 minutes', async () => {
    await addTask(main, 'Write the report');
    await expect.poll(firstRow).toEqual(['Start focus', 'Just 2 minutes']);

    await startAndStopAfter(2);
    await expect.poll(() => title(main).textContent()).toBe('Write the report');
    // One early stop is not yet a pattern.
    await expect.poll(firstRow).toEqual(['Start focus', 'Just 2 minutes']);

    await startAndStopAfter(3);
    await expect.poll(firstRow).toEqual(['Make the first step smaller', 'Start focus', 'Just 2 minutes']);
    await expect.poll(() => main.getByRole('button', { name: 'Tiny first step' }).count()).toBe(0);
    // Its key opens the first-step panel.
    await main.keyboard.press('t');
    await expect.poll(() => main.getByRole('textbox').first().isVisible()).toBe(true);
  });

  it('does not count a stop after 5 minutes', async () => {
    await addTask(main, 'Write the report');
    await startAndStopAfter(2);
    await startAndStopAfter(6);
    await expect.poll(() => title(main).textContent()).toBe('Write the report');
    await expect.poll(firstRow).toEqual(['Start focus', 'Just 2 minutes']);
  });

  it('offers it first for a task set aside as too big', async () => {
    const data: DemoData = {
      tasks: [
        openTask('rust', 'Learn the basics of Rust', START - 2 * 24 * 60 * MIN, {
          skipCount: 2,
          skipReasons: [
            { at: START - 26 * 60 * MIN, reason: null },
            { at: START - 25 * 60 * MIN, reason: 'too-big' },
          ],
        }),
      ],
      sessions: [],
      reflections: [],
    };
    await main.evaluate(await bundleForPage('scripts/demo/seedPage.ts'));
    await main.evaluate(
      (d) => (window as unknown as { __seedDemo: (d: DemoData) => Promise<number> }).__seedDemo(d),
      data,
    );
    await main.reload();
    await expect.poll(() => title(main).textContent()).toBe('Learn the basics of Rust');
    await expect.poll(firstRow).toEqual(['Make the first step smaller', 'Start focus', 'Just 2 minutes']);
  });
});
