/**
 * The main window's first frame: the boot script paints the next action with the plain DOM
 * before React has loaded (renderer/windows/main/shell.ts), and React then takes over with the very same
 * markup, so nothing moves or flickers, and the keys work once it has.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness } from './harness/harness';
import { addTask, title } from './helpers';

declare global {
  interface Window {
    /**
     * #root's markup when the title first appeared, whether React had mounted by then, and
     * whether the boot script's IndexedDB open had been answered.
     */
    __firstFrame?: { markup: string; reactMounted: boolean; title: Element; dbAnswered: boolean };
    /** Set when the held-back IndexedDB open (holdFirstOpen) is answered. */
    __bootDbAnswered?: boolean;
    /** Title elements put in before React mounted: the boot script's paints (holdFirstOpen). */
    __bootPaints?: number;
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
async function reloadNotingFirstFrame(
  page: Page,
): Promise<{ markup: string; reactMounted: boolean; dbAnswered: boolean }> {
  await reloadWatching(page);
  await expect.poll(() => page.evaluate(() => window.__firstFrame !== undefined)).toBe(true);
  return page.evaluate(() => ({
    markup: window.__firstFrame!.markup,
    reactMounted: window.__firstFrame!.reactMounted,
    dbAnswered: window.__firstFrame!.dbAnswered,
  }));
}

/**
 * From the next load on, the page's first IndexedDB open (the boot script's) is answered 400 ms
 * late, so what the boot script paints before IndexedDB answers can be seen; and the boot
 * script's paints are counted.
 */
async function holdFirstOpen(page: Page): Promise<void> {
  await page.addInitScript(() => {
    let last: Element | null = null;
    const paints = new MutationObserver(() => {
      const root = document.getElementById('root');
      if (root && Object.keys(root).some((key) => key.startsWith('__reactContainer'))) {
        paints.disconnect();
        return;
      }
      const shown = document.querySelector('[data-testid="next-action-title"]');
      if (shown && shown !== last) window.__bootPaints = (window.__bootPaints ?? 0) + 1;
      last = shown;
    });
    paints.observe(document, { childList: true, subtree: true });

    const open = IDBFactory.prototype.open;
    let held = false;
    IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
      const request = open.apply(this, args);
      if (held) return request;
      held = true;
      let handler: ((this: IDBRequest, event: Event) => unknown) | null = null;
      Object.defineProperty(request, 'onsuccess', {
        configurable: true,
        get: () => handler,
        set: (value: typeof handler) => (handler = value),
      });
      request.addEventListener('success', (event) => {
        setTimeout(() => {
          window.__bootDbAnswered = true;
          handler?.call(request, event);
        }, 400);
      });
      return request;
    };
  });
}

async function reloadWatching(page: Page, waitUntil: 'load' | 'commit' = 'load'): Promise<void> {
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
        dbAnswered: window.__bootDbAnswered === true,
      };
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  await page.reload({ waitUntil });
}

/**
 * Reloads with the app's chunk held back, and resolves once the boot script's frame shows the
 * title (React not mounted): keys pressed now reach the page before the app does. Call the
 * returned function to let the app load.
 */
async function reloadOnBootFrame(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/app-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await reloadWatching(page, 'commit');
  await expect.poll(() => page.evaluate(() => window.__firstFrame !== undefined)).toBe(true);
  expect(await page.evaluate(() => window.__firstFrame!.reactMounted)).toBe(false);
  return release;
}

/** How many times the boot script painted the next action in this load (see holdFirstOpen). */
const bootPaints = (page: Page): Promise<number> => page.evaluate(() => window.__bootPaints ?? 0);

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

/**
 * Adds a top task and `second`, and does the first: the main window shows `second`. Done writes
 * the front (adds keep one), and the pick after it leaves its copy in localStorage.
 */
async function showingWithCopy(second: string): Promise<void> {
  await addTask(main, 'Water the plants !1 ~5m');
  await addTask(main, `${second} !2`);
  await main.keyboard.press('d');
  await expect.poll(() => title(main).textContent()).toBe(second);
  await expect
    .poll(() => main.evaluate(() => localStorage.getItem('kinetic:pickSnapshot:kinetic') !== null))
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

  it('is painted from the copy of the front before IndexedDB answers, and stays when it was right', async () => {
    await addTask(main, 'Call Sam about the lease tomorrow 5pm ~15m #home #calls');
    await showingWithCopy('Book the dentist');

    await holdFirstOpen(main);
    const first = await reloadNotingFirstFrame(main);
    expect(first).toMatchObject({ reactMounted: false, dbAnswered: false });
    expect(first.markup).toContain('Book the dentist');
    await expect.poll(() => main.evaluate(() => window.__bootDbAnswered)).toBe(true);
    await reactTookOver(main);
    // IndexedDB gave the same action: the boot script painted once, and React took over.
    expect(await bootPaints(main)).toBe(1);
    expect(await main.locator('#root').innerHTML()).toBe(first.markup);
  });

  it('is repainted when the copy of the front was out of date', async () => {
    await showingWithCopy('Book the dentist');
    // As if the app had quit after a write that no pick read: an older copy, of an older row
    // (another stamp), with another title.
    await main.evaluate(() => {
      const key = 'kinetic:pickSnapshot:kinetic';
      const copy = JSON.parse(localStorage.getItem(key)!.replaceAll('Book the dentist', 'An old copy')) as {
        stamp: string;
      };
      localStorage.setItem(key, JSON.stringify({ ...copy, stamp: `${copy.stamp}-older` }));
    });

    await holdFirstOpen(main);
    const first = await reloadNotingFirstFrame(main);
    expect(first).toMatchObject({ reactMounted: false, dbAnswered: false });
    expect(first.markup).toContain('An old copy');
    // Repainted from IndexedDB before React loads (React waits for the boot script), then React.
    await expect.poll(() => title(main).textContent()).toBe('Book the dentist');
    await expect.poll(() => bootPaints(main)).toBe(2);
    await expect
      .poll(() =>
        main.evaluate(() =>
          Object.keys(document.getElementById('root')!).some((key) => key.startsWith('__reactContainer')),
        ),
      )
      .toBe(true);
    await expect.poll(() => title(main).textContent()).toBe('Book the dentist');
    expect(await main.locator('#root').innerHTML()).toBe(
      first.markup.replaceAll('An old copy', 'Book the dentist'),
    );
    // The pick replaced the older copy.
    await expect
      .poll(() =>
        main.evaluate(() => localStorage.getItem('kinetic:pickSnapshot:kinetic')?.includes('An old copy')),
      )
      .toBe(false);
  });

  it('keeps the keys pressed on it before React has loaded, and acts on them once it has', async () => {
    await addTask(main, 'Water the plants !1 ~5m');
    await expect.poll(() => title(main).textContent()).toBe('Water the plants');
    const release = await reloadOnBootFrame(main);
    await main.keyboard.press('h');
    release();
    await expect.poll(() => main.getByRole('heading', { name: 'History', level: 1 }).isVisible()).toBe(true);
  });

  it('E pressed on it opens the title to edit, and what is typed next goes into the field, not to the keys', async () => {
    await addTask(main, 'Water the plants !1 ~5m');
    await expect.poll(() => title(main).textContent()).toBe('Water the plants');
    const release = await reloadOnBootFrame(main);
    // "d" and "n" are Done and Not now on the card: typed into the field, they are letters.
    await main.keyboard.type('eWater and feed the plants');
    release();
    const field = main.getByRole('textbox', { name: 'Edit the title' });
    await expect.poll(() => field.inputValue()).toBe('Water and feed the plants');
    await main.keyboard.press('Enter');
    await expect.poll(() => title(main).textContent()).toBe('Water and feed the plants');
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
