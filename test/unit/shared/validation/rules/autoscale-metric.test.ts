import { describe, expect, it } from 'vitest';
import { autoscaleMetric } from '../../../../../shared/validation/rules/autoscale-metric';
import { chain, run } from '../build';

const on = (metric: 'waiting' | 'waiting+delayed') => ({
  autoscale: { metric, targetPerReplica: 10, maxReplicas: 5 },
});
const retries = { attempts: 3, backoff: { type: 'fixed' as const, delayMs: 1000 } };

describe('autoscale-metric', () => {
  it('says nothing when the wait list is the whole backlog, or the metric counts delayed jobs', () => {
    expect(run(autoscaleMetric, chain({}, {}, on('waiting')))).toEqual([]);
    expect(run(autoscaleMetric, chain({}, { attempts: 3 }, on('waiting')))).toEqual([]);
    expect(run(autoscaleMetric, chain({}, retries, on('waiting+delayed')))).toEqual([]);
  });

  it('warns that retries in backoff are not in the wait list', () => {
    expect(run(autoscaleMetric, chain({}, retries, on('waiting')))).toEqual([
      {
        rule: 'autoscale-metric',
        severity: 'warning',
        nodeId: 'w',
        message:
          'worker "w" autoscales on the waiting count of queue "q", which leaves out retries waiting out their backoff (delayed): the autoscaler does not see that part of the backlog',
        hint: 'scale on "waiting+delayed" (the whole backlog), or accept that those jobs do not add replicas',
      },
    ]);
  });

  it('warns about delayed and prioritised jobs of the producers', () => {
    const doc = chain({ jobOptions: { delayMs: 500, priority: 3 } }, {}, on('waiting'));
    expect(run(autoscaleMetric, doc)[0]!.message).toContain(
      'leaves out delayed jobs of producer "p" and prioritised jobs of producer "p"',
    );
  });
});
