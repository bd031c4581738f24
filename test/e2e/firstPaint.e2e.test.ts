/**
 * The main window's first frame: the boot script paints the next action with the plain DOM
 * before React has loaded (renderer/main/shell.ts), and React then takes over with the very same
 * markup, so nothing moves or flickers, and the keys work once it has.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness } from './harness/harness';
import { addTask, title } from './helpers';

declare global {
  interface Window {
    /** #root's markup when the title first appeared, and whether React had mounted by then. */
    __firstFrame?: { markup: string; reactMounted: boolean; title: Element };
  }
}

let h: Harness;
let main: Page;

beforeEach(async () => {
  h = await Harness.start({ startAt: new Date(2026, 10, 25, 10, 0).getTime() }); // a Wednesday
  main = await h.open('main');
});

afterEach(async () => {
  await h.close();
});

/** Reloads the main window, noting #root as it is when the next action's title first appears. */
async function reloadNotingFirstFrame(page: Page): Promise<{ markup: string; reactMounted: boolean }> {
  await reloadWatching(page);
  await expect.poll(() => page.evaluate(() => window.__firstFrame !== undefined)).toBe(true);
  return page.evaluate(() => ({
    markup: window.__firstFrame!.markup,
    reactMounted: window.__firstFrame!.reactMounted,
  }));
}

async function reloadWatching(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      const root = document.getElementById('root');
      const shown = document.querySelector('[data-testid="next-action-title"]');
      if (!root || !shown) return;
      observer.disconnect();
      window.__firstFrame = {
        markup: root.innerHTML,
        // createRoot marks its container: set means React rendered this frame, not the boot script.
        reactMounted: Object.keys(root).some((key) => key.startsWith('__reactContainer')),
        title: shown,
      };
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  await page.reload();
}

/** Resolves once React has replaced the boot script's title element with its own. */
async function reactTookOver(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const shown = document.querySelector('[data-testid="next-action-title"]');
        return shown !== null && shown !== window.__firstFrame?.title;
      }),
    )
    .toBe(true);
}

describe('the first frame', () => {
  it('is painted before React loads, with the markup React then renders', async () => {
    await addTask(main, 'Call Sam about the lease tomorrow 5pm ~15m #home #calls');
    await addTask(main, 'Water the plants !1 ~5m');
    await expect.poll(() => title(main).textContent()).toBe('Water the plants');

    const first = await reloadNotingFirstFrame(main);
    expect(first.reactMounted).toBe(false);
    expect(first.markup).toContain('Water the plants');
    await reactTookOver(main);
    expect(await main.locator('#root').innerHTML()).toBe(first.markup);

    // React has the keys: Done moves on to the next action, which React paints the same way.
    await main.keyboard.press('d');
    await expect.poll(() => title(main).textContent()).toBe('Call Sam about the lease');
    const second = await reloadNotingFirstFrame(main);
    expect(second.reactMounted).toBe(false);
    expect(second.markup).toContain(
      '<p class="meta"><span>15 min</span><span>#home</span><span>#calls</span></p>',
    );
    await reactTookOver(main);
    expect(await main.locator('#root').innerHTML()).toBe(second.markup);
  });

  it('leaves an empty list to React', async () => {
    await reloadWatching(main);
    await expect
      .poll(() => main.getByRole('textbox', { name: 'What’s one small thing you could start?' }).isVisible())
      .toBe(true);
    // Nothing was painted before React: no title ever appeared.
    expect(await main.evaluate(() => window.__firstFrame)).toBeUndefined();
  });
});
