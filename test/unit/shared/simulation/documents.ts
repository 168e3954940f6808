import type {
  Arrival,
  PipelineDocument,
  PipelineEdge,
  PipelineNode,
  ProducerNode,
  QueueNode,
  ServiceDistribution,
  WorkerNode,
} from '../../../../shared/document/schema';

/** Small builders for pipeline documents used by the simulation and queueing tests. */

const at = { x: 0, y: 0 };

export const producer = (
  id: string,
  arrival: Arrival,
  config: Partial<ProducerNode['config']> = {},
): ProducerNode => ({
  id,
  kind: 'producer',
  name: id,
  position: at,
  config: { jobName: 'job', arrival, ...config },
});

export const queue = (id: string, config: QueueNode['config'] = {}): QueueNode => ({
  id,
  kind: 'queue',
  name: id,
  position: at,
  config,
});

export const worker = (
  id: string,
  service: ServiceDistribution,
  concurrency = 1,
  config: Partial<WorkerNode['config']> = {},
): WorkerNode => ({
  id,
  kind: 'worker',
  name: id,
  position: at,
  config: { concurrency, replicas: 1, service, ...config },
});

export const edge = (
  from: string,
  to: string,
  extra: Partial<PipelineEdge> = {},
): PipelineEdge => ({
  id: `${from}->${to}`,
  from,
  to,
  ...extra,
});

export const pipeline = (
  name: string,
  nodes: PipelineNode[],
  edges: PipelineEdge[],
): PipelineDocument => ({ format: 'pipewright/v1', name, nodes, edges });

/** One Poisson producer → queue → worker with c slots. */
export const mmc = (ratePerSec: number, service: ServiceDistribution, servers: number) =>
  pipeline(
    `M/${service.type}/${servers}`,
    [producer('p', { type: 'poisson', ratePerSec }), queue('q'), worker('w', service, servers)],
    [edge('p', 'q'), edge('q', 'w')],
  );

/** A three-stage pipeline with retries, routing, a dead-letter queue, priorities and a limit. */
export const featureRich = (): PipelineDocument =>
  pipeline(
    'Feature rich',
    [
      producer('signup', { type: 'poisson', ratePerSec: 40 }, { jobOptions: { priority: 3 } }),
      producer(
        'batch',
        { type: 'burst', size: 50, everyMs: 5000 },
        { jobOptions: { delayMs: 200 } },
      ),
      producer(
        'ramp',
        { type: 'ramp', fromPerSec: 0, toPerSec: 20, overMs: 30_000 },
        { stopMs: 50_000 },
      ),
      producer(
        'tick',
        { type: 'schedule', everyMs: 1000 },
        { limit: 30, jobOptions: { lifo: true } },
      ),
      producer('cron', { type: 'schedule', cron: '*/5 * * * * *' }),
      queue('ingest', {
        attempts: 3,
        backoff: { type: 'exponential', delayMs: 100, jitter: 0.5 },
        rateLimit: { max: 120, durationMs: 1000 },
      }),
      worker('parser', { type: 'lognormal', meanMs: 40, stdDevMs: 30 }, 4, { failureRate: 0.1 }),
      worker('parser-b', { type: 'uniform', minMs: 10, maxMs: 90 }, 2, { failureRate: 0.05 }),
      queue('enrich', { attempts: 2, backoff: { type: 'fixed', delayMs: 250 } }),
      worker('enricher', { type: 'normal', meanMs: 60, stdDevMs: 40 }, 8, { failureRate: 0.2 }),
      queue('store'),
      worker('storer', { type: 'fixed', ms: 15 }, 2),
      queue('dead-letters'),
    ],
    [
      edge('signup', 'ingest'),
      edge('batch', 'ingest'),
      edge('ramp', 'ingest'),
      edge('tick', 'ingest'),
      edge('cron', 'enrich'),
      edge('ingest', 'parser'),
      edge('ingest', 'parser-b'),
      edge('parser', 'enrich', { probability: 0.7 }),
      edge('parser', 'store', { probability: 0.5 }),
      edge('parser-b', 'enrich'),
      edge('parser', 'dead-letters', { on: 'failed' }),
      edge('parser-b', 'dead-letters', { on: 'failed' }),
      edge('enrich', 'enricher'),
      edge('enricher', 'store'),
      edge('enricher', 'dead-letters', { on: 'failed' }),
      edge('store', 'storer'),
    ],
  );

/** Jobs every 100 ms, of which one a minute may start (a rate limit): the line only grows. */
export const starved = (): PipelineDocument =>
  pipeline(
    'starved',
    [
      producer('p', { type: 'constant', ratePerSec: 10 }),
      queue('q', { rateLimit: { max: 1, durationMs: 60_000 } }),
      worker('w', { type: 'fixed', ms: 10 }),
    ],
    [edge('p', 'q'), edge('q', 'w')],
  );

/** Issue 11's reproducers of a simulator that hung or ran out of memory. */

/** 1,000,000 jobs/s into one worker that takes 1 s, with the default 10 min horizon. */
export const flood = () =>
  pipeline(
    'flood',
    [
      producer('p', { type: 'constant', ratePerSec: 1_000_000 }),
      queue('q'),
      worker('w', { type: 'fixed', ms: 1000 }),
    ],
    [edge('p', 'q'), edge('q', 'w')],
  );

/** A producer (poisson 1/s) → q → a worker that takes no time → back to q, with probability 1. */
export const zeroTimeLoop = () =>
  pipeline(
    'loop',
    [
      producer('p', { type: 'poisson', ratePerSec: 1 }),
      queue('q'),
      worker('w', { type: 'fixed', ms: 0 }),
    ],
    [edge('p', 'q'), edge('q', 'w'), edge('w', 'q')],
  );

/**
 * A spike a worker rides out only with a second replica. One job a second (constant arrivals at
 * 0, 1000, 2000 … ms), each taking exactly 600 ms on one slot: one replica keeps up with no wait.
 * From 30 s to 60 s the producer sends two a second; one replica (1.67 jobs/s) then falls behind
 * by a job every 3 s. The autoscaler polls the backlog every second (from 1 s on), with a 30 s
 * cooldown and no start-up delay; the run lasts 120 s; the target is p95 wait under 500 ms.
 *
 * - max 1: one replica for 120 s (120 replica-s); the spike's backlog reaches 10 jobs and most
 *   of the 60 jobs after 30 s wait seconds: p95 wait in seconds — fails.
 * - min 2: the design's one replica until the first poll at 1 s, then two: 1 + 2 × 119 = 239
 *   replica-s; nothing waits — holds, at a price.
 * - min 1, max 2, 0.5 jobs per replica: a poll runs before an arrival at the same instant, and
 *   in the spike job k (arriving at 30 000 + 500 k) starts at 30 000 + 600 k, so it waits 100 k
 *   ms: the polls at 31 s and 32 s find nothing waiting (the jobs that waited had started), the
 *   one at 33 s finds the 32 500 job waiting: ⌈1 / 0.5⌉ = 2 replicas, and nothing waits again.
 *   The cooldown lets go at the first poll whose 30 s window misses 33 s: 64 s. Five jobs waited
 *   (100 to 500 ms: 3 % of 150), so p95 wait is 0, for 120 + (64 − 33) = 151 replica-s — the
 *   cheapest that holds.
 * - min 1, max 2, 5 jobs per replica: scales only once 6 jobs wait (about 48 s), so a third of
 *   the spike's jobs wait over a second — fails.
 */
export function spikeDocument(): PipelineDocument {
  return {
    ...pipeline(
      'Spike',
      [
        producer('p', { type: 'constant', ratePerSec: 1 }),
        queue('q'),
        worker('w', { type: 'fixed', ms: 600 }, 1, {
          autoscale: {
            metric: 'waiting+delayed',
            targetPerReplica: 1,
            maxReplicas: 1,
            pollMs: 1000,
            cooldownMs: 30_000,
          },
        }),
      ],
      [edge('p', 'q'), edge('q', 'w')],
    ),
    scenario: {
      events: [
        {
          id: 'spike',
          nodeId: 'p',
          atMs: 30_000,
          durationMs: 30_000,
          change: { type: 'rate', ratePerSec: 2 },
        },
      ],
    },
  };
}
