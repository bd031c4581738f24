/** The results file (bench/results.json), the targets, and the printed table. */
import type { MomentumResult } from './momentum';

export interface PickResult {
  indexedP95Ms: number;
  scanP95Ms: number;
  indexedP50Ms: number;
  scanP50Ms: number;
  /** Naive p95 ÷ indexed p95. */
  speedupP95: number;
  /** Timed indexed picks. */
  samples: number;
  /** The lowest and highest p95 of a run of `picks` consecutive indexed picks among them. */
  indexedP95MsPerBlock: { picks: number; min: number; max: number };
  /** Timed naive picks. */
  scanSamples: number;
}

export interface Results {
  nextActionPick: { '10000': PickResult; '100000': PickResult };
  quickAddCommitP95Ms: number;
  /** Enter → the task on disk in IndexedDB and in main's op log (parse, commit, append, fsync, ack). */
  quickAddDurableP95Ms: number;
  /** A reset database rebuilt from main's log (snapshot + segments), start to ready. */
  rebuildMs: { '100000': number };
  /**
   * Of the rebuild: reading the log from main (in the bench through a Playwright binding, not
   * Electron's IPC), and the longest the window's main thread was held at a time (it must stay
   * responsive).
   */
  rebuildReadMs: { '100000': number };
  rebuildLongestBlockMs: { '100000': number };
  /**
   * Sync: 1,000 of another device's ops applied to a 10k-task database (p95 of 40 batches), and a
   * new device reaching the merged state of 100k tasks: main taking them from the sync folder into
   * its log (bench/node/syncJoin.ts) plus the database rebuilt from that log (`rebuildMs`).
   */
  sync: {
    applyRemote1000P95Ms: number;
    newDevice100kMs: number;
    newDeviceMainMs: number;
    /** The longest main's event loop was held at a time while it took the ops from the folder. */
    newDeviceMainLongestBlockMs: number;
  };
  /** The op log on disk after a simulated year of heavy use (bench/node/oplogYear.ts). */
  oplogYearMB: number;
  firstPaintMs: { '10000': { p50: number; p95: number } };
  heapMB: { '10000': number };
  mainInitialJsGzipKB: number;
  /** Extra figures next to the required ones. */
  /** Navigation start → React mounted with the title (keys work), at 10k. */
  mainAppReadyMs: { '10000': { p50: number; p95: number } };
  /** The app (React, stores) the main window's entry loads once the first frame is out. */
  mainAppJsGzipKB: number;
  quickAddCommitP50Ms: number;
  quickAddParseAndCommitP95Ms: number;
  /** `momentumByDay` (90 days) and `estimateCalibration` in Node at 100k tasks and 50k sessions. */
  momentumMs: MomentumResult;
  meta: {
    date: string;
    chromium: string;
    cpus: number;
    /** The machine's 1-minute load average when the run started and ended (others' work skews timings). */
    loadAverage1m: { start: number; end: number };
    runtimeS: number;
    /** How long each seeded database was left closed before it was measured. */
    settleAfterSeedS: number;
    /** The picks (a write before every `writeEvery`th) made on each seeded database before that. */
    usedAfterSeed: { picks: number; writeEvery: number };
    /** How long after the last load each reload of the main window came. */
    reloadAfterMs: number;
  };
}

export interface Target {
  name: string;
  value: string;
  target: string;
  met: boolean;
}

export function targets(r: Results): Target[] {
  const small = r.nextActionPick['10000'];
  const large = r.nextActionPick['100000'];
  const fp = r.firstPaintMs['10000'];
  const ms = (n: number): string => `${n.toFixed(2)} ms`;
  return [
    {
      name: 'indexed pick p95 @10k',
      value: ms(small.indexedP95Ms),
      target: '≤ 2 ms',
      met: small.indexedP95Ms <= 2,
    },
    {
      name: 'indexed pick p95 @100k',
      value: ms(large.indexedP95Ms),
      target: '≤ 2 ms',
      met: large.indexedP95Ms <= 2,
    },
    {
      name: 'indexed vs naive @100k (p95)',
      value: `${large.speedupP95.toFixed(1)}×`,
      target: '≥ 100×',
      met: large.speedupP95 >= 100,
    },
    {
      name: 'quick-add commit p95',
      value: ms(r.quickAddCommitP95Ms),
      target: '≤ 15 ms',
      met: r.quickAddCommitP95Ms <= 15,
    },
    {
      name: 'quick-add durable p95 (both copies)',
      value: ms(r.quickAddDurableP95Ms),
      target: '≤ 15 ms',
      met: r.quickAddDurableP95Ms <= 15,
    },
    {
      name: 'rebuild from the log @100k',
      value: ms(r.rebuildMs['100000']),
      target: '≤ 10000 ms',
      met: r.rebuildMs['100000'] <= 10_000,
    },
    {
      name: 'sync: 1,000 remote ops @10k p95',
      value: ms(r.sync.applyRemote1000P95Ms),
      target: '≤ 200 ms',
      met: r.sync.applyRemote1000P95Ms <= 200,
    },
    {
      name: 'sync: a new device reaching 100k tasks',
      value: ms(r.sync.newDevice100kMs),
      target: '≤ 10000 ms',
      met: r.sync.newDevice100kMs <= 10_000,
    },
    {
      name: 'op log after a year of heavy use',
      value: `${r.oplogYearMB.toFixed(2)} MB`,
      target: '≤ 20 MB',
      met: r.oplogYearMB <= 20,
    },
    { name: 'first paint p50 @10k', value: ms(fp.p50), target: '≤ 100 ms', met: fp.p50 <= 100 },
    { name: 'first paint p95 @10k', value: ms(fp.p95), target: '≤ 150 ms', met: fp.p95 <= 150 },
    {
      name: 'JS heap after load @10k',
      value: `${r.heapMB['10000'].toFixed(2)} MB`,
      target: '≤ 30 MB',
      met: r.heapMB['10000'] <= 30,
    },
    {
      name: 'main initial JS (gzip)',
      value: `${r.mainInitialJsGzipKB.toFixed(2)} KB`,
      target: '≤ 100 KB',
      met: r.mainInitialJsGzipKB <= 100,
    },
    {
      name: 'momentumByDay p95, 90 days @100k (Node)',
      value: ms(r.momentumMs.momentumByDay.p95),
      target: '≤ 50 ms',
      met: r.momentumMs.momentumByDay.p95 <= 50,
    },
    {
      name: 'estimateCalibration p95 @100k (Node)',
      value: ms(r.momentumMs.estimateCalibration.p95),
      target: '≤ 50 ms',
      met: r.momentumMs.estimateCalibration.p95 <= 50,
    },
  ];
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  const line = (row: string[]): string =>
    row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

export function formatReport(r: Results): string {
  const ms = (n: number): string => n.toFixed(2);
  const pickRows = (['10000', '100000'] as const).map((size) => {
    const p = r.nextActionPick[size];
    return [
      `${Number(size).toLocaleString('en-US')} tasks`,
      ms(p.indexedP50Ms),
      ms(p.indexedP95Ms),
      ms(p.scanP50Ms),
      ms(p.scanP95Ms),
      `${p.speedupP95.toFixed(1)}×`,
      `${p.samples} / ${p.scanSamples}`,
      `${p.indexedP95MsPerBlock.min.toFixed(1)}–${p.indexedP95MsPerBlock.max.toFixed(1)}`,
    ];
  });
  const picks = table([
    [
      'next-action pick (ms)',
      'indexed p50',
      'indexed p95',
      'naive p50',
      'naive p95',
      'speed-up p95',
      'picks',
      `indexed p95 per ${r.nextActionPick['10000'].indexedP95MsPerBlock.picks}`,
    ],
    ...pickRows,
  ]);
  const checks = table([
    ['target', 'result', 'target', ''],
    ...targets(r).map((t) => [t.name, t.value, t.target, t.met ? '✓' : '✗']),
  ]);
  const other = table([
    ['other', 'value'],
    ['quick-add commit p50', `${ms(r.quickAddCommitP50Ms)} ms`],
    ['quick-add parse + commit p95', `${ms(r.quickAddParseAndCommitP95Ms)} ms`],
    [
      'main window app ready p50 / p95 @10k',
      `${ms(r.mainAppReadyMs['10000'].p50)} / ${ms(r.mainAppReadyMs['10000'].p95)} ms`,
    ],
    ['main window app JS, loaded after the first frame (gzip)', `${ms(r.mainAppJsGzipKB)} KB`],
  ]);
  const { cpus, loadAverage1m, chromium, settleAfterSeedS, usedAfterSeed, reloadAfterMs } = r.meta;
  const machine =
    `Chromium ${chromium}, ${cpus} CPUs, load average ${loadAverage1m.start} → ${loadAverage1m.end}; ` +
    `each seeded database used for ${usedAfterSeed.picks} picks (a write before every ` +
    `${usedAfterSeed.writeEvery}th), then closed for ${settleAfterSeedS} s before it was measured; ` +
    `each reload of the main window ${reloadAfterMs} ms after its last load`;
  return `${picks}\n\n${checks}\n\n${other}\n\n${machine}\n`;
}
