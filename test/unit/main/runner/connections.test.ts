import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../../../shared/document';
import { connectionsNeeded } from '../../../../main/runner/connections';
import { planRun } from '../../../../main/runner/plan';
import { edge, pipeline, producer, queue, worker } from '../../shared/simulation/documents';

const service = { type: 'fixed', ms: 10 } as const;

function twoWorkers(scaled: boolean): PipelineDocument {
  const autoscale = { metric: 'waiting', targetPerReplica: 10, maxReplicas: 6 } as const;
  const doc = pipeline(
    'two workers',
    [
      producer('p', { type: 'constant', ratePerSec: 10 }),
      queue('q'),
      worker('a', service, 4, { replicas: 2, ...(scaled ? { autoscale } : {}) }),
      worker('b', service, 4),
    ],
    [edge('p', 'q'), edge('q', 'a'), edge('q', 'b')],
  );
  if (scaled) {
    doc.scenario = {
      events: [{ id: 'up', nodeId: 'b', atMs: 0, change: { type: 'replicas', replicas: 3 } }],
    };
  }
  return doc;
}

describe('connections a run needs', () => {
  it('counts the most replicas an autoscaler or a scenario may bring up, not only the design', () => {
    const design = planRun(twoWorkers(false));
    const plan = planRun(twoWorkers(true));
    if (!design.ok || !plan.ok) throw new Error('the pipeline should plan');
    expect(connectionsNeeded(design.plan)).toMatchObject({
      total: 3 + 2 + 1,
      workers: [
        { name: 'a', replicas: 2 },
        { name: 'b', replicas: 1 },
      ],
    });
    // 6 + 3 blocking connections, one shared per worker, one for the queues and producers.
    expect(connectionsNeeded(plan.plan)).toMatchObject({
      total: 9 + 2 + 1,
      workers: [
        { name: 'a', replicas: 6 },
        { name: 'b', replicas: 3 },
      ],
    });
  });
});
