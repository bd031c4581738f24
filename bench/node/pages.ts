/** The bench's pages in Chromium: the bench page itself, or the bench inside a Kinetic window. */
import type { BrowserContext, Page } from 'playwright-core';
import { WINDOW_PAGES } from '../../shared/ipc';
import { BENCH_PAGE, benchEntry } from './site';

export async function collectGarbage(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
}

/**
 * The bench's functions inside a Kinetic window (the quick-add page): main answers the op log's
 * IPC only from its own windows, so what goes through the log is measured from one.
 */
export async function openBenchInWindow(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[bench page error]', error));
  await page.goto(`${origin}/${WINDOW_PAGES.quickAdd}`);
  await page.addScriptTag({ url: `${origin}${benchEntry()}`, type: 'module' });
  await page.waitForFunction(() => window.bench !== undefined, undefined, { timeout: 30_000 });
  return page;
}

export async function openBenchPage(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[bench page error]', error));
  await page.goto(`${origin}/${BENCH_PAGE}`);
  await page.waitForFunction(() => window.bench !== undefined, undefined, { timeout: 30_000 });
  return page;
}
