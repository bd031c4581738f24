/**
 * `npm run bench:oplog`: only the op log's two figures, each split into its parts, for working on
 * them (results.json is written by `npm run bench` alone). Durable quick-add: Enter → both copies
 * on disk, and how much of it is main's append (IPC and disk). Rebuild: an emptied database rebuilt
 * from a log of KINETIC_BENCH_REBUILD tasks (default 100k), how much of it is reading the log, and
 * what plain IndexedDB takes to store as many rows (the floor under a rebuild). Sync: 1,000 of another
 * device's ops applied to a 10k-task database.
 */
import { rmSync } from 'node:fs';
import { WINDOW_PAGES } from '../shared/ipc';
import { assertBuilt, MainRig, OwnedChromium } from '../test/e2e/harness/harness';
import { freshProfileDir } from '../test/e2e/harness/chromium';
import { assembleSite, benchEntry, buildBenchPage } from './node/site';
import { percentile } from './node/stats';

const ADDS = { warmup: 20, adds: 200 };
const REBUILD = Number(process.env['KINETIC_BENCH_REBUILD'] ?? 100_000);
const REMOTE_ROUNDS = 40;

const p = (values: number[], q: number): string => percentile(values, q).toFixed(1);

async function main(): Promise<void> {
  assertBuilt();
  await buildBenchPage();
  const site = assembleSite();
  const rig = await MainRig.start({ serve: { dir: site.dir, port: 0 } });
  const profile = freshProfileDir('kinetic-bench-oplog-');
  const chromium = await OwnedChromium.launch(profile, { asUser: true });
  try {
    const context = chromium.context();
    await rig.wire(context);
    const page = await context.newPage();
    await page.goto(`${rig.origin}/${WINDOW_PAGES.quickAdd}`);
    await page.addScriptTag({ url: `${rig.origin}${benchEntry()}`, type: 'module' });
    await page.waitForFunction(() => window.bench !== undefined, undefined, { timeout: 30_000 });
    const split = await page.evaluate(
      (o) => window.bench!.quickAddDurableSplit('kinetic-oplog-adds', o),
      ADDS,
    );
    const rest = split.durableMs.map((ms, i) => ms - split.appendMs[i]!);
    console.log(
      `durable quick-add (${split.durableMs.length}): p50 ${p(split.durableMs, 50)} / p95 ${p(split.durableMs, 95)} ms; ` +
        `append p50 ${p(split.appendMs, 50)} / p95 ${p(split.appendMs, 95)}; the rest p50 ${p(rest, 50)} / p95 ${p(rest, 95)}`,
    );
    const remote = await page.evaluate(
      ([n, t]) => window.bench!.applyRemote('kinetic-oplog-remote', 10_000, n, t),
      [REMOTE_ROUNDS, Date.now()] as const,
    );
    console.log(
      `1,000 remote ops on 10k tasks (${remote.length}×): p50 ${p(remote, 50)} / p95 ${p(remote, 95)} ms`,
    );
    if (REBUILD > 0) {
      const rebuilt = await page.evaluate(([n, t]) => window.bench!.rebuild('kinetic-oplog-rebuilt', n, t), [
        REBUILD,
        Date.now(),
      ] as const);
      console.log(
        `rebuild of ${rebuilt.tasks} tasks: ${rebuilt.ms.toFixed(0)} ms, of which reading the log ${rebuilt.readMs.toFixed(0)} ms; ` +
          `the main thread held for at most ${rebuilt.longestBlockMs.toFixed(0)} ms at a time`,
      );
      const floor = await page.evaluate(([n, t]) => window.bench!.storeFloor('kinetic-oplog-floor', n, t), [
        REBUILD,
        Date.now(),
      ] as const);
      console.log(
        `plain IndexedDB puts of as many task rows: ${floor.tasksMs.toFixed(0)} ms, ${floor.noIndexMs.toFixed(0)} ms without the indexes`,
      );
    }
  } finally {
    await chromium.close();
    rmSync(profile, { recursive: true, force: true });
    await rig.close();
    site.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
