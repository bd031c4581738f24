/** Percentiles and rounding for the bench results. */

/**
 * Nearest-rank percentile (p in 0–100) of `samples`; throws on an empty list, and on a sample
 * that is not a finite number (a NaN would sort anywhere and give a figure that means nothing).
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('No samples to take a percentile of');
  const bad = samples.find((sample) => !Number.isFinite(sample));
  if (bad !== undefined) throw new Error(`A sample is not a finite number: ${bad}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

export interface Summary {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    p50: round2(percentile(samples, 50)),
    p95: round2(percentile(samples, 95)),
    max: round2(Math.max(...samples)),
    n: samples.length,
  };
}
