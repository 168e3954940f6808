import type {
  NodeKind,
  PipelineDocument,
  PipelineNode,
  ProducerNode,
  QueueNode,
  WorkerNode,
} from '../../shared/document';
import type { XY } from '../../shared/layout/layered';
import { numbered } from './names';

export type { XY };

/**
 * Settings a new node starts with: a modest, stable pipeline (1 job/s into a queue with BullMQ's
 * usual retry policy, worked by 5 slots at ~200 ms), so a freshly drawn chain validates clean.
 */
export const NODE_DEFAULTS = {
  producer: (): ProducerNode['config'] => ({
    jobName: 'job',
    arrival: { type: 'poisson', ratePerSec: 1 },
  }),
  queue: (): QueueNode['config'] => ({
    attempts: 3,
    backoff: { type: 'exponential', delayMs: 1000 },
    removeOnComplete: { count: 1000 },
    removeOnFail: { count: 5000 },
  }),
  worker: (): WorkerNode['config'] => ({
    concurrency: 5,
    replicas: 1,
    service: { type: 'lognormal', meanMs: 200, stdDevMs: 100 },
  }),
} as const;

export const KIND_LABELS: Record<NodeKind, string> = {
  producer: 'Producer',
  queue: 'Queue',
  worker: 'Worker',
};

export const KIND_DESCRIPTIONS: Record<NodeKind, string> = {
  producer: 'Adds jobs to queues at a rate or on a schedule',
  queue: 'Holds jobs; sets retries, backoff, rate limit',
  worker: 'Takes jobs from one queue and processes them',
};

/** A new node of `kind` at `position`, with an id and a name not used in `doc`. */
export function createNode(doc: PipelineDocument, kind: NodeKind, position: XY): PipelineNode {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const names = new Set(doc.nodes.map((n) => n.name));
  const taken = new Set([...ids, ...names]);
  const name = numbered(kind, taken);
  const base = {
    id: name,
    name,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  };
  switch (kind) {
    case 'producer':
      return { ...base, kind, config: NODE_DEFAULTS.producer() };
    case 'queue':
      return { ...base, kind, config: NODE_DEFAULTS.queue() };
    case 'worker':
      return { ...base, kind, config: NODE_DEFAULTS.worker() };
  }
}
