import { describe, expect, it } from 'vitest';
import { mmcWait, pollaczekKhinchineWaitMs } from '../../../../shared/queueing/erlang';
import { Simulation } from '../../../../shared/simulation/engine';
import { edge, mmc, pipeline, producer, queue, worker } from './documents';

/**
 * The simulator against queueing theory, with fixed seeds. Mean service 100 ms throughout; the
 * first 100 s of simulated time are warm-up. Heavily loaded small stations converge slowest
 * (their waits are strongly correlated), so they get 4M jobs instead of 1M.
 */
const MEAN_MS = 100;
const jobsFor = (servers: number, rho: number) =>
  rho >= 0.9 && servers <= 4 ? 4_000_000 : 1_000_000;

describe('simulation vs Erlang C (M/M/c, mean time in system within 3 %)', () => {
  for (const servers of [1, 4, 16]) {
    for (const rho of [0.5, 0.8, 0.9]) {
      it(`M/M/${servers} at ρ = ${rho}`, () => {
        const lambda = (rho * servers * 1000) / MEAN_MS;
        const expected = mmcWait(lambda, MEAN_MS, servers)!;
        const sim = new Simulation(mmc(lambda, { type: 'exponential', meanMs: MEAN_MS }, servers), {
          seed: 11,
          jobs: jobsFor(servers, rho),
          warmupMs: 100_000,
        });
        const summary = sim.run();
        const timeInSystem = summary.endToEndMs.mean;
        expect(Math.abs(timeInSystem / expected.meanTimeInSystemMs - 1)).toBeLessThan(0.03);
        const w = summary.nodes.w!;
        expect(w.kind === 'worker' && Math.abs(w.utilisation / rho - 1)).toBeLessThan(0.01);
      });
    }
  }
});

describe('simulation vs Pollaczek–Khinchine (M/D/1, within 3 %)', () => {
  for (const rho of [0.5, 0.8, 0.9]) {
    it(`M/D/1 at ρ = ${rho}`, () => {
      const lambda = (rho * 1000) / MEAN_MS;
      const expected = pollaczekKhinchineWaitMs(lambda, MEAN_MS, 0)! + MEAN_MS;
      const summary = new Simulation(mmc(lambda, { type: 'fixed', ms: MEAN_MS }, 1), {
        seed: 5,
        jobs: jobsFor(1, rho),
        warmupMs: 100_000,
      }).run();
      expect(Math.abs(summary.endToEndMs.mean / expected - 1)).toBeLessThan(0.03);
    });
  }
});

describe("Little's law per queue (L = λW within 1 %)", () => {
  it('holds for every queue of a three-stage pipeline with retries and fan-out', () => {
    const doc = pipeline(
      'three stages',
      [
        producer('p', { type: 'poisson', ratePerSec: 30 }),
        queue('a', { attempts: 3, backoff: { type: 'fixed', delayMs: 50 } }),
        worker('wa', { type: 'exponential', meanMs: 100 }, 4, { failureRate: 0.1 }),
        queue('b'),
        worker('wb', { type: 'lognormal', meanMs: 50, stdDevMs: 80 }, 2),
        queue('c'),
        worker('wc', { type: 'uniform', minMs: 10, maxMs: 50 }, 2),
      ],
      [
        edge('p', 'a'),
        edge('a', 'wa'),
        edge('wa', 'b'),
        edge('wa', 'c', { probability: 0.5 }),
        edge('b', 'wb'),
        edge('wb', 'c'),
        edge('c', 'wc'),
      ],
    );
    const sim = new Simulation(doc, { seed: 2, durationMs: 4 * 3_600_000, warmupMs: 60_000 });
    const summary = sim.run();
    const span = summary.durationMs;
    for (const q of sim.queues) {
      const waits = q.wait;
      const meanWaiting = q.waitingLevel.mean(sim.now);
      const littles = ((waits.count / span) * waits.sum) / waits.count;
      expect(meanWaiting).toBeGreaterThan(0.05);
      expect(Math.abs(littles / meanWaiting - 1)).toBeLessThan(0.01);
    }
  });
});
