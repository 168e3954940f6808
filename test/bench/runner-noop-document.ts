import type { PipelineDocument } from '../../shared/document';

/**
 * The no-op throughput workload: one producer far above what Redis takes (it adds as fast as it
 * can, in batches) into one queue with one no-op worker.
 */
export const noopThroughputDocument = (jobs: number, concurrency = 10): PipelineDocument => ({
  format: 'pipewright/v1',
  name: 'no-op throughput',
  settings: { prefix: 'pwbench' },
  nodes: [
    {
      id: 'p',
      kind: 'producer',
      name: 'p',
      position: { x: 0, y: 0 },
      config: { jobName: 'job', arrival: { type: 'constant', ratePerSec: 100_000 }, limit: jobs },
    },
    { id: 'q', kind: 'queue', name: 'bench', position: { x: 0, y: 0 }, config: {} },
    {
      id: 'w',
      kind: 'worker',
      name: 'w',
      position: { x: 0, y: 0 },
      config: { concurrency, replicas: 1, service: { type: 'fixed', ms: 0 } },
    },
  ],
  edges: [
    { id: 'e1', from: 'p', to: 'q' },
    { id: 'e2', from: 'q', to: 'w' },
  ],
});
