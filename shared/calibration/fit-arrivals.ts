import type { Arrival } from '../document/schema';
import { meanArrivalRatePerSec } from '../document/defaults';
import type { ObservedScheduler } from './observations';
import {
  histogramOf,
  ksDistance,
  linearTrend,
  mean,
  poissonRate95,
  significant,
  stdDev,
} from './stats';

/** An arrival model fitted to creation times, with the evidence for it. */
export interface ArrivalFit {
  arrival: Arrival;
  sample: number;
  ratePerSec: number;
  ci95: [number, number];
  /** Goodness of fit of the gaps to the chosen model (poisson and constant only). */
  ks?: number;
  /** Each test and its statistic, the chosen model first. */
  candidates: { label: string; score: number }[];
  histogram?: { edges: number[]; counts: number[]; fitted: number[] };
}

/**
 * Thresholds of the model choice. Poisson gaps are exponential: coefficient of variation 1 with
 * a standard error of about 1/√n, and 1 − e^−0.05 ≈ 5 % of them under a twentieth of the mean.
 * So, from 30 arrivals, a CV under 0.3 is far outside Poisson (constant), a third or more of
 * near-zero gaps is clustering (bursts), and a trend more than 4 standard errors from flat that
 * changes the rate by a third or more over the window is a ramp.
 */
export const ARRIVAL_TESTS = {
  constantMaxCv: 0.3,
  burstMinTinyShare: 0.33,
  tinyGapShareOfMean: 0.05,
  rampMinT: 4,
  rampMinRelativeChange: 0.33,
};

const scheduleArrival = (s: ObservedScheduler): Arrival | null => {
  if (s.everyMs !== undefined && s.everyMs > 0) return { type: 'schedule', everyMs: s.everyMs };
  if (s.pattern) return { type: 'schedule', cron: s.pattern };
  return null;
};

/** The arrivals of one job name into one queue, from their creation times (epoch ms). */
export function fitArrivals(
  times: readonly number[],
  scheduler?: ObservedScheduler,
): ArrivalFit | null {
  const sorted = [...times].sort((a, b) => a - b);
  const n = sorted.length;
  const fromScheduler = scheduler ? scheduleArrival(scheduler) : null;
  if (fromScheduler) {
    // A job scheduler states its schedule exactly: nothing to estimate.
    const rate = meanArrivalRatePerSec(fromScheduler);
    return {
      arrival: fromScheduler,
      sample: n,
      ratePerSec: rate,
      ci95: [rate, rate],
      candidates: [{ label: 'schedule (read from the job scheduler)', score: 1 }],
    };
  }
  if (n < 2) return null;
  const spanMs = sorted[n - 1]! - sorted[0]!;
  const gaps = sorted.slice(1).map((t, i) => t - sorted[i]!);
  const meanGap = mean(gaps);
  if (spanMs <= 0 || meanGap <= 0) {
    // All at one instant: one burst of n jobs.
    return {
      arrival: { type: 'burst', size: n, everyMs: 3_600_000 },
      sample: n,
      ratePerSec: 0,
      ci95: [0, 0],
      candidates: [{ label: 'burst (all jobs created at once)', score: 1 }],
    };
  }
  const ratePerSec = 1000 / meanGap;
  // n − 1 gaps measured over the span: the count behind the rate.
  const ci95 = poissonRate95(n - 1, spanMs);
  const cv = stdDev(gaps, meanGap) / meanGap;
  const tiny = Math.max(1, ARRIVAL_TESTS.tinyGapShareOfMean * meanGap);
  const tinyShare = gaps.filter((g) => g <= tiny).length / gaps.length;
  const trend = rateTrend(sorted, spanMs);
  const candidates = [
    { label: 'burst (share of near-zero gaps)', score: tinyShare },
    { label: 'ramp (trend of the rate, in standard errors)', score: trend.t },
    { label: 'constant (coefficient of variation of gaps)', score: cv },
    { label: 'poisson (coefficient of variation of gaps)', score: cv },
  ];
  const pick = (index: number) => [candidates[index]!, ...candidates.filter((_, i) => i !== index)];

  if (tinyShare >= ARRIVAL_TESTS.burstMinTinyShare) {
    const starts = [sorted[0]!];
    for (let i = 0; i < gaps.length; i++) if (gaps[i]! > tiny) starts.push(sorted[i + 1]!);
    const size = Math.max(1, Math.round(n / starts.length));
    const everyMs =
      starts.length > 1 ? (starts[starts.length - 1]! - starts[0]!) / (starts.length - 1) : spanMs;
    const burstRate = (size * 1000) / everyMs;
    return {
      arrival: { type: 'burst', size, everyMs: significant(everyMs) },
      sample: n,
      ratePerSec: burstRate,
      ci95: poissonRate95(n - 1, spanMs),
      candidates: pick(0),
    };
  }
  if (
    Math.abs(trend.t) >= ARRIVAL_TESTS.rampMinT &&
    Math.abs(trend.to - trend.from) >= ARRIVAL_TESTS.rampMinRelativeChange * ratePerSec
  ) {
    return {
      arrival: {
        type: 'ramp',
        fromPerSec: significant(Math.max(0, trend.from)),
        toPerSec: significant(Math.max(0, trend.to)),
        overMs: spanMs,
      },
      sample: n,
      ratePerSec,
      ci95,
      candidates: pick(1),
    };
  }
  // Constant gaps (a step at the mean gap) or exponential ones (Poisson).
  const constant = cv < ARRIVAL_TESTS.constantMaxCv;
  const cdf = constant
    ? (x: number) => (x < meanGap ? 0 : 1)
    : (x: number) => (x <= 0 ? 0 : 1 - Math.exp(-x / meanGap));
  const sortedGaps = [...gaps].sort((a, b) => a - b);
  return {
    arrival: { type: constant ? 'constant' : 'poisson', ratePerSec: significant(ratePerSec) },
    sample: n,
    ratePerSec,
    ci95,
    ks: ksDistance(sortedGaps, cdf),
    candidates: pick(constant ? 2 : 3),
    histogram: histogramOf(sortedGaps, cdf),
  };
}

/**
 * Counts per equal time bin (about 25 arrivals each, 4–20 bins) and their least-squares line:
 * the rate at the start and end of the window, and the slope in standard errors.
 */
function rateTrend(
  sorted: readonly number[],
  spanMs: number,
): { from: number; to: number; t: number } {
  const n = sorted.length;
  const bins = Math.min(20, Math.max(4, Math.floor(n / 25)));
  const width = spanMs / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const t of sorted) counts[Math.min(bins - 1, Math.floor((t - sorted[0]!) / width))]! += 1;
  const xs = counts.map((_, i) => (i + 0.5) * width);
  const { slope, intercept, stdErr } = linearTrend(xs, counts);
  const perSec = 1000 / width;
  return {
    from: intercept * perSec,
    to: (intercept + slope * spanMs) * perSec,
    t: stdErr === 0 ? (slope === 0 ? 0 : Infinity) : slope / stdErr,
  };
}
