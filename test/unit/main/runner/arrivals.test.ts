import { describe, expect, it } from 'vitest';
import { ArrivalClock } from '../../../../main/runner/arrivals';
import { arrivalRatePerSecAt, meanArrivalRatePerSec } from '../../../../shared/document';
import { Random } from '../../../../shared/simulation/random';

const ramp = { type: 'ramp', fromPerSec: 100, toPerSec: 1000, overMs: 10_000 } as const;

/** Arrivals the runner's clock makes in [fromMs, toMs). */
function count(clock: ArrivalClock, fromMs: number, toMs: number): number {
  let n = 0;
  while (clock.nextAt < toMs) {
    if (clock.nextAt >= fromMs) n += clock.size;
    clock.advance();
  }
  return n;
}

describe('runner arrivals and the theory agree on a ramp', () => {
  it('states the rate the ramp rule gives, settling to the theory’s long-run rate', () => {
    const clock = new ArrivalClock(ramp, 2000, new Random(1));
    expect(clock.ratePerSecAt(0)).toBe(100); // before the producer starts: the ramp's first rate
    expect(clock.ratePerSecAt(2000)).toBe(100);
    expect(clock.ratePerSecAt(7000)).toBe(550);
    expect(clock.ratePerSecAt(12_000)).toBe(1000);
    expect(clock.ratePerSecAt(60_000)).toBe(meanArrivalRatePerSec(ramp));
    expect(arrivalRatePerSecAt(ramp, Infinity)).toBe(meanArrivalRatePerSec(ramp));
  });

  it('delivers the jobs that rate integrates to, during the ramp and after it', () => {
    const clock = new ArrivalClock(ramp, 0, new Random(1));
    // First second: mean of 100 and 190 jobs/s, plus the one at t = 0 (constant-style start).
    expect(count(clock, 0, 1000)).toBe(146);
    // Seconds 4–5 of the ramp: rates 460 → 550, so 505 jobs (±1 for the edges of the window).
    expect(Math.abs(count(clock, 4000, 5000) - 505)).toBeLessThanOrEqual(1);
    // The rest of the ramp (550 → 1000 jobs/s over 5 s), then 10 s at 1000 jobs/s.
    expect(Math.abs(count(clock, 5000, 20_000) - (3875 + 10_000))).toBeLessThanOrEqual(1);
    // Well after the ramp: the long-run rate the theory (queueing, validation) uses.
    expect(count(clock, 20_000, 30_000)).toBe(10 * meanArrivalRatePerSec(ramp));
  });

  it('follows a live rate change: the new rate from then on, none once stopped', () => {
    const clock = new ArrivalClock(ramp, 0, new Random(1));
    clock.setRate(40, 3000);
    expect(clock.ratePerSecAt(3000)).toBe(40);
    expect(clock.ratePerSecAt(50_000)).toBe(40);
    clock.setRate(0, 4000);
    expect(clock.ratePerSecAt(5000)).toBe(0);
  });

  it("goes back to the design when a scenario's rate change ends, restarted from then", () => {
    const clock = new ArrivalClock(ramp, 2000, new Random(1));
    clock.setRate(0, 3000);
    clock.restore(ramp, 2000, 6000);
    // The ramp starts again at 6 s, as the simulator's designArrival restarts it.
    expect(clock.nextAt).toBe(6000);
    expect(clock.ratePerSecAt(6000)).toBe(100);
    expect(clock.ratePerSecAt(11_000)).toBe(550);
    // A spike that ends before the producer starts: the design from its own start.
    clock.restore(ramp, 2000, 1000);
    expect(clock.nextAt).toBe(2000);
  });
});
