import type { PipelineDocument, PipelineEdge, PipelineNode } from '../../shared/document';
import { NODE_DEFAULTS } from './new-node';

export interface LibraryFragment {
  id: string;
  label: string;
  description: string;
  keywords: string;
  build(): Pick<PipelineDocument, 'nodes' | 'edges'>;
}

const producer = (
  id: string,
  x: number,
  y: number,
  config = NODE_DEFAULTS.producer(),
): PipelineNode => ({
  id,
  kind: 'producer',
  name: id,
  position: { x, y },
  config,
});
const queue = (id: string, x: number, y: number, config = NODE_DEFAULTS.queue()): PipelineNode => ({
  id,
  kind: 'queue',
  name: id,
  position: { x, y },
  config,
});
const worker = (
  id: string,
  x: number,
  y: number,
  config = NODE_DEFAULTS.worker(),
): PipelineNode => ({
  id,
  kind: 'worker',
  name: id,
  position: { x, y },
  config,
});
const edge = (id: string, from: string, to: string, on?: 'failed'): PipelineEdge =>
  on ? { id, from, to, on } : { id, from, to };

/** Common background-job patterns, insertable from the quick-add box. */
export const FRAGMENT_LIBRARY: readonly LibraryFragment[] = [
  {
    id: 'chain',
    label: 'Producer → queue → worker',
    description: 'The basic chain: jobs are added, wait, and are worked.',
    keywords: 'chain basic pipeline starter',
    build: () => ({
      nodes: [producer('producer', 0, 0), queue('jobs', 260, 0), worker('worker', 520, 0)],
      edges: [edge('e1', 'producer', 'jobs'), edge('e2', 'jobs', 'worker')],
    }),
  },
  {
    id: 'dead-letter',
    label: 'Worker with retries and a dead-letter queue',
    description: 'Five attempts with exponential backoff; what still fails is parked.',
    keywords: 'dlq dead letter failed retry backoff',
    build: () => ({
      nodes: [
        queue('tasks', 0, 0, { ...NODE_DEFAULTS.queue(), attempts: 5 }),
        worker('task-worker', 260, 0, { ...NODE_DEFAULTS.worker(), failureRate: 0.05 }),
        queue('dead-letters', 540, 140, { removeOnComplete: true }),
      ],
      edges: [
        edge('e1', 'tasks', 'task-worker'),
        edge('e2', 'task-worker', 'dead-letters', 'failed'),
      ],
    }),
  },
  {
    id: 'rate-limited',
    label: 'Rate-limited queue and worker',
    description: 'At most 10 jobs start per second, across all workers (third-party API).',
    keywords: 'rate limit throttle api sync',
    build: () => ({
      nodes: [
        queue('api-calls', 0, 0, {
          ...NODE_DEFAULTS.queue(),
          rateLimit: { max: 10, durationMs: 1000 },
        }),
        worker('api-worker', 260, 0),
      ],
      edges: [edge('e1', 'api-calls', 'api-worker')],
    }),
  },
  {
    id: 'cron',
    label: 'Nightly job on a cron schedule',
    description: 'A BullMQ job scheduler at 03:00 every night, into its own queue.',
    keywords: 'cron schedule nightly report repeat',
    build: () => ({
      nodes: [
        producer('nightly', 0, 0, {
          jobName: 'nightly',
          arrival: { type: 'schedule', cron: '0 3 * * *' },
        }),
        queue('reports', 260, 0),
        worker('report-builder', 520, 0, {
          concurrency: 1,
          replicas: 1,
          service: { type: 'normal', meanMs: 30_000, stdDevMs: 5000 },
        }),
      ],
      edges: [edge('e1', 'nightly', 'reports'), edge('e2', 'reports', 'report-builder')],
    }),
  },
  {
    id: 'fan-out',
    label: 'Fan-out to two queues',
    description: 'Each job is added to two queues, worked independently.',
    keywords: 'fan out fanout parallel broadcast two',
    build: () => ({
      nodes: [
        producer('uploads', 0, 60),
        queue('thumbnails', 260, 0),
        queue('scans', 260, 140),
        worker('thumbnailer', 520, 0),
        worker('scanner', 520, 140),
      ],
      edges: [
        edge('e1', 'uploads', 'thumbnails'),
        edge('e2', 'uploads', 'scans'),
        edge('e3', 'thumbnails', 'thumbnailer'),
        edge('e4', 'scans', 'scanner'),
      ],
    }),
  },
  {
    id: 'burst',
    label: 'Bursty producer',
    description: '100 jobs at once every minute, e.g. a batch import.',
    keywords: 'burst batch spike import',
    build: () => ({
      nodes: [
        producer('batch', 0, 0, {
          jobName: 'import',
          arrival: { type: 'burst', size: 100, everyMs: 60_000 },
        }),
      ],
      edges: [],
    }),
  },
];
