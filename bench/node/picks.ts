/** The picks at one size: seeding and using the database, then indexed and naive picks, quick-adds, a rebuild. */
import type { BrowserContext } from 'playwright-core';
import type { PickCheck, QuickAddRun } from '../api';
import { blockP95s, describeRules, describeSeed, describeWrites } from './describe';
import { log } from './log';
import { collectGarbage, openBenchInWindow, openBenchPage } from './pages';
import { BLOCK, PICKS, QUICK_ADDS, SCANS, SEED, SETTLE_MS, USE } from './plan';
import type { PickResult } from './report';
import { percentile, round2, summarize } from './stats';

/**
 * Seeds database `name` with `size` tasks in a page of its own, uses it (USE), checks that the
 * indexed and naive picks agree on it, and closes that page; then waits SETTLE_MS (see there).
 */
export async function seedDatabase(
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

export async function measurePicks(
  context: BrowserContext,
  origin: string,
  size: string,
): Promise<{
  result: PickResult;
  quickAdd: QuickAddRun | null;
  durableMs: number[] | null;
  rebuildMs: number | null;
  /** The rebuild's time reading the log, and the longest the window's main thread was held meanwhile. */
  rebuildParts: { readMs: number; longestBlockMs: number } | null;
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
  let rebuildParts: { readMs: number; longestBlockMs: number } | null = null;
  if (size === '100000') {
    const windowPage = await openBenchInWindow(context, origin);
    const rebuilt = await windowPage.evaluate(([n, s, t]) => window.bench!.rebuild(n, s, t), [
      `${name}-rebuilt`,
      Number(size),
      Date.now(),
    ] as const);
    log(
      `rebuild from the log: ${rebuilt.tasks} tasks in ${rebuilt.ms.toFixed(0)} ms (reading the log ` +
        `${rebuilt.readMs.toFixed(0)} ms; the window held for at most ${rebuilt.longestBlockMs.toFixed(0)} ms at a time)`,
    );
    // The log also holds what the other measurements saved through it.
    if (rebuilt.tasks < Number(size)) throw new Error(`The rebuild found ${rebuilt.tasks} of ${size} tasks`);
    await windowPage.close();
    rebuildMs = rebuilt.ms;
    rebuildParts = { readMs: rebuilt.readMs, longestBlockMs: rebuilt.longestBlockMs };
  }
  await page.evaluate((n) => window.bench!.remove(n), name);
  await page.close();
  return { result, quickAdd, durableMs, rebuildMs, rebuildParts, remoteMs };
}
