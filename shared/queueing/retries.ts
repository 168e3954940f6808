import type { QueueConfig } from '../document/schema';
import { backoffDelayMs } from '../bullmq-options';

/**
 * "When does a job fail for good?" — for a queue's attempts and backoff, the time from a job's
 * first attempt to its final failure when every attempt fails, and how much extra work retries
 * make while a dependency is down (docs/architecture.md "Semantics").
 *
 * Each attempt is taken to last the worker's mean service time and to start as soon as its
 * backoff ends (no wait in line: a queue with a backlog adds its wait to every retry). BullMQ draws
 * a jittered delay uniformly from [base × (1 − jitter), base], so the total is a constant plus a
 * sum of independent uniforms, whose distribution has a closed form (below).
 */
export interface RetryDelay {
  /** 1 for the delay after the first failed attempt. */
  retry: number;
  minMs: number;
  maxMs: number;
}

export interface FinalFailureTime {
  attempts: number;
  delays: RetryDelay[];
  /** Total, from the first attempt's start to the last attempt's failure. */
  minMs: number;
  maxMs: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  /** The cumulative distribution at `points` evenly spaced times from minMs to maxMs. */
  cdf: { ms: number; p: number }[];
  /** True when the distribution was approximated (many jittered retries), false when exact. */
  approximate: boolean;
}

/** Above this many jittered retries the exact sum (2ⁿ terms) gives way to a normal approximation. */
const EXACT_LIMIT = 16;

export function retryDelays(config: QueueConfig): RetryDelay[] {
  const attempts = config.attempts ?? 1;
  const backoff = config.backoff;
  const delays: RetryDelay[] = [];
  for (let made = 1; made < attempts; made++) {
    if (!backoff) {
      delays.push({ retry: made, minMs: 0, maxMs: 0 });
      continue;
    }
    const options = { type: backoff.type, delay: backoff.delayMs, jitter: backoff.jitter };
    // backoffDelayMs maps a uniform draw u ∈ [0, 1) onto the delay, as BullMQ does.
    delays.push({
      retry: made,
      minMs: backoffDelayMs(options, made, 0),
      maxMs: backoffDelayMs({ ...options, jitter: undefined }, made),
    });
  }
  return delays;
}

/** The distribution of the time to final failure; `serviceMeanMs` is each attempt's length. */
export function timeToFinalFailure(
  config: QueueConfig,
  serviceMeanMs = 0,
  points = 64,
): FinalFailureTime {
  const attempts = config.attempts ?? 1;
  const delays = retryDelays(config);
  const fixed = attempts * serviceMeanMs + delays.reduce((sum, d) => sum + d.minMs, 0);
  const widths = delays.map((d) => d.maxMs - d.minMs).filter((w) => w > 0);
  const span = widths.reduce((sum, w) => sum + w, 0);
  const approximate = widths.length > EXACT_LIMIT;
  const cdfOf = (ms: number) =>
    span === 0
      ? ms >= fixed
        ? 1
        : 0
      : approximate
        ? normalCdf(ms - fixed, span / 2, Math.sqrt(widths.reduce((s, w) => s + (w * w) / 12, 0)))
        : uniformSumCdf(ms - fixed, widths);
  const quantile = (p: number) => {
    if (span === 0) return fixed;
    let lo = fixed;
    let hi = fixed + span;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (cdfOf(mid) < p) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  const n = Math.max(2, points);
  const cdf = Array.from({ length: n }, (_, i) => {
    const ms = fixed + (span * i) / (n - 1);
    return { ms, p: Math.min(1, Math.max(0, cdfOf(ms))) };
  });
  return {
    attempts,
    delays,
    minMs: fixed,
    maxMs: fixed + span,
    meanMs: fixed + span / 2,
    p50Ms: quantile(0.5),
    p95Ms: quantile(0.95),
    cdf,
    approximate,
  };
}

/**
 * P(U₁ + … + Uₙ ≤ x) for independent Uᵢ uniform on [0, wᵢ]: the generalised Irwin–Hall form
 * Σ over subsets S of (−1)^|S| (x − Σ_S w)₊ⁿ / (n! Π w).
 */
export function uniformSumCdf(x: number, widths: readonly number[]): number {
  const n = widths.length;
  if (n === 0) return x >= 0 ? 1 : 0;
  const total = widths.reduce((s, w) => s + w, 0);
  if (x <= 0) return 0;
  if (x >= total) return 1;
  // Scale to the mean width: the powers stay near 1 and the alternating sum keeps its precision.
  const scale = total / n;
  let denominator = 1;
  for (let i = 0; i < n; i++) denominator *= ((i + 1) * widths[i]!) / scale;
  let sum = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    let shift = 0;
    let sign = 1;
    for (let i = 0; i < n; i++) {
      if (mask & (1 << i)) {
        shift += widths[i]!;
        sign = -sign;
      }
    }
    const d = (x - shift) / scale;
    if (d > 0) sum += sign * d ** n;
  }
  return Math.min(1, Math.max(0, sum / denominator));
}

function normalCdf(x: number, mean: number, sd: number): number {
  if (sd === 0) return x >= mean ? 1 : 0;
  const z = (x - mean) / (sd * Math.SQRT2);
  // Abramowitz–Stegun 7.1.26 for erf: |error| < 1.5e-7.
  const t = 1 / (1 + 0.3275911 * Math.abs(z));
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return 0.5 * (1 + (z >= 0 ? erf : -erf));
}

/**
 * Attempts per job while every attempt fails with probability `failureRate`: the factor by which
 * retries multiply the work a queue's workers do during an outage (1 + f + … + fⁿ⁻¹).
 */
export function retryLoadMultiplier(attempts: number, failureRate: number): number {
  if (failureRate >= 1) return attempts;
  if (failureRate <= 0) return 1;
  return (1 - failureRate ** attempts) / (1 - failureRate);
}
