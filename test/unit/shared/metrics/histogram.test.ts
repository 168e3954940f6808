import { describe, expect, it } from 'vitest';
import { LogHistogram } from '../../../../shared/metrics/histogram';
import { latencyStats } from '../../../../shared/metrics/stats';

/** A small deterministic PRNG so the samples are the same on every run. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
}

const exactPercentile = (sorted: number[], p: number) =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;

describe('LogHistogram', () => {
  it('reports percentiles within 1 % of the exact nearest-rank values over 9 decades', () => {
    const random = lcg(7);
    const h = new LogHistogram();
    const values: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const v = 10 ** (random() * 9 - 3); // 1 µs .. 1,000,000 ms
      values.push(v);
      h.record(v);
    }
    values.sort((a, b) => a - b);
    for (const p of [1, 10, 25, 50, 75, 90, 95, 99, 99.9]) {
      const exact = exactPercentile(values, p);
      // Below 0.5 ms the absolute resolution (1 µs) dominates.
      const tolerance = Math.max(exact * 0.01, 0.001);
      expect(Math.abs(h.percentile(p) - exact)).toBeLessThanOrEqual(tolerance);
    }
    expect(h.count).toBe(50_000);
    expect(h.max).toBe(values[values.length - 1]);
    expect(h.min).toBe(values[0]);
    expect(h.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
    expect(h.percentile(100)).toBe(h.max);
  });

  it('keeps values above 2^32 µs (about 71 minutes) to within 1 %', () => {
    const h = new LogHistogram();
    h.record(5 * 3_600_000);
    h.record(30 * 86_400_000);
    expect(h.percentile(50) / (5 * 3_600_000)).toBeCloseTo(1, 2);
    expect(h.percentile(99) / (30 * 86_400_000)).toBeCloseTo(1, 2);
  });

  it('merges to the same figures as recording everything in one', () => {
    const random = lcg(3);
    const a = new LogHistogram();
    const b = new LogHistogram();
    const all = new LogHistogram();
    for (let i = 0; i < 10_000; i++) {
      const v = random() * (i % 2 ? 50 : 5000);
      (i % 2 ? a : b).record(v);
      all.record(v);
    }
    a.merge(b);
    expect(latencyStats(a)).toEqual({ ...latencyStats(all), mean: expect.closeTo(all.mean, 9) });
  });

  it('resets to empty, clamps negatives to 0 and ignores NaN', () => {
    const h = new LogHistogram();
    h.record(12);
    h.reset();
    expect(latencyStats(h)).toEqual({ count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 });
    h.record(-5);
    h.record(Number.NaN);
    expect(h.count).toBe(1);
    expect(h.max).toBe(0);
    expect(h.percentile(50)).toBe(0);
    h.recordMany(10, 3);
    expect(h.count).toBe(4);
    expect(h.percentile(50)).toBeCloseTo(10, 1);
    expect(h.percentiles([25, 50, 100])).toEqual([0, h.percentile(50), 10]);
  });
});
