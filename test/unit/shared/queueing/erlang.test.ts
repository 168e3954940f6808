import { describe, expect, it } from 'vitest';
import {
  erlangC,
  ggcWait,
  mmcWait,
  pollaczekKhinchineWaitMs,
} from '../../../../shared/queueing/erlang';

describe('Erlang C', () => {
  it('matches textbook values', () => {
    // M/M/1: P(wait) = ρ.
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
    // c = 2, a = 1: C = 1/3.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    // c = 10, a = 8 (a common table entry): 0.4092.
    expect(erlangC(10, 8)).toBeCloseTo(0.40918, 4);
    expect(erlangC(4, 0)).toBe(0);
    expect(erlangC(4, 4)).toBe(1);
    // Large stations stay finite and sensible.
    expect(erlangC(10_000, 9_900)).toBeGreaterThan(0);
    expect(erlangC(10_000, 9_900)).toBeLessThan(1);
    expect(erlangC(1_000_000, 10)).toBe(0);
  });

  it('gives M/M/c waits, with the p95 of the exponential tail', () => {
    const w = mmcWait(8, 100, 1)!; // λ = 8/s, E[S] = 100 ms, ρ = 0.8
    expect(w.probabilityOfWaiting).toBeCloseTo(0.8, 12);
    expect(w.meanWaitMs).toBeCloseTo(400, 9);
    expect(w.meanTimeInSystemMs).toBeCloseTo(500, 9);
    expect(w.meanWaiting).toBeCloseTo(3.2, 9); // L_q = ρ² / (1 − ρ)
    // P(W > t) = ρ e^{−(μ−λ)t} = 0.05 → t = ln(16) / 2 per s.
    expect(w.p95WaitMs).toBeCloseTo((Math.log(16) / 2) * 1000, 6);
    expect(mmcWait(10, 100, 1)).toBeUndefined();
    expect(mmcWait(1, 100, 4)!.p95WaitMs).toBe(0); // almost nobody waits
  });

  it('scales the wait by (ca² + cs²) / 2 (Allen–Cunneen), exact for M/D/1 and M/G/1', () => {
    expect(ggcWait(8, 100, 1, 1, 0)!.meanWaitMs).toBeCloseTo(
      pollaczekKhinchineWaitMs(8, 100, 0)!,
      9,
    );
    expect(ggcWait(5, 100, 1, 1, 2.5)!.meanWaitMs).toBeCloseTo(
      pollaczekKhinchineWaitMs(5, 100, 2.5)!,
      9,
    );
    expect(ggcWait(5, 0, 3, 1, 1)).toMatchObject({ meanWaitMs: 0, p95WaitMs: 0 });
    expect(pollaczekKhinchineWaitMs(10, 100, 1)).toBeUndefined();
  });
});
