import type { LogHistogram } from './histogram';
import type { LatencyStats, SummaryStat } from './types';

/** Snapshot figures of a histogram (all zero when empty). */
export function latencyStats(histogram: LogHistogram): LatencyStats {
  const [p50, p95, p99] = histogram.percentiles([50, 95, 99]);
  return {
    count: histogram.count,
    mean: histogram.mean,
    p50: p50 ?? 0,
    p95: p95 ?? 0,
    p99: p99 ?? 0,
    max: histogram.max,
  };
}

/** Summary figures of a histogram (all zero when empty). */
export function summaryStat(histogram: LogHistogram): SummaryStat {
  const { mean, p50, p95, p99, max } = latencyStats(histogram);
  return { mean, p50, p95, p99, max };
}

/** Two-sided 97.5 % quantiles of Student's t for 1..30 degrees of freedom. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/** The t quantile for a 95 % two-sided interval with `df` degrees of freedom. */
export function studentT975(df: number): number {
  if (df < 1) return Infinity;
  const exact = T975[Math.floor(df) - 1];
  if (exact !== undefined) return exact;
  // Cornish–Fisher expansion around the normal quantile; < 0.001 off beyond 30 df.
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
}

export interface MeanWithCi {
  mean: number;
  /** Half-width of the 95 % confidence interval of the mean (0 with fewer than two values). */
  halfWidth: number;
}

/** Sample mean and its 95 % Student-t confidence half-width. */
export function meanCi95(values: readonly number[]): MeanWithCi {
  const n = values.length;
  if (n === 0) return { mean: 0, halfWidth: 0 };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { mean, halfWidth: 0 };
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  return { mean, halfWidth: (studentT975(n - 1) * sd) / Math.sqrt(n) };
}
