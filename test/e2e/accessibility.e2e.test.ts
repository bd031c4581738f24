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
  const found = result.violations.flatMap((v) =>
    v.nodes.map(
      (n) => `${state}: ${v.id} — ${n.target.join(' ')} (${n.failureSummary?.split('\n')[1]?.trim() ?? ''})`,
    ),
  );
  const headings = await page.locator('h1').count();
  if (headings !== 1) found.push(`${state}: ${headings} level-one headings, not one`);
  // ARIA key names ("Escape", "Space", "Backspace"), never a symbol or a blank.
  const keys = await page
    .locator('[aria-keyshortcuts]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-keyshortcuts') ?? ''));
  for (const k of keys) {
    if (!/^([A-Z][a-z]+\+)*([A-Za-z0-9,=]|[A-Z][A-Za-z]+)$/.test(k))
      found.push(`${state}: aria-keyshortcuts "${k}"`);
  }
  return found;
}

const focused = (page: Page) =>
  page.evaluate(
    () => `${document.activeElement?.tagName ?? ''} ${document.activeElement?.textContent ?? ''}`,
  );

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

    await main.keyboard.press('e');
    await main.getByRole('textbox', { name: 'Edit the title' }).waitFor();
    found.push(...(await audit(main, 'edit the title')));
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

describe('screen readers and keyboards', () => {
  it('names actions without their key, announces only the next action, and puts focus on each screen’s heading', async () => {
    h = await Harness.start({ startAt: new Date(2026, 10, 27, 16, 0).getTime() });
    const main = await h.open('main');
    await addTask(main, 'Draft the intro ~10m');
    await expect.poll(() => main.locator('[aria-live]').count()).toBe(1);
    await expect.poll(() => main.locator('[aria-live]').textContent()).toBe('Draft the intro. Small: 10 min');
    const keyOf = (page: Page, name: string) =>
      page.getByRole('button', { name, exact: true }).getAttribute('aria-keyshortcuts');
    expect(await keyOf(main, 'Done')).toBe('D');

    await main.keyboard.press('h');
    await expect.poll(() => focused(main)).toBe('H1 History');
    expect(await keyOf(main, 'Back')).toBe('Escape');
    expect(await keyOf(main, '7 days')).toBe('7');
    await main.keyboard.press('Escape');
    await main.keyboard.press(',');
    await expect.poll(() => focused(main)).toBe('H1 Settings');
    await main.keyboard.press('Escape');

    const focus = await h.open('focus');
    await main.bringToFront();
    await main.keyboard.press('Enter');
    await focus.getByTestId('countdown').waitFor();
    expect(await keyOf(focus, 'Pause')).toBe('Space');
    await h.advance(10 * MIN + 1000);
    await focus.getByText('Time’s up. Nicely done.').waitFor();
    await expect.poll(() => focused(focus)).toBe('H1 Draft the intro');

    const reflection = await h.open('reflection');
    await reflection.getByRole('button', { name: 'Begin — three short questions' }).waitFor();
    await expect.poll(() => focused(reflection)).toBe('H1 Friday, November 27');
    for (let i = 0; i < 3; i++) await reflection.keyboard.press('Enter');
    await reflection.keyboard.type('Open the chart template');
    await reflection.keyboard.press('Enter');
    await expect.poll(() => focused(reflection)).toBe('P Tomorrow starts with Open the chart template');
    expect(await keyOf(reflection, 'Back')).toBe('Backspace');
  });

  it('respects reduced motion', async () => {
    h = await Harness.start({ startAt: new Date(2026, 10, 27, 16, 0).getTime() });
    const main = await h.open('main');
    await addTask(main, 'Draft the intro');
    await main.emulateMedia({ reducedMotion: 'reduce' });
    await main.keyboard.press('b');
    const panel = main.locator('.panel.fade-in');
    await panel.waitFor();
    expect(await panel.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
    // Transitions too (the OS asks for less motion, so there is none).
    const field = panel.locator('.field').first();
    expect(await field.evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0s');
  });

  it('text follows the default font size (Electron’s defaultFontSize), and the window still fits', async () => {
    /** The next action's text sizes (px) at a default font size, and what sticks out of the window. */
    const measure = async (defaultFontSize?: number) => {
      const harness = await Harness.start({
        startAt: new Date(2026, 10, 27, 16, 0).getTime(),
        ...(defaultFontSize === undefined ? {} : { defaultFontSize }),
      });
      h = harness;
      const main = await harness.open('main');
      await addTask(main, 'Call Sam about the quarterly budget ~15m #work');
      await main.getByRole('button', { name: /Start/ }).first().waitFor();
      const sizes = await main.evaluate(() => {
        const px = (el: Element | null) => (el ? parseFloat(getComputedStyle(el).fontSize) : NaN);
        return {
          title: px(document.querySelector('[data-testid="next-action-title"]')),
          reason: px(document.querySelector('[data-testid="reason"]')),
          meta: px(document.querySelector('.card .meta')),
          key: px(document.querySelector('.action kbd')),
          label: px(document.querySelector('.action span')),
        };
      });
      const overflow = await main.evaluate(() =>
        [...document.querySelectorAll('#root *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
          .map((el) => `${el.tagName} ${el.className} ${el.textContent?.slice(0, 30)}`),
      );
      h = undefined;
      await harness.close();
      return { sizes, overflow };
    };
    const normal = await measure();
    expect(normal.sizes.title).toBeGreaterThan(normal.sizes.reason);
    const large = await measure(20);
    for (const key of Object.keys(normal.sizes) as (keyof typeof normal.sizes)[]) {
      expect([key, large.sizes[key] / normal.sizes[key]]).toEqual([key, expect.closeTo(1.25, 2)]);
    }
    expect(large.overflow).toEqual([]);
    expect(normal.overflow).toEqual([]);
  });
});
