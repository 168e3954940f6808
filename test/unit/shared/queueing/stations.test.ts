import { describe, expect, it } from 'vitest';
import { analyseQueueing } from '../../../../shared/queueing/stations';
import { mmcWait } from '../../../../shared/queueing/erlang';
import { simulate } from '../../../../shared/simulation/run';
import { edge, mmc, pipeline, producer, queue, worker } from '../simulation/documents';

describe('queueing analysis of a document', () => {
  it('gives exact Erlang C figures for an M/M/c station', () => {
    const doc = mmc(36, { type: 'exponential', meanMs: 200 }, 8);
    const { queues, workers } = analyseQueueing(doc);
    const q = queues.get('q')!;
    expect(q).toMatchObject({
      arrivalRatePerSec: 36,
      servers: 8,
      offeredLoad: 7.2,
      unstable: false,
      poissonArrivals: true,
      approximate: false,
    });
    expect(q.utilisation).toBeCloseTo(0.9, 12);
    expect(q.wait).toEqual(mmcWait(36, 200, 8));
    expect(workers.get('w')).toMatchObject({ capacity: 8, unstable: false, queueId: 'q' });
    expect(workers.get('w')!.utilisation).toBeCloseTo(0.9, 12);
  });

  it('marks non-exponential service approximate and agrees with P-K for M/D/1', () => {
    const q = analyseQueueing(mmc(8, { type: 'fixed', ms: 100 }, 1)).queues.get('q')!;
    expect(q.approximate).toBe(true);
    expect(q.wait!.meanWaitMs).toBeCloseTo(200, 9); // ρ / (2μ(1 − ρ)) = 0.8 · 100 / 0.4
  });

  it('flags ρ ≥ 1, a rate limit below the load, and a queue nobody consumes', () => {
    const over = analyseQueueing(mmc(11, { type: 'exponential', meanMs: 100 }, 1)).queues.get('q')!;
    expect(over).toMatchObject({ unstable: true, bottleneck: 'workers' });
    expect(over.wait).toBeUndefined();
    const limited = pipeline(
      'limited',
      [
        producer('p', { type: 'poisson', ratePerSec: 20 }),
        queue('q', { rateLimit: { max: 10, durationMs: 1000 } }),
        worker('w', { type: 'exponential', meanMs: 10 }, 4),
        queue('orphan'),
      ],
      [edge('p', 'q'), edge('q', 'w'), edge('p', 'orphan')],
    );
    const { queues } = analyseQueueing(limited);
    expect(queues.get('q')).toMatchObject({
      unstable: true,
      bottleneck: 'rate-limit',
      rateLimitPerSec: 10,
    });
    expect(queues.get('orphan')).toMatchObject({
      unstable: true,
      bottleneck: 'no-workers',
      utilisation: Infinity,
    });
  });

  it('counts retries in the offered load', () => {
    const doc = pipeline(
      'retries',
      [
        producer('p', { type: 'poisson', ratePerSec: 10 }),
        queue('q', { attempts: 3 }),
        worker('w', { type: 'exponential', meanMs: 100 }, 2, { failureRate: 0.5 }),
      ],
      [edge('p', 'q'), edge('q', 'w')],
    );
    const q = analyseQueueing(doc).queues.get('q')!;
    expect(q.attemptRatePerSec).toBeCloseTo(17.5, 9); // 1 + 0.5 + 0.25 attempts per job
    expect(q.utilisation).toBeCloseTo(0.875, 9);
    expect(q.approximate).toBe(true);
  });

  it('carries Poisson arrivals downstream (Burke) and approximates well after other stations', () => {
    const doc = pipeline(
      'tandem',
      [
        producer('p', { type: 'poisson', ratePerSec: 30 }),
        queue('a'),
        worker('wa', { type: 'exponential', meanMs: 100 }, 4),
        queue('b'),
        worker('wb', { type: 'exponential', meanMs: 50 }, 2),
        queue('c'),
        worker('wc', { type: 'fixed', ms: 30 }, 1),
        queue('d'),
        worker('wd', { type: 'exponential', meanMs: 20 }, 1),
      ],
      [
        edge('p', 'a'),
        edge('a', 'wa'),
        edge('wa', 'b'),
        edge('b', 'wb'),
        edge('wb', 'c', { probability: 0.8 }),
        edge('c', 'wc'),
        edge('wc', 'd'),
        edge('d', 'wd'),
      ],
    );
    const { queues } = analyseQueueing(doc);
    expect(queues.get('b')).toMatchObject({ poissonArrivals: true, approximate: false });
    expect(queues.get('c')).toMatchObject({ poissonArrivals: true, approximate: true });
    // Fixed service upstream smooths d's arrivals: the estimate is below the M/M/1 value.
    const d = queues.get('d')!;
    expect(d).toMatchObject({ poissonArrivals: false, approximate: true });
    expect(d.wait!.meanWaitMs).toBeLessThan(mmcWait(24, 20, 1)!.meanWaitMs);
    // Against the simulation: exact where the theory is exact (b: M/M/2 fed by Burke's Poisson
    // output; c: M/D/1, where Allen–Cunneen reduces to Pollaczek–Khinchine), and on the safe side
    // (between the simulated value and M/M/1) where arrivals are smoother than Poisson (d).
    const sim = simulate(doc, { seed: 3, durationMs: 3_600_000, warmupMs: 60_000 });
    const simWait = (id: string) => (sim.nodes[id] as { waitMs: { mean: number } }).waitMs.mean;
    for (const id of ['a', 'b', 'c']) {
      expect(Math.abs(simWait(id) / queues.get(id)!.wait!.meanWaitMs - 1)).toBeLessThan(0.06);
    }
    expect(simWait('d')).toBeLessThan(d.wait!.meanWaitMs);
  });
});
