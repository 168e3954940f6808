import { describe, expect, it } from 'vitest';
import {
  autoscaleCandidates,
  sweepAutoscale,
  sweepAutoscaleAsync,
} from '../../../../shared/simulation/autoscale-sweep';
import { SimulationCancelledError } from '../../../../shared/simulation/run';
import { spikeDocument as spike } from './documents';

const grid = { targetPerReplica: [0.5, 5], maxReplicas: [1, 2], minReplicas: [1, 2] };
const target = { measure: 'wait' as const, p95Ms: 500 };

const options = { durationMs: 120_000, replications: 2 };
const policy = (targetPerReplica: number, minReplicas: number, maxReplicas: number) => ({
  metric: 'waiting+delayed',
  targetPerReplica,
  minReplicas,
  maxReplicas,
  pollMs: 1000,
  cooldownMs: 30_000,
});

describe('the cheapest autoscale policy', () => {
  it('tries the grid on the worker’s own polling and cooldown, skipping min above max', () => {
    expect(autoscaleCandidates(spike(), 'w', grid)).toEqual([
      policy(0.5, 1, 1),
      policy(5, 1, 1),
      policy(0.5, 1, 2),
      policy(5, 1, 2),
      policy(0.5, 2, 2),
      policy(5, 2, 2),
    ]);
  });

  it('finds the policy that adds a replica only for the spike, with the table of candidates', () => {
    const result = sweepAutoscale(spike(), 'w', target, grid, options);
    expect(result.best?.policy).toEqual(policy(0.5, 1, 2));
    expect(result.best?.replicaSeconds).toEqual({ mean: 151, halfWidth: 0 });
    expect(result.best?.p95Ms.mean).toBe(0);
    const rows = result.candidates.map((c) => [
      c.policy.targetPerReplica,
      c.policy.minReplicas,
      c.policy.maxReplicas,
      Math.round(c.replicaSeconds.mean),
      c.holds,
    ]);
    // Those that hold, cheapest first (a lazier target wins a tie), then those that fail.
    expect(rows).toEqual([
      [0.5, 1, 2, 151, true],
      [5, 2, 2, 239, true],
      [0.5, 2, 2, 239, true],
      [5, 1, 1, 120, false],
      [0.5, 1, 1, 120, false],
      [5, 1, 2, expect.any(Number), false],
    ]);
    const failing = result.candidates.filter((c) => !c.holds);
    for (const c of failing) expect(c.p95Ms.mean).toBeGreaterThan(1000);
  });

  it('answers none when no policy holds', () => {
    const result = sweepAutoscale(spike(), 'w', target, { ...grid, maxReplicas: [1] }, options);
    expect(result.best).toBeUndefined();
    expect(result.candidates.map((c) => c.holds)).toEqual([false, false]);
  });

  it('gives the same answer in slices, and stops when cancelled', async () => {
    const sync = sweepAutoscale(spike(), 'w', target, grid, options);
    const progress: number[] = [];
    const async = await sweepAutoscaleAsync(spike(), 'w', target, grid, options, {
      sliceEvents: 100,
      onProgress: (f) => progress.push(f),
    });
    expect(async).toEqual(sync);
    expect(progress.at(-1)).toBeCloseTo(1, 6);
    const controller = new AbortController();
    controller.abort();
    await expect(
      sweepAutoscaleAsync(spike(), 'w', target, grid, options, { signal: controller.signal }),
    ).rejects.toThrow(SimulationCancelledError);
  });

  it('says what is wrong with a grid, a target or a worker', () => {
    expect(() => autoscaleCandidates(spike(), 'w', { ...grid, maxReplicas: [1.5] })).toThrow(
      'max replicas must be a whole number >= 1, got 1.5',
    );
    expect(() =>
      autoscaleCandidates(spike(), 'w', { ...grid, minReplicas: [3], maxReplicas: [2] }),
    ).toThrow('every min replicas is above every max replicas');
    expect(() => sweepAutoscale(spike(), 'w', { measure: 'wait', p95Ms: 0 }, grid)).toThrow(
      'the p95 target must be a number of ms > 0, got 0',
    );
    expect(() => sweepAutoscale(spike(), 'q', target, grid)).toThrow(
      'there is no worker with id "q"',
    );
  });

  it('keeps a policy the model refuses as a row with its problem', () => {
    const doc = spike();
    const w = doc.nodes[2]!;
    if (w.kind !== 'worker' || !w.config.autoscale) throw new Error('worker expected');
    w.config.autoscale.metric = 'active';
    const result = sweepAutoscale(doc, 'w', target, { ...grid, minReplicas: [1] }, options);
    const refused = result.candidates.filter((c) => c.problem !== undefined);
    // On `active`, one slot per replica never reaches 5 busy slots: those policies cannot scale.
    expect(refused.map((c) => c.policy.targetPerReplica)).toEqual([5, 5]);
    expect(refused[0]!.problem).toMatch(/target/);
    expect(refused.every((c) => !c.holds)).toBe(true);
  });
});
