/**
 * `npm run bench`: Kinetic's performance figures measured in real Chromium.
 *
 *  - the next-action pick at 10k and 100k tasks: indexed (`TaskRepository.nextAction`) vs naive
 *    (load every open task, then `pickNextAction`), with a write before every 10th pick;
 *  - the quick-add commit (`repo.add` with strict durability);
 *  - the main window at 10k tasks: navigation start → next action's title painted (reloading a
 *    window that has finished starting; PAINT), the JS heap after load, and the gzip size of its
 *    initial JS;
 *  - in Node, `momentumByDay` over 90 days and `estimateCalibration` at 100k tasks and 50k
 *    sessions (`npm run bench:momentum` measures only these, without the browser).
 *
 * Prints a table with the targets and writes bench/results.json (`--local`: results.local.json).
 * Missed targets are reported, not failed; a broken measurement exits non-zero.
 *
 * Environment: KINETIC_BENCH_PORT (default 47813) is the fixed port the pages are served on;
 * KINETIC_BENCH_SCAN_PICKS (default 300) the number of naive picks per size — at 100k each takes
 * about a second, most of the run, so a quick look can use fewer (results.json records how many).
 */
import { oplogYearBytes } from './node/oplogYear';
import { syncJoinMs } from './node/syncJoin';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { WINDOW_PAGES } from '../shared/ipc';
import { assertBuilt, MainRig, OwnedChromium } from '../test/e2e/harness/harness';
import { freshProfileDir } from '../test/e2e/harness/chromium';
import type { PickCheck, PickOptions, PickRun, QuickAddRun, SeedStats } from './api';
import { installPaintProbe, LOADED_MESSAGE } from './node/app';
import { formatMomentum, measureMomentum } from './node/momentum';
import { formatReport, type PickResult, type Results } from './node/report';
import {
  assembleSite,
  benchEntry,
  BENCH_DIR,
  BENCH_PAGE,
  buildBenchPage,
  mainAppJs,
  mainInitialJs,
} from './node/site';
import { percentile, round2, summarize } from './node/stats';

/** Fixed for the run: the origin (and so the IndexedDB the main window reads) includes the port. */
const PORT = Number(process.env['KINETIC_BENCH_PORT'] ?? 47_813);
const SIZES = ['10000', '100000'] as const;
/**
 * 3000 indexed picks: at about 0.7 ms each, 300 picks (the least the issue asks for) take half a
 * second, and a p95 over half a second says more about what else the machine did in it than about
 * the pick. Measured in one page at 10k, the p95 of each run of 300 consecutive picks went from 1.0
 * to 2.5 ms, and at 100k from 1.1 to 3.0 ms; over all 3000, 1.4–1.7 and 1.8–2.0 ms.
 */
const PICKS: PickOptions = { warmup: 30, picks: 3000, writeEvery: 10 };
/** Consecutive picks whose p95s show how much a run of 300 alone would move. */
const BLOCK = 300;
/** A naive pick loads every open task (~1 s at 100k): a few warm it up, and 300 are enough. */
const SCANS: PickOptions = {
  ...PICKS,
  warmup: 5,
  picks: Number(process.env['KINETIC_BENCH_SCAN_PICKS'] ?? 300),
};
const QUICK_ADDS = { warmup: 20, adds: 200 };
/**
 * Each reload is of a window that has finished starting: the bench waits `settleMs` after the last
 * load. A user's window is opened once; reloads back to back measure the loop as well. Then the
 * old page is still loading Dexie and calling main (through Playwright, into this process, which
 * also serves the pages), and the new page's HTML came 4 ms later and its boot script 8 ms later
 * (p50). Title painted p50, in interleaved blocks, back to back against 500 ms after the last
 * load: 107.0 against 97.7 ms (64 reloads each); in other batches 106.7 against 94.5–101.5 ms
 * (150–1000 ms after) and 114.8 against 101.4 ms (1000 ms after). Alternating the two, one reload
 * at once after each settled one, the gap was smaller (100.8 against 98.6 ms), and in one full
 * run reversed (90.6 against 95.1 ms): it grows as reloads follow each other.
 */
const PAINT = { warmup: 5, loads: 40, settleMs: 500 };
/** The main window's database: the name the app uses. */
const APP_DB = 'kinetic';
const SEED = 20_240_611;
/**
 * How long a seeded database stays closed, with no page of the origin open, before it is
 * measured. A user's database was written over months and has been closed and reopened since,
 * as when the app quits; the bench's was written in seconds. So the page that seeds closes, and
 * the picks run in a page opened after the pause. Measured in Chromium 156 at 100k: picks in the
 * page that had seeded kept the browser's IndexedDB threads about 2.5 times as busy (820 against
 * 330 ms of CPU for the same 330 picks and 33 writes) and had a p95 of 3.4 ms, against 1.5 ms
 * in a fresh page.
 */
const SETTLE_MS = 30_000;
/**
 * Before that pause, the seeding page uses the database as a user's has been used: picks with a
 * write before every 10th, like the measurement's own. A database bulk-loaded in seconds is not
 * one written over months, and the browser's IndexedDB works off the difference in the first
 * picks and writes that follow. Measured in Chromium 156 at 100k, in a fresh page after the pause,
 * twice, three rounds of 1000 picks with a write before every 10th (and two bare reads of the
 * stamp after each other pick): the browser used 3.4 and 3.5 s of CPU in the first round, 1.9–2.1 s
 * in each later one, and the first round's p95 was 1.6 and 1.9 ms, the later ones' 1.0–1.2 ms.
 * The log shows these picks' p95 too.
 */
const USE: PickOptions = { warmup: 0, picks: 1000, writeEvery: 10 };

const T0 = Date.now();
const log = (message: string): void =>
  void process.stderr.write(`[bench ${Math.round((Date.now() - T0) / 1000)}s] ${message}\n`);

async function collectGarbage(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
}

/**
 * The bench's functions inside a Kinetic window (the quick-add page): main answers the op log's
 * IPC only from its own windows, so what goes through the log is measured from one.
 */
async function openBenchInWindow(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[bench page error]', error));
  await page.goto(`${origin}/${WINDOW_PAGES.quickAdd}`);
  await page.addScriptTag({ url: `${origin}${benchEntry()}`, type: 'module' });
  await page.waitForFunction(() => window.bench !== undefined, undefined, { timeout: 30_000 });
  return page;
}

async function openBenchPage(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[bench page error]', error));
  await page.goto(`${origin}/${BENCH_PAGE}`);
  await page.waitForFunction(() => window.bench !== undefined, undefined, { timeout: 30_000 });
  return page;
}

/**
 * Seeds database `name` with `size` tasks in a page of its own, uses it (USE), checks that the
 * indexed and naive picks agree on it, and closes that page; then waits SETTLE_MS (see there).
 */
async function seedDatabase(
  context: BrowserContext,
  origin: string,
  name: string,
  size: number,
): Promise<{ check: PickCheck; title: string | null }> {
  const page = await openBenchPage(context, origin);
  await page.evaluate((n) => window.bench!.remove(n), name);
  await page.evaluate((n) => window.bench!.open(n), name);
  const stats = await page.evaluate(([n, now, seed]) => window.bench!.seed(n, now, seed), [
    size,
    Date.now(),
    SEED,
  ] as const);
  log(describeSeed(String(size), stats));
  const use = await page.evaluate((o) => window.bench!.pickIndexed(o), USE);
  log(
    `used it: ${use.samplesMs.length} picks, ${use.writes} writes ` +
      `(p50 ${percentile(use.samplesMs, 50).toFixed(1)}, p95 ${percentile(use.samplesMs, 95).toFixed(1)} ms; ` +
      `p95 of each ${BLOCK}: ${blockP95s(use.samplesMs)
        .map((ms) => ms.toFixed(1))
        .join(', ')} ms)`,
  );
  const check = await page.evaluate((now) => window.bench!.check(now), Date.now());
  const title = check.indexedId
    ? await page.evaluate((id) => window.bench!.title(id), check.indexedId)
    : null;
  await page.evaluate(() => window.bench!.close());
  await page.close();
  log(`letting the seeded database settle, closed, for ${SETTLE_MS / 1000} s…`);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return { check, title };
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

/** The p95 of each run of BLOCK consecutive samples. */
function blockP95s(samples: readonly number[]): number[] {
  const p95s: number[] = [];
  for (let i = 0; i + BLOCK <= samples.length; i += BLOCK)
    p95s.push(percentile(samples.slice(i, i + BLOCK), 95));
  return p95s;
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
  context: BrowserContext,
  origin: string,
  size: string,
): Promise<{
  result: PickResult;
  quickAdd: QuickAddRun | null;
  durableMs: number[] | null;
  rebuildMs: number | null;
  remoteMs: number[] | null;
}> {
  const name = `kinetic-bench-${size}`;
  const { check } = await seedDatabase(context, origin, name, Number(size));
  log(`sanity: indexed and naive both pick ${check.indexedId ?? 'nothing'} (${check.indexedRule})`);
  // A fresh page, as a window the app opens, that never held the seed's rows in its heap.
  const page = await openBenchPage(context, origin);
  await page.evaluate((n) => window.bench!.open(n), name);

  await collectGarbage(page);
  const indexed = await page.evaluate((o) => window.bench!.pickIndexed(o), PICKS);
  log(
    `indexed: ${indexed.samplesMs.length} picks, ${indexed.writes} writes; rules: ${describeRules(indexed)}`,
  );
  log(`indexed: ${describeWrites(indexed)}`);
  const blocks = blockP95s(indexed.samplesMs);
  log(`indexed: p95 of each ${BLOCK} consecutive picks: ${blocks.map((ms) => ms.toFixed(1)).join(', ')} ms`);
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
    indexedP95MsPerBlock: {
      picks: BLOCK,
      min: round2(Math.min(...blocks)),
      max: round2(Math.max(...blocks)),
    },
    scanSamples: scan.samplesMs.length,
  };

  // Quick-add on the 10k database (a realistic one; the store size barely matters for an add).
  let quickAdd: QuickAddRun | null = null;
  if (size === '10000') {
    await collectGarbage(page);
    quickAdd = await page.evaluate((o) => window.bench!.quickAdd(o), QUICK_ADDS);
    log(`quick-add: ${quickAdd.commitMs.length} adds`);
  }
  // The same, as the window saves: both copies on disk (IndexedDB's and main's log) before done.
  let durableMs: number[] | null = null;
  if (size === '10000') {
    await collectGarbage(page);
    const windowPage = await openBenchInWindow(context, origin);
    durableMs = await windowPage.evaluate(([n, o]) => window.bench!.quickAddDurable(n, o), [
      name,
      QUICK_ADDS,
    ] as const);
    await windowPage.close();
    log(`quick-add, both copies on disk: ${durableMs.length} adds`);
  }
  // Another device's ops through sync, on the 10k database's size.
  let remoteMs: number[] | null = null;
  if (size === '10000') {
    await collectGarbage(page);
    remoteMs = await page.evaluate(
      (t) => window.bench!.applyRemote(`${name}-remote`, 10_000, 40, t),
      Date.now(),
    );
    log(`sync: ${remoteMs.length} batches of 1,000 remote ops`);
  }
  // A reset database rebuilt from the log of as many tasks.
  let rebuildMs: number | null = null;
  if (size === '100000') {
    const windowPage = await openBenchInWindow(context, origin);
    const rebuilt = await windowPage.evaluate(([n, s, t]) => window.bench!.rebuild(n, s, t), [
      `${name}-rebuilt`,
      Number(size),
      Date.now(),
    ] as const);
    log(`rebuild from the log: ${rebuilt.tasks} tasks in ${rebuilt.ms.toFixed(0)} ms`);
    // The log also holds what the other measurements saved through it.
    if (rebuilt.tasks < Number(size)) throw new Error(`The rebuild found ${rebuilt.tasks} of ${size} tasks`);
    await windowPage.close();
    rebuildMs = rebuilt.ms;
  }
  await page.evaluate((n) => window.bench!.remove(n), name);
  await page.close();
  return { result, quickAdd, durableMs, rebuildMs, remoteMs };
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
    if (i > 0) await page.waitForTimeout(PAINT.settleMs);
    // Nothing is sent to the page until its probe says the title is painted and the app is up:
    // an evaluate sent when navigation resolves (at the load event) runs while the page opens
    // IndexedDB and paints. Measured, 40 reloads each way interleaved: the title was painted at
    // 105.5 ms p50 with the evaluate, 93.5 ms with this console message.
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
    const origin = rig.origin;
    let version = '';
    /**
     * Runs one measurement in a Chromium of its own with a fresh profile, so none inherits
     * another's storage, heap or caches. Chromium keeps all of an origin's databases in one store:
     * with the main window's 10k database beside the picks' own, the browser's IndexedDB threads
     * used about twice the CPU for the same 10k picks and writes (740 against 360 ms).
     *
     * Playwright attaches as it would to a user's browser (`asUser`): none of its defaults.
     * Playwright sets focus emulation, emulated media and font families through DevTools on every
     * page. When a navigation commits, DevTools leaves the old document and undoes them there:
     * in a trace of a reload, that restyled the whole old document ("PlatformColorChange" on
     * <html>) and rendered it once more, an 11 ms frame in the middle of the navigation. A user's
     * window has no DevTools attached. Measured in pairs (two browsers, each seeded with 10k
     * tasks, reloads alternating between them), the title was painted at p50 81.6 against 83.7 ms
     * (77 reloads each), 83.8 against 85.2 and 54.9 against 57.8 ms (17 each).
     */
    const inFreshBrowser = async <T>(measure: (context: BrowserContext) => Promise<T>): Promise<T> => {
      const profileDir = freshProfileDir('kinetic-bench-profile-');
      try {
        const chromium = await OwnedChromium.launch(profileDir, { asUser: true });
        try {
          if (!version) log(`Chromium ${chromium.browser.version()}`);
          version = chromium.browser.version();
          const context = chromium.context();
          await rig.wire(context);
          await installPaintProbe(context, `/${WINDOW_PAGES.main}`);
          return await measure(context);
        } finally {
          await chromium.close();
        }
      } finally {
        rmSync(profileDir, { recursive: true, force: true });
      }
    };
    log(`serving ${origin}`);

    const mainWindow = await inFreshBrowser(async (context) => {
      log(`seeding the app's database (“${APP_DB}”) with 10000 tasks for the main window…`);
      const app = await seedDatabase(context, origin, APP_DB, 10_000);
      log(`main window: ${PAINT.warmup} + ${PAINT.loads} loads, each ${PAINT.settleMs} ms after the last…`);
      return measureMainWindow(context, `${origin}/${WINDOW_PAGES.main}`, app.title);
    });
    const picks: Partial<Record<(typeof SIZES)[number], PickResult>> = {};
    let quickAdd: QuickAddRun | null = null;
    let durableMs: number[] | null = null;
    let rebuildMs: number | null = null;
    let remoteMs: number[] | null = null;
    for (const size of SIZES) {
      log(`next-action pick at ${size} tasks…`);
      const measured = await inFreshBrowser((context) => measurePicks(context, origin, size));
      picks[size] = measured.result;
      quickAdd ??= measured.quickAdd;
      durableMs ??= measured.durableMs;
      rebuildMs ??= measured.rebuildMs;
      remoteMs ??= measured.remoteMs;
    }
    if (!remoteMs) throw new Error('The sync measurement is missing');
    log('sync: a new device taking 100k tasks from a sync folder (main’s part)…');
    const joined = await syncJoinMs(100_000, Date.now());
    log(`sync: main took ${joined.ops} ops from the folder in ${joined.ms.toFixed(0)} ms`);
    if (!durableMs || rebuildMs === null) throw new Error('The op log measurements are missing');
    log('the op log after a simulated year of heavy use…');
    const year = await oplogYearBytes(Date.now() - 365 * 24 * 60 * 60_000);
    log(`op log after a year: ${year.ops} ops, ${(year.bytes / (1024 * 1024)).toFixed(2)} MB on disk`);
    if (!quickAdd) throw new Error('The quick-add measurement is missing');
    const { commitMs, parseAndCommitMs } = quickAdd;
    const paint = summarize(mainWindow.loads.map((l) => l.titlePainted));
    // Chromium does not report every figure on every reload (first contentful paint was missing
    // from some), so each is taken over the loads that have it, and says so when some did not.
    const p50 = (key: keyof LoadTimes): string => {
      const loads = mainWindow.loads.length;
      const values = mainWindow.loads.map((load) => load[key]).filter(Number.isFinite);
      if (values.length === 0) return 'not reported';
      const of = values.length < loads ? ` (${values.length} of ${loads} loads)` : '';
      return `${percentile(values, 50).toFixed(1)} ms${of}`;
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
    // Last, with the browser closed: the momentum figures are Node's alone.
    log('momentum measures in Node…');
    const momentumMs = measureMomentum();
    log(formatMomentum(momentumMs));
    const results: Results = {
      nextActionPick: { '10000': picks['10000'], '100000': picks['100000'] },
      quickAddCommitP95Ms: round2(percentile(commitMs, 95)),
      quickAddDurableP95Ms: round2(percentile(durableMs, 95)),
      rebuildMs: { '100000': Math.round(rebuildMs) },
      sync: {
        applyRemote1000P95Ms: round2(percentile(remoteMs, 95)),
        newDevice100kMs: Math.round(joined.ms + rebuildMs),
        newDeviceMainMs: Math.round(joined.ms),
      },
      oplogYearMB: round2(year.bytes / (1024 * 1024)),
      firstPaintMs: { '10000': { p50: paint.p50, p95: paint.p95 } },
      heapMB: { '10000': round2(mainWindow.heapMB) },
      mainInitialJsGzipKB: round2(initialJs.gzipKB),
      quickAddCommitP50Ms: round2(percentile(commitMs, 50)),
      quickAddParseAndCommitP95Ms: round2(percentile(parseAndCommitMs, 95)),
      mainAppReadyMs: { '10000': { p50: appReady.p50, p95: appReady.p95 } },
      mainAppJsGzipKB: round2(appJs.gzipKB),
      momentumMs,
      meta: {
        date: new Date().toISOString(),
        chromium: version,
        cpus: cpus().length,
        loadAverage1m: { start: round2(loadAtStart), end: round2(loadavg()[0]!) },
        runtimeS: Math.round((Date.now() - T0) / 1000),
        settleAfterSeedS: SETTLE_MS / 1000,
        usedAfterSeed: { picks: USE.picks, writeEvery: USE.writeEvery },
        reloadAfterMs: PAINT.settleMs,
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
