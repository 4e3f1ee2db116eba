/** Latency figures as the bench reports them: milliseconds, rounded to a hundredth. */
export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const EMPTY: LatencySummary = { count: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 };

/**
 * Nearest-rank percentile (the smallest sample at or above that share of all samples): with few
 * samples the p99 is the maximum rather than an interpolation between two real values.
 */
export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(share * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

export function summarize(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return EMPTY;
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: round2(percentile(sorted, 0.5)),
    p99Ms: round2(percentile(sorted, 0.99)),
    maxMs: round2(sorted.at(-1) ?? 0),
  };
}

export const round2 = (value: number): number => Math.round(value * 100) / 100;

/** `ours / baseline`, two decimals; null when the baseline is zero (no ratio to speak of). */
export function ratio(ours: number, baseline: number): number | null {
  return baseline > 0 ? round2(ours / baseline) : null;
}

/** The median of a few values (the browser figure): the lower middle for an even count. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}
