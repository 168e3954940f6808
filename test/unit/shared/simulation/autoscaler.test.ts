import { describe, expect, it } from 'vitest';
import type { PipelineDocument, QueueConfig } from '../../../../shared/document/schema';
import type { WorkerFigures } from '../../../../shared/metrics/types';
import { timeToFinalFailure, uniformSumCdf } from '../../../../shared/queueing/retries';
import {
  Autoscaler,
  desiredReplicas,
  resolveAutoscale,
} from '../../../../shared/simulation/autoscaler';
import { Simulation } from '../../../../shared/simulation/engine';
import { edge, pipeline, producer, queue, worker } from './documents';

/**
 * Issue 16: an autoscaler with known polling, cooldown and start-up against a hand-computed replica
 * timeline. 50 jobs arrive at t = 0; one replica with one slot takes 1 s a job. The policy: the
 * waiting count, 10 per replica, 1 to 5 replicas, a poll every 10 s, a 30 s cooldown
 * (stabilisation window), 5 s to start a replica. A poll at the instant a job ends runs first (it
 * was scheduled earlier), and so does a replica becoming ready.
 *
 *   10 s: 10 jobs started (0 s … 9 s), 40 wait → desired ⌈40/10⌉ = 4 → 3 replicas start.
 *   15 s: they are ready: 15 jobs started, 35 wait; 4 slots take 4 → 31 wait.
 *   20 s: 16, 17, 18, 19 s each freed 4 slots: 15 wait → desired 2, but 4 was asked within 30 s
 *         → stays 4. (20 … 23 s drain the rest; from 24 s the queue is empty.)
 *   30 s: desired 1 (the minimum); the window [0, 30] holds 4 → 4.
 *   40 s: window [10, 40] holds 4 (at 10 s) → 4.
 *   50 s: window [20, 50] holds 2 (at 20 s) → 2.
 *   60 s: window [30, 60] holds only 1s → 1.
 * Replicas serving: 1 on [0, 15), 4 on [15, 50), 2 on [50, 60), 1 on [60, 70).
 * Replica-seconds paid (starting ones too): 10·1 + 5·4 + 35·4 + 10·2 + 10·1 = 200.
 * Mean serving: (15·1 + 35·4 + 10·2 + 10·1) / 70 = 185 / 70.
 */
function burst(): PipelineDocument {
  return pipeline(
    'Autoscaled',
    [
      producer('p', { type: 'burst', size: 50, everyMs: 1_000_000 }, { limit: 50 }),
      queue('q'),
      worker('w', { type: 'fixed', ms: 1000 }, 1, {
        autoscale: {
          metric: 'waiting',
          targetPerReplica: 10,
          minReplicas: 1,
          maxReplicas: 5,
          pollMs: 10_000,
          cooldownMs: 30_000,
          startupMs: 5_000,
        },
      }),
    ],
    [edge('p', 'q'), edge('q', 'w')],
  );
}

describe('the autoscaler', () => {
  it('follows the hand-computed replica timeline', () => {
    const replicas: [number, number, number][] = [];
    const sim = new Simulation(burst(), {
      durationMs: 70_000,
      snapshotIntervalMs: 5_000,
      onSnapshot: (s) => {
        const w = s.nodes.w as WorkerFigures;
        replicas.push([s.t, w.replicas!, w.startingReplicas!]);
      },
    });
    const summary = sim.run();
    expect(sim.workers[0]!.autoscaler!.decisions).toEqual([
      { atMs: 10_000, metric: 40, desired: 4, target: 4 },
      { atMs: 20_000, metric: 15, desired: 2, target: 4 },
      { atMs: 30_000, metric: 0, desired: 1, target: 4 },
      { atMs: 40_000, metric: 0, desired: 1, target: 4 },
      { atMs: 50_000, metric: 0, desired: 1, target: 2 },
      { atMs: 60_000, metric: 0, desired: 1, target: 1 },
    ]);
    expect(replicas).toEqual([
      [5_000, 1, 0],
      [10_000, 1, 3],
      [15_000, 4, 0],
      [20_000, 4, 0],
      [25_000, 4, 0],
      [30_000, 4, 0],
      [35_000, 4, 0],
      [40_000, 4, 0],
      [45_000, 4, 0],
      [50_000, 2, 0],
      [55_000, 2, 0],
      [60_000, 1, 0],
      [65_000, 1, 0],
      [70_000, 1, 0],
    ]);
    const w = summary.nodes.w!;
    expect(w.kind === 'worker' && w.completed).toBe(50);
    expect(w.kind === 'worker' && w.autoscale).toEqual({
      replicaSeconds: 200,
      replicas: { mean: 185 / 70, min: 1, max: 4 },
      scaleUps: 1,
      scaleDowns: 2,
    });
  });

  it("reads BullMQ's wait list for `waiting`: prioritised and delayed jobs are not in it", () => {
    const firstMetric = (metric: 'waiting' | 'waiting+delayed', jobOptions: object) => {
      const doc = burst();
      const p = doc.nodes[0]!;
      const w = doc.nodes[2]!;
      if (p.kind !== 'producer' || w.kind !== 'worker' || !w.config.autoscale) throw new Error();
      p.config.jobOptions = jobOptions;
      w.config.autoscale = { ...w.config.autoscale, metric };
      const sim = new Simulation(doc, { durationMs: 11_000 });
      sim.run();
      return sim.workers[0]!.autoscaler!.decisions[0]!.metric;
    };
    expect(firstMetric('waiting', { priority: 5 })).toBe(0);
    expect(firstMetric('waiting+delayed', { priority: 5 })).toBe(40);
    expect(firstMetric('waiting', { delayMs: 60_000 })).toBe(0);
    expect(firstMetric('waiting+delayed', { delayMs: 60_000 })).toBe(50);
  });

  it('cancels replicas still starting before they serve, and stops paying for them', () => {
    const doc = burst();
    const w = doc.nodes[2]!;
    if (w.kind !== 'worker' || !w.config.autoscale) throw new Error('autoscaled worker expected');
    // A poll every second (each runs before the job ending at that instant), no cooldown, and
    // 30.5 s to start a replica. At k s, k jobs have started and 50 − k wait: desired
    // ⌈(50 − k)/10⌉ = 5 for k = 1…9 (4 start), 4 for 10…19, 3 for 20…29, 2 for 30 and 31. Each step
    // down cancels one of the starting replicas; none ever serves before 31.5 s.
    // Paid: 1·1 s + 5·9 s + 4·10 s + 3·10 s + 2·1.5 s = 119 replica-seconds.
    w.config.autoscale = { ...w.config.autoscale, pollMs: 1000, cooldownMs: 0, startupMs: 30_500 };
    const sim = new Simulation(doc, { durationMs: 31_500 });
    const summary = sim.run();
    const a = sim.workers[0]!.autoscaler!;
    expect(a.decisions.map((d) => d.target)).toEqual([
      ...Array<number>(9).fill(5),
      ...Array<number>(10).fill(4),
      ...Array<number>(10).fill(3),
      2,
      2,
    ]);
    expect([a.starting, a.cancelled]).toEqual([4, 3]);
    const s = summary.nodes.w!;
    expect(s.kind === 'worker' && s.autoscale).toEqual({
      replicaSeconds: 119,
      replicas: { mean: 1, min: 1, max: 1 },
      scaleUps: 1,
      scaleDowns: 3,
    });
  });
});

describe("the autoscaler's rule, shared by the simulator and the runner", () => {
  const policy = { metric: 'waiting', targetPerReplica: 10, maxReplicas: 5 } as const;

  it('asks ⌈metric / target⌉ replicas within [min, max]', () => {
    const p = resolveAutoscale({ ...policy, minReplicas: 2 });
    expect([0, 10, 20, 21, 49, 50, 51, 500].map((m) => desiredReplicas(p, m))).toEqual([
      2, 2, 2, 3, 5, 5, 5, 5,
    ]);
  });

  it('steps up at once without a start-up delay, and scales down by stopping serving ones', () => {
    const a = new Autoscaler({ ...policy, cooldownMs: 0 });
    a.seed(1);
    expect(a.step(a.decide(1000, 35, 1), 1)).toEqual({ startNow: 3, startLater: 0, stop: 0 });
    expect(a.step(a.decide(2000, 0, 4), 4)).toEqual({ startNow: 0, startLater: 0, stop: 3 });
  });

  it('starts replicas that serve after the delay, cancelling those still starting first', () => {
    const a = new Autoscaler({ ...policy, cooldownMs: 0, startupMs: 5000 });
    a.seed(1);
    expect(a.step(a.decide(1000, 35, 1), 1)).toEqual({ startNow: 0, startLater: 3, stop: 0 });
    // Before they serve, the backlog is gone: two of the three starting are cancelled.
    expect(a.step(a.decide(2000, 15, 4), 1)).toEqual({ startNow: 0, startLater: 0, stop: 0 });
    expect([a.starting, a.cancelled]).toEqual([3, 2]);
    // It grows again: one cancelled start counts again instead of a new one.
    expect(a.step(a.decide(3000, 25, 2), 1)).toEqual({ startNow: 0, startLater: 0, stop: 0 });
    expect(a.ready(3)).toBe(2);
    expect([a.starting, a.cancelled]).toEqual([0, 0]);
  });
});

describe('jittered backoff', () => {
  it('gives times to final failure distributed as the closed form says', () => {
    // Every attempt fails; 4 attempts, exponential backoff from 1 s with 50 % jitter, 100 ms
    // attempts on plenty of slots: time from first start to final failure = 4 · 100 ms + the
    // three delays, uniform on [500, 1000], [1000, 2000], [2000, 4000] ms.
    const config: QueueConfig = {
      attempts: 4,
      backoff: { type: 'exponential', delayMs: 1000, jitter: 0.5 },
    };
    const doc = pipeline(
      'Jitter',
      [
        producer('p', { type: 'constant', ratePerSec: 20 }, { limit: 4000 }),
        queue('q', config),
        worker('w', { type: 'fixed', ms: 100 }, 1000, { failureRate: 1 }),
      ],
      [edge('p', 'q'), edge('q', 'w')],
    );
    const firstStart = new Map<number, number>();
    const times: number[] = [];
    new Simulation(doc, {
      durationMs: 400_000,
      seed: 7,
      trace: (e) => {
        if (e.type === 'started' && e.attemptsMade === 0) firstStart.set(e.job, e.t);
        if (e.type === 'failed') times.push(e.t - firstStart.get(e.job)!);
      },
    }).run();
    expect(times).toHaveLength(4000);
    const closed = timeToFinalFailure(config, 100);
    expect([closed.minMs, closed.maxMs]).toEqual([3900, 7400]);
    // Kolmogorov–Smirnov distance between the simulated times and the closed-form CDF.
    const sorted = [...times].sort((a, b) => a - b);
    const widths = [500, 1000, 2000];
    let d = 0;
    sorted.forEach((x, i) => {
      const f = uniformSumCdf(x - 3900, widths);
      d = Math.max(d, Math.abs((i + 1) / sorted.length - f), Math.abs(i / sorted.length - f));
    });
    // Critical value at α = 0.001 for n = 4000: 1.95 / √4000 ≈ 0.031.
    expect(d).toBeLessThan(1.95 / Math.sqrt(sorted.length));
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    expect(mean).toBeCloseTo(closed.meanMs, -1.5); // within ±~16 ms of 5650 ms
    expect(closed.meanMs).toBe(5650);
  });
});
