import { describe, expect, it } from 'vitest';
import { fitArrivals } from '../../../../shared/calibration/fit-arrivals';
import type { Arrival } from '../../../../shared/document';
import { Random } from '../../../../shared/simulation';
import { arrivalProcess } from '../../../../shared/simulation/arrivals';

const EPOCH = 1_767_571_200_000;

/** Creation times (whole epoch ms, as BullMQ stores them) of `arrival` over `durationMs`. */
function times(arrival: Arrival, durationMs: number, seed = 3): number[] {
  const process = arrivalProcess(arrival, 0, new Random(seed), EPOCH, undefined);
  const out: number[] = [];
  for (let t = process.next(); t < durationMs; t = process.next()) {
    for (let i = 0; i < process.batch; i++) out.push(Math.round(EPOCH + t));
  }
  return out;
}

describe('fitArrivals', () => {
  it('recognises Poisson arrivals and recovers their rate within 4 standard errors', () => {
    const sample = times({ type: 'poisson', ratePerSec: 10 }, 300_000);
    const fit = fitArrivals(sample)!;
    expect(fit.arrival.type).toBe('poisson');
    // n ≈ 3,000: the rate's standard error is rate/√n ≈ 0.18/s.
    const se = 10 / Math.sqrt(sample.length);
    expect(Math.abs(fit.ratePerSec - 10)).toBeLessThan(4 * se);
    expect(fit.ci95[0]).toBeLessThan(10);
    expect(fit.ci95[1]).toBeGreaterThan(10);
    expect(fit.ks).toBeLessThan(1.63 / Math.sqrt(sample.length));
    expect(fit.candidates[0]!.label).toMatch(/^poisson/);
    expect(fit.histogram!.counts.reduce((a, b) => a + b)).toBe(sample.length - 1);
  });

  it('recognises a constant rate (gaps with a small coefficient of variation)', () => {
    const fit = fitArrivals(times({ type: 'constant', ratePerSec: 5 }, 120_000))!;
    expect(fit.arrival).toEqual({ type: 'constant', ratePerSec: 5 });
  });

  it('recognises bursts and recovers their size and period', () => {
    const fit = fitArrivals(times({ type: 'burst', size: 10, everyMs: 2_000 }, 120_000))!;
    expect(fit.arrival).toEqual({ type: 'burst', size: 10, everyMs: 2_000 });
    expect(fit.ratePerSec).toBe(5);
  });

  it('recognises a Poisson-like ramp and recovers its ends within 15 %', () => {
    // A ramp with random gaps: a Poisson process thinned to a linearly rising rate.
    const random = new Random(5);
    const sample: number[] = [];
    for (let t = 0; t < 300_000; t += random.exponential(1000 / 20)) {
      const rate = 2 + (18 * t) / 300_000;
      if (random.next() < rate / 20) sample.push(Math.round(EPOCH + t));
    }
    const fit = fitArrivals(sample)!;
    if (fit.arrival.type !== 'ramp') throw new Error(`got ${fit.arrival.type}`);
    expect(fit.arrival.fromPerSec).toBeGreaterThan(2 * 0.85 - 0.5);
    expect(fit.arrival.fromPerSec).toBeLessThan(2 * 1.15 + 0.5);
    expect(fit.arrival.toPerSec).toBeGreaterThan(20 * 0.85);
    expect(fit.arrival.toPerSec).toBeLessThan(20 * 1.15);
    expect(fit.arrival.overMs).toBeGreaterThan(295_000);
    expect(fit.candidates[0]!.score).toBeGreaterThan(4);
  });

  it('does not call a steady Poisson stream a ramp or bursts (ten seeds)', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const fit = fitArrivals(times({ type: 'poisson', ratePerSec: 3 }, 120_000, seed))!;
      expect(fit.arrival.type).toBe('poisson');
    }
  });

  it('takes a job scheduler’s schedule exactly', () => {
    const every = fitArrivals([EPOCH, EPOCH + 5_000], { key: 'k', name: 'tick', everyMs: 5_000 })!;
    expect(every.arrival).toEqual({ type: 'schedule', everyMs: 5_000 });
    expect(every.ratePerSec).toBe(0.2);
    const cron = fitArrivals([], { key: 'k', name: 'nightly', pattern: '0 3 * * *' })!;
    expect(cron.arrival).toEqual({ type: 'schedule', cron: '0 3 * * *' });
  });

  it('needs two jobs without a scheduler', () => {
    expect(fitArrivals([EPOCH])).toBeNull();
    expect(fitArrivals([EPOCH, EPOCH, EPOCH])!.arrival).toEqual({
      type: 'burst',
      size: 3,
      everyMs: 3_600_000,
    });
  });
});
