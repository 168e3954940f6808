import type { PipelineDocument } from '../../../shared/document';
import { edge, pipeline, producer, queue, worker } from '../runner/helpers';

/** producer → three queues and workers in a chain, on a cluster. */
export function clusterChain(ratePerSec = 40): PipelineDocument {
  const doc = pipeline(
    'cluster chain',
    [
      producer('orders', { arrival: { type: 'constant', ratePerSec } }),
      queue('incoming'),
      worker('validate', { concurrency: 4 }),
      queue('charge'),
      worker('charger', { concurrency: 4, replicas: 2 }),
      queue('ship'),
      worker('shipper', { concurrency: 2 }),
    ],
    [
      edge('orders', 'incoming'),
      edge('incoming', 'validate'),
      edge('validate', 'charge'),
      edge('charge', 'charger'),
      edge('charger', 'ship'),
      edge('ship', 'shipper'),
    ],
  );
  doc.settings = { ...doc.settings, cluster: true };
  return doc;
}
