/** One-line descriptions of a seed and of pick runs, for the run's log. */
import type { PickRun, SeedStats } from '../api';
import { BLOCK } from './plan';
import { percentile, summarize } from './stats';

export function describeSeed(size: string, s: SeedStats): string {
  return (
    `seeded ${s.rows} tasks in ${(s.ms / 1000).toFixed(1)} s (size ${size}): ${s.active} open/waiting, ` +
    `${s.steps} steps, ${s.withDue} with a due date, ${s.timedToday} open timed today, ` +
    `${s.snoozedOrWaiting} snoozed or waiting`
  );
}

/** Per rule: how many picks it produced and their p50/p95. */
export function describeRules(run: PickRun): string {
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
export function blockP95s(samples: readonly number[]): number[] {
  const p95s: number[] = [];
  for (let i = 0; i + BLOCK <= samples.length; i += BLOCK)
    p95s.push(percentile(samples.slice(i, i + BLOCK), 95));
  return p95s;
}

/** The picks right after a write and the others, each with p50/p95. */
export function describeWrites(run: PickRun): string {
  const split = (after: boolean): string => {
    const s = summarize(run.samplesMs.filter((_, i) => run.sampleAfterWrite[i] === after));
    return `×${s.n} (p50 ${s.p50.toFixed(1)}, p95 ${s.p95.toFixed(1)} ms)`;
  };
  return `right after a write ${split(true)}, the others ${split(false)}`;
}
