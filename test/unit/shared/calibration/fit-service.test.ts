import { describe, expect, it } from 'vitest';
import { fitService } from '../../../../shared/calibration/fit-service';
import type { ServiceDistribution } from '../../../../shared/document';
import { meanServiceMs, stdDevServiceMs } from '../../../../shared/document';
import { Random, serviceSampler } from '../../../../shared/simulation';

const N = 2_000;
const draw = (service: ServiceDistribution, n = N, seed = 11) => {
  const sample = serviceSampler(service, new Random(seed));
  return Array.from({ length: n }, sample);
};

/**
 * With the parameters estimated from the same sample, the KS distance is smaller than with known
 * ones (Lilliefors), so the 99 % Kolmogorov critical value 1.63/√n is a safe upper bound.
 */
const KS_BOUND = 1.63 / Math.sqrt(N);

describe('fitService', () => {
  const cases: ServiceDistribution[] = [
    { type: 'exponential', meanMs: 120 },
    { type: 'normal', meanMs: 300, stdDevMs: 30 },
    { type: 'lognormal', meanMs: 200, stdDevMs: 120 },
    { type: 'uniform', minMs: 50, maxMs: 150 },
  ];
  for (const truth of cases) {
    it(`recovers a ${truth.type} distribution from ${N} samples`, () => {
      const fit = fitService(draw(truth))!;
      expect(fit.service.type).toBe(truth.type);
      expect(fit.sample).toBe(N);
      // The mean is within 4 standard errors (σ/√n) of the truth: a false alarm once in 16,000.
      const se = stdDevServiceMs(truth) / Math.sqrt(N);
      expect(Math.abs(meanServiceMs(fit.service) - meanServiceMs(truth))).toBeLessThan(4 * se);
      expect(Math.abs(fit.meanMs - meanServiceMs(truth))).toBeLessThan(4 * se);
      // …and the 95 % interval covers it, about 2σ/√n wide.
      expect(fit.ci95[0]).toBeLessThan(meanServiceMs(truth));
      expect(fit.ci95[1]).toBeGreaterThan(meanServiceMs(truth));
      expect(fit.ci95[1] - fit.ci95[0]).toBeCloseTo(2 * 1.96 * se, -Math.log10(se));
      expect(fit.ks).toBeLessThan(KS_BOUND);
      expect(fit.candidates[0]!.label).toBe(truth.type);
      expect(fit.candidates.map((c) => c.label).sort()).toEqual([
        'exponential',
        'lognormal',
        'normal',
        'uniform',
      ]);
      const { counts, fitted, edges } = fit.histogram;
      expect(edges).toHaveLength(21);
      expect(counts.reduce((a, b) => a + b)).toBe(N);
      expect(fitted.reduce((a, b) => a + b)).toBeCloseTo(N, 6);
    });
  }

  it('recovers the spread of a normal and a lognormal within 10 %', () => {
    const normal = fitService(draw({ type: 'normal', meanMs: 300, stdDevMs: 30 }))!.service;
    expect(normal.type === 'normal' && normal.stdDevMs).toBeGreaterThan(27);
    expect(normal.type === 'normal' && normal.stdDevMs).toBeLessThan(33);
    const log = fitService(draw({ type: 'lognormal', meanMs: 200, stdDevMs: 120 }))!.service;
    expect(log.type === 'lognormal' && log.stdDevMs).toBeGreaterThan(108);
    expect(log.type === 'lognormal' && log.stdDevMs).toBeLessThan(132);
  });

  it('recovers uniform bounds within a few spacings (range / n)', () => {
    const fit = fitService(draw({ type: 'uniform', minMs: 50, maxMs: 150 }))!.service;
    if (fit.type !== 'uniform') throw new Error(fit.type);
    expect(Math.abs(fit.minMs - 50)).toBeLessThan((5 * 100) / N);
    expect(Math.abs(fit.maxMs - 150)).toBeLessThan((5 * 100) / N);
  });

  it('calls a sample constant to the clock (whole ms) fixed', () => {
    const times = Array.from({ length: 100 }, (_, i) => 80 + (i % 2));
    const fit = fitService(times)!;
    expect(fit.service).toEqual({ type: 'fixed', ms: 80.5 });
    expect(fit.candidates).toEqual([{ label: 'fixed', score: 0 }]);
    expect(fit.ks).toBe(0.5);
  });

  it('fits fast handlers whose times BullMQ rounds to 0 ms', () => {
    const times = draw({ type: 'exponential', meanMs: 3 }).map(Math.round);
    expect(times.filter((t) => t === 0).length).toBeGreaterThan(200);
    const fit = fitService(times)!;
    expect(fit.service.type).toBe('exponential');
    expect(Math.abs(fit.meanMs - 3)).toBeLessThan((4 * 3) / Math.sqrt(N));
  });

  it('returns null for no sample and a fixed time for one', () => {
    expect(fitService([])).toBeNull();
    expect(fitService([42])!.service).toEqual({ type: 'fixed', ms: 42 });
  });
});
