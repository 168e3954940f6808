import { describe, expect, it } from 'vitest';
import { autoscaleRange } from '../../../../../shared/validation/rules/autoscale-range';
import { chain, pipeline, run, worker } from '../build';

describe('autoscale-range', () => {
  it('accepts a sane policy, and no policy', () => {
    const policy = { metric: 'waiting+delayed' as const, targetPerReplica: 10, maxReplicas: 5 };
    expect(run(autoscaleRange, chain({}, {}, { autoscale: policy }))).toEqual([]);
    expect(
      run(
        autoscaleRange,
        chain(
          {},
          {},
          { concurrency: 10, autoscale: { metric: 'active', targetPerReplica: 8, maxReplicas: 5 } },
        ),
      ),
    ).toEqual([]);
    expect(run(autoscaleRange, chain())).toEqual([]);
  });

  it('refuses minReplicas above maxReplicas', () => {
    const doc = chain(
      {},
      {},
      {
        autoscale: { metric: 'waiting', targetPerReplica: 10, minReplicas: 4, maxReplicas: 2 },
      },
    );
    expect(run(autoscaleRange, doc)).toEqual([
      {
        rule: 'autoscale-range',
        severity: 'error',
        nodeId: 'w',
        message: 'worker "w" autoscales between 4 and 2 replicas: minReplicas is above maxReplicas',
        hint: 'raise autoscale.maxReplicas to 4 or more, or lower autoscale.minReplicas to 2 or less',
      },
    ]);
  });

  it('refuses an active-jobs target a replica can never reach', () => {
    const doc = chain(
      {},
      {},
      {
        concurrency: 5,
        autoscale: { metric: 'active', targetPerReplica: 5, maxReplicas: 4 },
      },
    );
    expect(run(autoscaleRange, doc)).toEqual([
      expect.objectContaining({
        message:
          'worker "w" autoscales on active jobs with a target of 5 per replica, but a replica runs at most 5 at once, so it can never ask for more replicas',
        hint: 'set autoscale.targetPerReplica below the concurrency (say 4), or scale on "waiting+delayed"',
      }),
    ]);
  });

  it('refuses scaling on active jobs down to zero, from which it could never come back', () => {
    const doc = chain(
      {},
      {},
      {
        concurrency: 10,
        autoscale: { metric: 'active', targetPerReplica: 5, minReplicas: 0, maxReplicas: 4 },
      },
    );
    expect(run(autoscaleRange, doc)).toEqual([
      expect.objectContaining({
        message:
          'worker "w" autoscales on active jobs down to 0 replicas, but with no replica no job is active, so it would never scale back up',
        hint: 'set autoscale.minReplicas to 1 or more, or scale on "waiting+delayed" to scale from zero',
      }),
    ]);
  });

  it('warns about a worker without a queue to watch', () => {
    const doc = pipeline(
      [worker('w', { autoscale: { metric: 'waiting', targetPerReplica: 1, maxReplicas: 3 } })],
      [],
    );
    expect(run(autoscaleRange, doc)).toEqual([
      expect.objectContaining({ severity: 'warning', nodeId: 'w' }),
    ]);
  });
});
