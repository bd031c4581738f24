/**
 * axe-core on every window in every state, in the light and the dark theme: no violations
 * (WCAG 2.1 A and AA, and axe's best practices: one main landmark, one level-1 heading…).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness } from './harness/harness';
import { addTask, title } from './helpers';

const MIN = 60_000;
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Every violation on the page now, as "state: rule — target (summary)" lines. */
async function audit(page: Page, state: string): Promise<string[]> {
  // Let fade-ins finish: axe measures the colours on screen.
  await page.waitForTimeout(50);
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))),
  );
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map(
      (n) => `${state}: ${v.id} — ${n.target.join(' ')} (${n.failureSummary?.split('\n')[1]?.trim() ?? ''})`,
    ),
  );
}

describe.each(['light', 'dark'] as const)('axe in the %s theme', (colorScheme) => {
  it('finds nothing on the main window, in each of its states', async () => {
    h = await Harness.start({ startAt: new Date(2026, 10, 27, 10, 0).getTime(), colorScheme });
    const main = await h.open('main');
    const found: string[] = [];
    await expect.poll(() => main.getByText('Nothing waiting. A clean start.').isVisible()).toBe(true);
    found.push(...(await audit(main, 'empty')));
    await addTask(main, 'Learn Rust ~30m #code');
    await expect.poll(() => title(main).textContent()).toBe('Learn Rust');
    found.push(...(await audit(main, 'next action')));

    await main.keyboard.press('b');
    await main.getByRole('textbox', { name: 'Break “Learn Rust” into steps' }).waitFor();
    found.push(...(await audit(main, 'break down')));
    await main.keyboard.press('Escape');

    await main.keyboard.press('a');
    await main.getByRole('textbox', { name: 'New task' }).waitFor();
    found.push(...(await audit(main, 'add')));
    await main.keyboard.press('Escape');

    await main.keyboard.press('n');
    await h.advance(3 * 60 * MIN + MIN);
    await expect.poll(() => title(main).textContent()).toBe('Learn Rust');
    await main.keyboard.press('n');
    await main.getByText('What’s in the way?').waitFor();
    found.push(...(await audit(main, 'what’s in the way')));
    await main.keyboard.press('Escape');

    await main.keyboard.press('h');
    await main.getByRole('heading', { name: 'History', level: 1 }).waitFor();
    found.push(...(await audit(main, 'history')));
    await main.keyboard.press('Escape');

    await main.keyboard.press(',');
    await main.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    found.push(...(await audit(main, 'settings')));
    expect(found).toEqual([]);
  });

  it('finds nothing on the quick-add, focus and reflection windows, in each of their states', async () => {
    h = await Harness.start({ startAt: new Date(2026, 10, 27, 16, 0).getTime(), colorScheme });
    const main = await h.open('main');
    const found: string[] = [];
    const qa = await h.open('quickAdd');
    await qa.setViewportSize({ width: 620, height: 172 });
    await qa.getByRole('textbox', { name: 'New task' }).fill('call Sam tomorrow 5pm ~15m #work !1');
    await qa.getByTestId('chips').locator('[data-chip="due"]').waitFor();
    found.push(...(await audit(qa, 'quick-add')));

    await addTask(main, 'Draft the intro ~10m');
    const focus = await h.open('focus');
    await focus.setViewportSize({ width: 360, height: 172 });
    found.push(...(await audit(focus, 'focus idle')));
    await main.bringToFront();
    await main.keyboard.press('Enter');
    await focus.getByTestId('countdown').waitFor();
    found.push(...(await audit(focus, 'focus running')));
    await h.advance(10 * MIN + 1000);
    await focus.getByText('Time’s up. Nicely done.').waitFor();
    found.push(...(await audit(focus, 'focus finished')));

    const reflection = await h.open('reflection');
    await reflection.setViewportSize({ width: 580, height: 700 });
    await reflection.getByRole('button', { name: 'Begin — three short questions' }).waitFor();
    found.push(...(await audit(reflection, 'reflection summary')));
    for (const question of [
      'What moved today?',
      'What got in the way?',
      'What is tomorrow’s first tiny step?',
    ]) {
      await reflection.keyboard.press('Enter');
      await reflection.getByRole('textbox', { name: question }).waitFor();
      await reflection.keyboard.type('Something');
      found.push(...(await audit(reflection, question)));
    }
    await reflection.keyboard.press('Enter');
    await reflection.getByText('Tomorrow starts with').waitFor();
    found.push(...(await audit(reflection, 'reflection confirm')));
    await reflection.keyboard.press('Enter');
    await reflection.getByText('Saved. Tomorrow’s first step is ready.').waitFor();
    found.push(...(await audit(reflection, 'reflection saved')));
    expect(found).toEqual([]);
  });
});
