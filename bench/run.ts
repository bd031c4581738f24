/**
 * `npm run bench`: Kinetic's performance figures measured in real Chromium.
 *
 *  - the next-action pick at 10k and 100k tasks: indexed (`TaskRepository.nextAction`) vs naive
 *    (load every open task, then `pickNextAction`), with a write before every 10th pick;
 *  - the quick-add commit (`repo.add` with strict durability);
 *  - the main window at 10k tasks: navigation start → next action's title painted, the JS heap
 *    after load, and the gzip size of its initial JS.
 *
 * Prints a table with the targets and writes bench/results.json (`--local`: results.local.json).
 * Missed targets are reported, not failed; a broken measurement exits non-zero.
 *
 * Environment: KINETIC_BENCH_PORT (default 47813) is the fixed port the pages are served on;
 * KINETIC_BENCH_SCAN_PICKS (default 300) the number of naive picks per size — at 100k each takes
 * about a second, most of the run, so a quick look can use fewer (results.json records how many).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { WINDOW_PAGES } from '../shared/ipc';
import { assertBuilt, MainRig, OwnedChromium } from '../test/e2e/harness/harness';
import { freshProfileDir } from '../test/e2e/harness/chromium';
import type { PickOptions, PickRun, QuickAddRun, SeedStats } from './api';
import { installPaintProbe } from './node/app';
import { formatReport, type PickResult, type Results } from './node/report';
import { assembleSite, BENCH_DIR, BENCH_PAGE, buildBenchPage, mainAppJs, mainInitialJs } from './node/site';
import { percentile, round2, summarize } from './node/stats';

/** Fixed for the run: the origin (and so the IndexedDB the main window reads) includes the port. */
const PORT = Number(process.env['KINETIC_BENCH_PORT'] ?? 47_813);
const SIZES = ['10000', '100000'] as const;
const PICKS: PickOptions = { warmup: 30, picks: 300, writeEvery: 10 };
/** A naive pick loads every open task (~1 s at 100k): a few warm it up. */
const SCANS: PickOptions = {
  ...PICKS,
  warmup: 5,
  picks: Number(process.env['KINETIC_BENCH_SCAN_PICKS'] ?? 300),
};
const QUICK_ADDS = { warmup: 20, adds: 200 };
const PAINT = { warmup: 5, loads: 40 };
/** The main window's database: the name the app uses. */
const APP_DB = 'kinetic';
const SEED = 20_240_611;
/**
 * How long the seeded database stays closed before it is measured. The seed writes 10k or 100k
 * rows in seconds, which leaves Chromium's storage engine compacting for a while: picks measured
 * right after a 100k seed had a p50 of about 3 ms, settling at about 1.5 ms some 20 s later. A
 * user's database was written over months and has been closed and reopened since; closing it
 * lets Chromium run its close-time maintenance, as when the app quits.
 */
const SETTLE_MS = 30_000;

const T0 = Date.now();
const log = (message: string): void =>
  void process.stderr.write(`[bench ${Math.round((Date.now() - T0) / 1000)}s] ${message}\n`);

async function collectGarbage(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
}

/** Closes the freshly seeded database for SETTLE_MS, then opens it again (see SETTLE_MS). */
async function settleAfterSeed(page: Page, name: string | null): Promise<void> {
  await page.evaluate(() => window.bench!.close());
  log(`letting the seeded database settle, closed, for ${SETTLE_MS / 1000} s…`);
  await page.waitForTimeout(SETTLE_MS);
  if (name !== null) await page.evaluate((n) => window.bench!.open(n), name);
}

async function openBenchPage(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[bench page error]', error));
  await page.goto(`${origin}/${BENCH_PAGE}`);
  await page.waitForFunction(() => window.bench !== undefined, undefined, { timeout: 30_000 });
  return page;
}

function describeSeed(size: string, s: SeedStats): string {
  return (
    `seeded ${s.rows} tasks in ${(s.ms / 1000).toFixed(1)} s (size ${size}): ${s.active} open/waiting, ` +
    `${s.steps} steps, ${s.withDue} with a due date, ${s.timedToday} open timed today, ` +
    `${s.snoozedOrWaiting} snoozed or waiting`
  );
}

/** Per rule: how many picks it produced and their p50/p95. */
function describeRules(run: PickRun): string {
  const byRule = new Map<string, number[]>();
  run.samplesMs.forEach((ms, i) => {
    const rule = run.sampleRules[i] ?? 'none';
    byRule.set(rule, [...(byRule.get(rule) ?? []), ms]);
  });
  return [...byRule]
    .map(([rule, ms]) => {
      const s = summarize(ms);
      return `${rule} ×${s.n} (p50 ${s.p50.toFixed(1)}, p95 ${s.p95.toFixed(1)} ms)`;
    })
    .join(', ');
}

/** The picks right after a write and the others, each with p50/p95. */
function describeWrites(run: PickRun): string {
  const split = (after: boolean): string => {
    const s = summarize(run.samplesMs.filter((_, i) => run.sampleAfterWrite[i] === after));
    return `×${s.n} (p50 ${s.p50.toFixed(1)}, p95 ${s.p95.toFixed(1)} ms)`;
  };
  return `right after a write ${split(true)}, the others ${split(false)}`;
}

async function measurePicks(
  page: Page,
  size: string,
): Promise<{ result: PickResult; quickAdd: QuickAddRun | null }> {
  const name = `kinetic-bench-${size}`;
  await page.evaluate((n) => window.bench!.remove(n), name);
  await page.evaluate((n) => window.bench!.open(n), name);
  const stats = await page.evaluate(([n, now, seed]) => window.bench!.seed(n, now, seed), [
    Number(size),
    Date.now(),
    SEED,
  ] as const);
  log(describeSeed(size, stats));
  await settleAfterSeed(page, name);
  const check = await page.evaluate((now) => window.bench!.check(now), Date.now());
  log(`sanity: indexed and naive both pick ${check.indexedId ?? 'nothing'} (${check.indexedRule})`);

  await collectGarbage(page);
  const indexed = await page.evaluate((o) => window.bench!.pickIndexed(o), PICKS);
  log(
    `indexed: ${indexed.samplesMs.length} picks, ${indexed.writes} writes; rules: ${describeRules(indexed)}`,
  );
  log(`indexed: ${describeWrites(indexed)}`);
  const traces = await page.evaluate((n) => window.bench!.traces(n), 50);
  log(
    `indexed pick work: rounds p50 ${percentile(traces.rounds, 50)} / max ${Math.max(...traces.rounds)}, ` +
      `IndexedDB requests p50 ${percentile(traces.requests, 50)} / max ${Math.max(...traces.requests)}`,
  );
  await collectGarbage(page);
  const scan = await page.evaluate((o) => window.bench!.pickScan(o), SCANS);
  log(
    `naive: ${scan.samplesMs.length} picks, ${scan.writes} writes, ${scan.checks} checks against the ` +
      `indexed pick (all equal); rules: ${describeRules(scan)}`,
  );

  const i = summarize(indexed.samplesMs);
  const s = summarize(scan.samplesMs);
  const result: PickResult = {
    indexedP95Ms: i.p95,
    scanP95Ms: s.p95,
    indexedP50Ms: i.p50,
    scanP50Ms: s.p50,
    speedupP95: round2(percentile(scan.samplesMs, 95) / percentile(indexed.samplesMs, 95)),
    samples: indexed.samplesMs.length,
    scanSamples: scan.samplesMs.length,
  };

  // Quick-add on the 10k database (a realistic one; the store size barely matters for an add).
  let quickAdd: QuickAddRun | null = null;
  if (size === '10000') {
    await collectGarbage(page);
    quickAdd = await page.evaluate((o) => window.bench!.quickAdd(o), QUICK_ADDS);
    log(`quick-add: ${quickAdd.commitMs.length} adds`);
  }
  await page.evaluate((n) => window.bench!.remove(n), name);
  return { result, quickAdd };
}

/** Per load, ms since navigation start. */
interface LoadTimes {
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

interface MainWindowFigures {
  loads: LoadTimes[];
  heapMB: number;
}

async function measureMainWindow(
  context: BrowserContext,
  url: string,
  expectedTitle: string | null,
): Promise<MainWindowFigures> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  const figures: MainWindowFigures = { loads: [], heapMB: 0 };
  for (let i = 0; i < PAINT.warmup + PAINT.loads; i++) {
    // Navigation resolves on the load event; the probe's promise then waits for the paint. No
    // polling from here while the page loads: it would run on the page's main thread too.
    if (i === 0) await page.goto(url);
    else await page.reload();
    try {
      // Then the app, which mounts right after: the next reload must not cut it short.
      await page.evaluate(() =>
        Promise.race([
          window.__benchTitlePainted!.then(
            () =>
              new Promise<void>((resolve) => {
                const timer = setInterval(() => {
                  if (window.__benchAppReadyMs === undefined) return;
                  clearInterval(timer);
                  resolve();
                }, 5);
              }),
          ),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 20 s')), 20_000)),
        ]),
      );
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

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0]!;
  assertBuilt();
  log('bundling the bench page…');
  await buildBenchPage();
  const site = assembleSite();
  const cleanups: (() => Promise<void> | void)[] = [() => site.remove()];
  try {
    // The real main-process services and IPC handlers, as in the e2e tests, serving the site.
    const rig = await MainRig.start({ serve: { dir: site.dir, port: PORT } });
    cleanups.unshift(() => rig.close());
    const server = { origin: rig.origin };
    const profileDir = freshProfileDir('kinetic-bench-profile-');
    cleanups.unshift(() => rmSync(profileDir, { recursive: true, force: true }));
    const chromium = await OwnedChromium.launch(profileDir);
    cleanups.unshift(() => chromium.close());
    const context = chromium.context();
    await rig.wire(context);
    await installPaintProbe(context, `/${WINDOW_PAGES.main}`);
    log(`Chromium ${chromium.browser.version()}, serving ${server.origin}`);

    // The main window first: its origin's storage then holds only the app's database, as a
    // user's does (the pick benchmarks' 100k rows share that storage and keep it busy).
    const benchPage = await openBenchPage(context, server.origin);
    log(`seeding the app's database (“${APP_DB}”) with 10000 tasks for the main window…`);
    await benchPage.evaluate((n) => window.bench!.remove(n), APP_DB);
    await benchPage.evaluate((n) => window.bench!.open(n), APP_DB);
    const stats = await benchPage.evaluate(([now, seed]) => window.bench!.seed(10_000, now, seed), [
      Date.now(),
      SEED,
    ] as const);
    log(describeSeed('10000', stats));
    const expected = await benchPage.evaluate((now) => window.bench!.check(now), Date.now());
    const expectedTitle = await benchPage.evaluate(
      (id) => (id ? window.bench!.title(id) : Promise.resolve(null)),
      expected.indexedId,
    );
    await settleAfterSeed(benchPage, null);

    log(`main window: ${PAINT.warmup} + ${PAINT.loads} loads…`);
    const mainWindow = await measureMainWindow(
      context,
      `${server.origin}/${WINDOW_PAGES.main}`,
      expectedTitle,
    );
    await benchPage.close();
    const picks: Partial<Record<(typeof SIZES)[number], PickResult>> = {};
    let quickAdd: QuickAddRun | null = null;
    for (const size of SIZES) {
      log(`next-action pick at ${size} tasks…`);
      // Each size in a page of its own: the previous size's naive scans and seed leave a large
      // heap behind, whose collections would land in these picks.
      const page = await openBenchPage(context, server.origin);
      const measured = await measurePicks(page, size);
      await page.close();
      picks[size] = measured.result;
      quickAdd ??= measured.quickAdd;
    }
    if (!quickAdd) throw new Error('The quick-add measurement is missing');
    const { commitMs, parseAndCommitMs } = quickAdd;
    const paint = summarize(mainWindow.loads.map((l) => l.titlePainted));
    const p50 = (key: keyof LoadTimes): string => {
      const values = mainWindow.loads.map((load) => load[key]);
      return `${percentile(values, 50).toFixed(1)} ms`;
    };
    log(
      `main window load, p50 ms since navigation start: scripts received ${p50('scriptsLoaded')}, ` +
        `IndexedDB open called ${p50('dbOpen')}, DOMContentLoaded ${p50('domContentLoaded')}, ` +
        `IndexedDB open ${p50('dbReady')}, first contentful paint ${p50('firstContentfulPaint')}, ` +
        `title painted ${p50('titlePainted')}, app ready ${p50('appReady')}`,
    );
    const appReady = summarize(mainWindow.loads.map((l) => l.appReady));
    const initialJs = mainInitialJs();
    const appJs = mainAppJs();
    for (const [what, js] of [
      ['initial JS', initialJs],
      ['app JS (after the first frame)', appJs],
    ] as const) {
      for (const f of js.files) {
        log(
          `${what} ${f.file}: ${(f.bytes / 1024).toFixed(1)} KB, ${(f.gzipBytes / 1024).toFixed(1)} KB gzip`,
        );
      }
    }

    if (!picks['10000'] || !picks['100000']) throw new Error('A pick measurement is missing');
    const results: Results = {
      nextActionPick: { '10000': picks['10000'], '100000': picks['100000'] },
      quickAddCommitP95Ms: round2(percentile(commitMs, 95)),
      firstPaintMs: { '10000': { p50: paint.p50, p95: paint.p95 } },
      heapMB: { '10000': round2(mainWindow.heapMB) },
      mainInitialJsGzipKB: round2(initialJs.gzipKB),
      quickAddCommitP50Ms: round2(percentile(commitMs, 50)),
      quickAddParseAndCommitP95Ms: round2(percentile(parseAndCommitMs, 95)),
      mainAppReadyMs: { '10000': { p50: appReady.p50, p95: appReady.p95 } },
      mainAppJsGzipKB: round2(appJs.gzipKB),
      meta: {
        date: new Date().toISOString(),
        chromium: chromium.browser.version(),
        cpus: cpus().length,
        loadAverage1m: { start: round2(loadAtStart), end: round2(loadavg()[0]!) },
        runtimeS: Math.round((Date.now() - T0) / 1000),
        settleAfterSeedS: SETTLE_MS / 1000,
      },
    };
    const file = join(BENCH_DIR, process.argv.includes('--local') ? 'results.local.json' : 'results.json');
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\n${formatReport(results)}`);
    console.log(`Wrote ${file}`);
  } finally {
    for (const cleanup of cleanups) {
      try {
        await cleanup();
      } catch (error) {
        console.error('[bench] cleanup failed:', error);
      }
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('[bench] the measurement failed:', error);
    process.exit(1);
  },
);
