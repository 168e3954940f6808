import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../../../shared/bullmq-options';
import {
  retryDelays,
  retryLoadMultiplier,
  timeToFinalFailure,
  uniformSumCdf,
} from '../../../../shared/queueing/retries';
import { Random } from '../../../../shared/simulation/random';

describe('time to final failure', () => {
  it('adds fixed backoffs and every attempt’s service time exactly', () => {
    const t = timeToFinalFailure({ attempts: 4, backoff: { type: 'fixed', delayMs: 1000 } }, 200);
    expect(t.delays).toEqual([
      { retry: 1, minMs: 1000, maxMs: 1000 },
      { retry: 2, minMs: 1000, maxMs: 1000 },
      { retry: 3, minMs: 1000, maxMs: 1000 },
    ]);
    expect([t.minMs, t.maxMs, t.meanMs, t.p50Ms, t.p95Ms]).toEqual([3800, 3800, 3800, 3800, 3800]);
  });

  it('doubles exponential backoffs as BullMQ does: delay × 2ⁿ⁻¹', () => {
    const t = timeToFinalFailure({ attempts: 5, backoff: { type: 'exponential', delayMs: 500 } });
    expect(t.delays.map((d) => d.maxMs)).toEqual([500, 1000, 2000, 4000]);
    expect(t.maxMs).toBe(7500);
  });

  it('fails at once without attempts, and retries at once without a backoff', () => {
    expect(timeToFinalFailure({}, 50).maxMs).toBe(50);
    expect(timeToFinalFailure({ attempts: 3 }, 50)).toMatchObject({ minMs: 150, maxMs: 150 });
  });

  it('matches the closed form of a sum of uniforms: two equal widths make a triangle', () => {
    // U(0,1) + U(0,1): F(x) = x²/2 below 1, 1 − (2 − x)²/2 above.
    expect(uniformSumCdf(0.5, [1, 1])).toBeCloseTo(0.125, 12);
    expect(uniformSumCdf(1.5, [1, 1])).toBeCloseTo(0.875, 12);
    // Irwin–Hall n = 3 at its mean is 1/2; U(0,1) + U(0,3) is uniform-ish in the middle: 1.5/3.
    expect(uniformSumCdf(1.5, [1, 1, 1])).toBeCloseTo(0.5, 12);
    expect(uniformSumCdf(2, [1, 3])).toBeCloseTo(0.5, 12);
  });

  it('agrees with BullMQ’s jittered delays drawn at random (Kolmogorov–Smirnov < 0.01)', () => {
    const config = {
      attempts: 6,
      backoff: { type: 'exponential' as const, delayMs: 1000, jitter: 0.5 },
    };
    const t = timeToFinalFailure(config, 100, 200);
    const random = new Random(7);
    const samples = Array.from({ length: 50_000 }, () => {
      let total = 6 * 100;
      for (let made = 1; made < 6; made++) {
        total += backoffDelayMs(
          { type: 'exponential', delay: 1000, jitter: 0.5 },
          made,
          random.next(),
        );
      }
      return total;
    }).sort((a, b) => a - b);
    let ks = 0;
    for (const point of t.cdf) {
      let below = 0;
      let hi = samples.length;
      while (below < hi) {
        const mid = (below + hi) >> 1;
        if (samples[mid]! <= point.ms) below = mid + 1;
        else hi = mid;
      }
      ks = Math.max(ks, Math.abs(below / samples.length - point.p));
    }
    expect(ks).toBeLessThan(0.01);
    expect(t.minMs).toBe(600 + 500 + 1000 + 2000 + 4000 + 8000);
    expect(t.maxMs).toBe(600 + 31_000);
    expect(t.approximate).toBe(false);
    expect(t.p50Ms).toBeCloseTo(t.meanMs, -1); // symmetric
  });

  it('approximates many jittered retries by a normal law, and says so', () => {
    const t = timeToFinalFailure({
      attempts: 30,
      backoff: { type: 'fixed', delayMs: 1000, jitter: 0.2 },
    });
    expect(t.approximate).toBe(true);
    expect(t.p50Ms).toBeCloseTo(29 * 900, -1);
    // sd = √(29 × 200² / 12) ≈ 311 ms; p95 ≈ mean + 1.645 sd.
    expect(t.p95Ms).toBeCloseTo(29 * 900 + 1.645 * Math.sqrt((29 * 200 ** 2) / 12), -1);
  });

  it('lists one delay per retry', () => {
    expect(retryDelays({ attempts: 1 })).toEqual([]);
    expect(retryDelays({ attempts: 3 }).map((d) => d.retry)).toEqual([1, 2]);
  });
});

describe('retry load during an outage', () => {
  it('is the attempts when everything fails, 1 when nothing does, the geometric sum between', () => {
    expect(retryLoadMultiplier(5, 1)).toBe(5);
    expect(retryLoadMultiplier(5, 0)).toBe(1);
    expect(retryLoadMultiplier(3, 0.5)).toBeCloseTo(1.75, 12);
  });
});
