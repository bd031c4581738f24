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
import type { BrowserContext } from 'playwright-core';
import { WINDOW_PAGES } from '../shared/ipc';
import { assertBuilt, MainRig, OwnedChromium } from '../test/e2e/harness/harness';
import { freshProfileDir } from '../test/e2e/harness/chromium';
import type { QuickAddRun } from './api';
import { installPaintProbe } from './node/app';
import { formatMomentum, measureMomentum } from './node/momentum';
import { formatReport, type PickResult, type Results } from './node/report';
import { assembleSite, BENCH_DIR, buildBenchPage, mainAppJs, mainInitialJs } from './node/site';
import { percentile, round2, summarize } from './node/stats';
import { T0, log } from './node/log';
import { measurePicks, seedDatabase } from './node/picks';
import { measureMainWindow, type LoadTimes } from './node/mainWindow';
import { APP_DB, PAINT, PORT, SETTLE_MS, SIZES, USE } from './node/plan';

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
    let rebuildParts: { readMs: number; longestBlockMs: number } | null = null;
    let remoteMs: number[] | null = null;
    for (const size of SIZES) {
      log(`next-action pick at ${size} tasks…`);
      const measured = await inFreshBrowser((context) => measurePicks(context, origin, size));
      picks[size] = measured.result;
      quickAdd ??= measured.quickAdd;
      durableMs ??= measured.durableMs;
      rebuildMs ??= measured.rebuildMs;
      rebuildParts ??= measured.rebuildParts;
      remoteMs ??= measured.remoteMs;
    }
    if (!remoteMs) throw new Error('The sync measurement is missing');
    log('sync: a new device taking 100k tasks from a sync folder (main’s part)…');
    const joined = await syncJoinMs(100_000, Date.now());
    log(
      `sync: main took ${joined.ops} ops from the folder in ${joined.ms.toFixed(0)} ms, ` +
        `its event loop held for at most ${joined.longestBlockMs.toFixed(0)} ms at a time`,
    );
    if (!durableMs || rebuildMs === null || !rebuildParts)
      throw new Error('The op log measurements are missing');
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
      rebuildReadMs: { '100000': Math.round(rebuildParts.readMs) },
      rebuildLongestBlockMs: { '100000': Math.round(rebuildParts.longestBlockMs) },
      sync: {
        applyRemote1000P95Ms: round2(percentile(remoteMs, 95)),
        newDevice100kMs: Math.round(joined.ms + rebuildMs),
        newDeviceMainMs: Math.round(joined.ms),
        newDeviceMainLongestBlockMs: Math.round(joined.longestBlockMs),
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
