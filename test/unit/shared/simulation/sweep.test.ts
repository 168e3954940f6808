import { describe, expect, it } from 'vitest';
import {
  applyParameter,
  largestToMeet,
  smallestToMeet,
  sweep,
  sweepAsync,
} from '../../../../shared/simulation/sweep';
import { SimulationCancelledError } from '../../../../shared/simulation/run';
import { edge, mmc, pipeline, producer, queue, worker } from './documents';

// 90 jobs/s of 100 ms each: needs at least 10 slots (9 erlangs offered).
const doc = mmc(90, { type: 'exponential', meanMs: 100 }, 4);

describe('what-if sweep', () => {
  it('finds the smallest concurrency that keeps p95 wait under the target', () => {
    const result = sweep(doc, { kind: 'concurrency', workerId: 'w' }, [14, 10, 11, 12, 13], {
      durationMs: 300_000,
      warmupMs: 30_000,
      replications: 3,
    });
    expect(result.points.map((p) => p.value)).toEqual([10, 11, 12, 13, 14]);
    const p95 = result.points.map((p) => p.p95WaitMs.mean);
    for (let i = 1; i < p95.length; i++) expect(p95[i]!).toBeLessThan(p95[i - 1]!);
    for (const p of result.points) {
      expect(p.queueId).toBe('q');
      expect(p.utilisation.mean).toBeCloseTo(9 / p.value, 1);
      expect(p.utilisation.halfWidth).toBeGreaterThan(0);
      expect(p.summary.replications).toBe(3);
    }
    // Erlang C p95 wait: c = 11 → 108 ms, 12 → 56 ms, 13 → 29 ms, 14 → 12 ms.
    expect(smallestToMeet(result, 80)?.value).toBe(12);
    expect(smallestToMeet(result, 40)?.value).toBe(13);
    expect(smallestToMeet(result, 1)).toBeUndefined();
  });

  it('sweeps a producer rate and replicas, and tells the most load a setup takes', async () => {
    const rates = await sweepAsync(doc, { kind: 'rate', producerId: 'p' }, [10, 20, 30, 38], {
      durationMs: 120_000,
      replications: 2,
    });
    // Erlang C p95 wait on 4 slots: 20/s → 62 ms, 30/s → 232 ms.
    expect(largestToMeet(rates, 100)?.value).toBe(20);
    expect(rates.points[3]!.p95WaitMs.mean).toBeGreaterThan(rates.points[1]!.p95WaitMs.mean);
    const replicas = sweep(doc, { kind: 'replicas', workerId: 'w' }, [3, 4], {
      durationMs: 60_000,
    });
    expect(replicas.points[1]!.utilisation.mean).toBeLessThan(replicas.points[0]!.utilisation.mean);
    await expect(
      sweepAsync(
        doc,
        { kind: 'concurrency', workerId: 'w' },
        [10],
        { durationMs: 86_400_000 },
        {
          signal: AbortSignal.abort(),
        },
      ),
    ).rejects.toBeInstanceOf(SimulationCancelledError);
  });

  it('changes every arrival type to the new rate and refuses what it cannot vary', () => {
    const rateOf = (arrival: Parameters<typeof producer>[1]) => {
      const d = pipeline('r', [producer('p', arrival), queue('q')], [edge('p', 'q')]);
      const changed = applyParameter(d, { kind: 'rate', producerId: 'p' }, 20).nodes[0]!;
      return changed.kind === 'producer' ? changed.config.arrival : undefined;
    };
    expect(rateOf({ type: 'constant', ratePerSec: 1 })).toEqual({
      type: 'constant',
      ratePerSec: 20,
    });
    expect(rateOf({ type: 'burst', size: 10, everyMs: 1000 })).toEqual({
      type: 'burst',
      size: 10,
      everyMs: 500,
    });
    expect(rateOf({ type: 'ramp', fromPerSec: 1, toPerSec: 4, overMs: 10 })).toEqual({
      type: 'ramp',
      fromPerSec: 5,
      toPerSec: 20,
      overMs: 10,
    });
    expect(rateOf({ type: 'schedule', everyMs: 10 })).toEqual({ type: 'schedule', everyMs: 50 });
    expect(() => rateOf({ type: 'schedule', cron: '* * * * *' })).toThrow(
      /cron schedule has no rate/,
    );
    expect(() => applyParameter(doc, { kind: 'concurrency', workerId: 'w' }, 1.5)).toThrow(
      /concurrency must be an integer from 1 to 10000/,
    );
    expect(() => applyParameter(doc, { kind: 'replicas', workerId: 'q' }, 2)).toThrow(
      /no worker with id "q"/,
    );
    const idle = pipeline('idle', [queue('q'), worker('w', { type: 'fixed', ms: 1 })], []);
    expect(() => sweep(idle, { kind: 'concurrency', workerId: 'w' }, [1])).toThrow(
      /consumes no queue/,
    );
    expect(() => sweep(doc, { kind: 'concurrency', workerId: 'w' }, [])).toThrow(
      /at least one value/,
    );
  });
});
