import type { ServiceDistribution } from '../document/schema';
import { meanCi95 } from '../metrics/stats';
import { histogramOf, ksDistance, mean, normalCdf, significant } from './stats';

/** A service-time distribution fitted to a sample, with the evidence for it. */
export interface ServiceFit {
  service: ServiceDistribution;
  sample: number;
  /** Kolmogorov–Smirnov distance between the sample and the fitted distribution. */
  ks: number;
  /** Every family that could be fitted, best (lowest AIC) first, scored by log-likelihood. */
  candidates: { label: string; score: number }[];
  histogram: { edges: number[]; counts: number[]; fitted: number[] };
  /** The sample mean and its 95 % interval (Student t). */
  meanMs: number;
  ci95: [number, number];
}

interface Candidate {
  label: string;
  service: ServiceDistribution;
  logLikelihood: number;
  params: number;
  cdf: (x: number) => number;
}

/**
 * BullMQ stores times in whole ms, so a job that took 0 ms is common for fast handlers: the
 * log-based families see such values as half a millisecond rather than as an impossible 0.
 */
const RESOLUTION_MS = 0.5;
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

function exponential(xs: readonly number[], m: number): Candidate | null {
  if (m <= 0) return null;
  const n = xs.length;
  return {
    label: 'exponential',
    service: { type: 'exponential', meanMs: m },
    logLikelihood: -n * Math.log(m) - n,
    params: 1,
    cdf: (x) => (x <= 0 ? 0 : 1 - Math.exp(-x / m)),
  };
}

function uniform(sorted: readonly number[]): Candidate | null {
  const n = sorted.length;
  const lo = sorted[0]!;
  const hi = sorted[n - 1]!;
  if (hi <= lo) return null;
  // The sample's range understates the true one by about one spacing at each end (minimum
  // variance unbiased estimator); the widened bounds also keep every point's density positive.
  const pad = (hi - lo) / (n - 1);
  const a = Math.max(0, lo - pad);
  const b = hi + pad;
  return {
    label: 'uniform',
    service: { type: 'uniform', minMs: a, maxMs: b },
    logLikelihood: -n * Math.log(b - a),
    params: 2,
    cdf: (x) => Math.min(1, Math.max(0, (x - a) / (b - a))),
  };
}

function normal(xs: readonly number[], m: number): Candidate | null {
  const n = xs.length;
  let squares = 0;
  for (const x of xs) squares += (x - m) ** 2;
  const sigma = Math.sqrt(squares / n);
  if (sigma <= 0) return null;
  return {
    label: 'normal',
    service: { type: 'normal', meanMs: m, stdDevMs: sigma },
    logLikelihood: -n * (Math.log(sigma) + LN_SQRT_2PI) - n / 2,
    params: 2,
    cdf: (x) => normalCdf(x, m, sigma),
  };
}

function lognormal(xs: readonly number[]): Candidate | null {
  const n = xs.length;
  const logs = xs.map((x) => Math.log(Math.max(x, RESOLUTION_MS)));
  const mu = mean(logs);
  let squares = 0;
  for (const l of logs) squares += (l - mu) ** 2;
  const s = Math.sqrt(squares / n);
  if (s <= 0) return null;
  let sumLogs = 0;
  for (const l of logs) sumLogs += l;
  // The document states a lognormal by its own mean and standard deviation, not by mu and sigma.
  const meanMs = Math.exp(mu + (s * s) / 2);
  const stdDevMs = meanMs * Math.sqrt(Math.expm1(s * s));
  return {
    label: 'lognormal',
    service: { type: 'lognormal', meanMs, stdDevMs },
    logLikelihood: -sumLogs - n * (Math.log(s) + LN_SQRT_2PI) - n / 2,
    params: 2,
    cdf: (x) => (x <= 0 ? 0 : normalCdf(Math.log(Math.max(x, RESOLUTION_MS)), mu, s)),
  };
}

function fixed(sorted: readonly number[], m: number): Candidate | null {
  const spread = sorted[sorted.length - 1]! - sorted[0]!;
  // Whole-ms timestamps blur a constant by up to a millisecond either way.
  if (spread > Math.max(2, 0.02 * m)) return null;
  return {
    label: 'fixed',
    service: { type: 'fixed', ms: m },
    logLikelihood: Infinity,
    params: 1,
    cdf: (x) => (x < m ? 0 : 1),
  };
}

function binnedLogLikelihood(sorted: readonly number[], cdf: (x: number) => number): number {
  let sum = 0;
  for (const x of sorted) sum += Math.log(Math.max(1e-300, cdf(x + 0.5) - cdf(x - 0.5)));
  return sum;
}

const rounded = (service: ServiceDistribution): ServiceDistribution => {
  switch (service.type) {
    case 'fixed':
      return { type: 'fixed', ms: significant(service.ms) };
    case 'exponential':
      return { type: 'exponential', meanMs: significant(service.meanMs) };
    case 'uniform':
      return {
        type: 'uniform',
        minMs: significant(service.minMs),
        maxMs: significant(service.maxMs),
      };
    case 'normal':
    case 'lognormal':
      return {
        type: service.type,
        meanMs: significant(service.meanMs),
        stdDevMs: significant(service.stdDevMs),
      };
  }
};

/**
 * Fits each of the document's service distributions to `samples` (ms) by maximum likelihood and
 * keeps the one with the lowest AIC (2k − 2 ln L): with equal parameter counts that is simply the
 * most likely family, and the one-parameter exponential wins ties it should. A sample that is
 * constant to the clock's resolution is `fixed`. Null for an empty sample.
 */
export function fitService(samples: readonly number[]): ServiceFit | null {
  const n = samples.length;
  if (n === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const m = mean(sorted);
  const ci = meanCi95(sorted);
  const constant = fixed(sorted, m);
  const fitted = constant
    ? [constant]
    : [exponential(sorted, m), uniform(sorted), normal(sorted, m), lognormal(sorted)].filter(
        (c): c is Candidate => c !== null,
      );
  if (fitted.length === 0) fitted.push(fixed(sorted, m) ?? exponential(sorted, Math.max(m, 1))!);
  if (!constant && sorted.every(Number.isInteger)) {
    // Whole-ms data: a value x stands for [x − ½, x + ½), so each family is scored by the
    // probability it gives those intervals; densities would favour whichever piles up near 0.
    for (const c of fitted) c.logLikelihood = binnedLogLikelihood(sorted, c.cdf);
  }
  const aic = (c: Candidate) => 2 * c.params - 2 * c.logLikelihood;
  fitted.sort((a, b) => aic(a) - aic(b));
  const best = fitted[0]!;
  return {
    service: rounded(best.service),
    sample: n,
    ks: ksDistance(sorted, best.cdf),
    // A constant's likelihood is unbounded: its score says only that nothing else was tried.
    candidates: fitted.map((c) => ({
      label: c.label,
      score: Number.isFinite(c.logLikelihood) ? c.logLikelihood : 0,
    })),
    histogram: histogramOf(sorted, best.cdf),
    meanMs: m,
    ci95: [m - ci.halfWidth, m + ci.halfWidth],
  };
}
