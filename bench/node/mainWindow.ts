/** The main window at 10k tasks: reloads timed from navigation start, and the heap once settled. */
import type { BrowserContext } from 'playwright-core';
import { LOADED_MESSAGE } from './app';
import { log } from './log';
import { PAINT } from './plan';

/** Per load, ms since navigation start. */
export interface LoadTimes {
  /** The last initial script received. */
  scriptsLoaded: number;
  domContentLoaded: number;
  dbOpen: number;
  dbReady: number;
  firstContentfulPaint: number;
  titlePainted: number;
  /** React mounted with the title. */
  appReady: number;
}

export interface MainWindowFigures {
  loads: LoadTimes[];
  heapMB: number;
}

export async function measureMainWindow(
  context: BrowserContext,
  url: string,
  expectedTitle: string | null,
): Promise<MainWindowFigures> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  const figures: MainWindowFigures = { loads: [], heapMB: 0 };
  for (let i = 0; i < PAINT.warmup + PAINT.loads; i++) {
    if (i > 0) await page.waitForTimeout(PAINT.settleMs);
    // Nothing is sent to the page until its probe says the title is painted and the app is up:
    // an evaluate sent when navigation resolves (at the load event) runs while the page opens
    // IndexedDB and paints, and delays the paint it measures.
    const loaded = page.waitForEvent('console', {
      predicate: (message) => message.text() === LOADED_MESSAGE,
      timeout: 20_000,
    });
    loaded.catch(() => undefined); // awaited below, unless the navigation fails first
    if (i === 0) await page.goto(url);
    else await page.reload();
    try {
      await loaded;
    } catch (error) {
      throw new Error(`The next action's title was never painted (${errors.join('; ') || String(error)})`);
    }
    const { title, ...times } = await page.evaluate((): LoadTimes & { title: string } => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const scripts = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.js'))
        .map((e) => (e as PerformanceResourceTiming).responseEnd);
      return {
        title: document.querySelector('[data-testid="next-action-title"]')?.textContent ?? '',
        scriptsLoaded: Math.max(...scripts),
        domContentLoaded: nav?.domContentLoadedEventEnd ?? Number.NaN,
        dbOpen: window.__benchDbOpenMs ?? Number.NaN,
        dbReady: window.__benchDbReadyMs ?? Number.NaN,
        firstContentfulPaint:
          performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
        titlePainted: window.__benchTitlePaintedMs!,
        appReady: window.__benchAppReadyMs ?? Number.NaN,
      };
    });
    if (i === 0 && expectedTitle !== null && title !== expectedTitle) {
      log(`note: the main window shows “${title}”, the bench's indexed pick was “${expectedTitle}”`);
    }
    if (i >= PAINT.warmup) figures.loads.push(times);
  }
  if (errors.length) throw new Error(`The main window threw: ${errors.join('; ')}`);

  // The heap once loaded and settled, after a full collection.
  await page.waitForTimeout(1000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  figures.heapMB = heap.usedSize / (1024 * 1024);
  await page.close();
  return figures;
}
