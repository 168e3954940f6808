import { z } from 'zod';
import { runControlSchema, type RunControl } from '../../shared/api/contract';
import type { RunIncident, RunSnapshot, RunSummary } from '../../shared/metrics';

/**
 * Every message between the host and the runner process, in one place. Both ends validate what
 * they receive: a malformed message is reported, never acted on.
 */

const id = z.string().min(1).max(200);
const count = z.number().int().min(0);

export const runOptionsSchema = z.strictObject({
  /** ms between snapshots; 0 turns metrics off (benchmarks). */
  snapshotIntervalMs: z.number().int().min(0).max(60_000),
  /** Short in runs so a killed replica's jobs come back quickly (BullMQ default 30 s). */
  stalledIntervalMs: z.number().int().min(100).max(300_000),
  lockDurationMs: z.number().int().min(200).max(600_000),
  /** Stop producing after this long; the host stops the run (absent: until stopped). */
  durationMs: z.number().int().min(1).optional(),
  /** Incarnation of this run: 0 at first, +1 per restart after a crash (keeps job ids unique). */
  epoch: count,
  /** Epoch ms the run first started; a restarted runner keeps the run's clock. */
  startedAt: z.number().int().min(0).optional(),
});
export type RunOptions = z.infer<typeof runOptionsSchema>;

export const DEFAULT_RUN_OPTIONS: RunOptions = {
  snapshotIntervalMs: 250,
  stalledIntervalMs: 1000,
  lockDurationMs: 2000,
  epoch: 0,
};

export const hostMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('start'),
    runId: id,
    /** Appended to the document's prefix: every key of the run lives under it. */
    runPrefix: id,
    redisUrl: z.string().min(1),
    /** Validated by the host; the runner parses it again. */
    document: z.unknown(),
    options: runOptionsSchema,
  }),
  z.strictObject({ type: z.literal('control'), requestId: count, control: runControlSchema }),
  z.strictObject({
    type: z.literal('stop'),
    requestId: count,
    drain: z.boolean(),
    keepKeys: z.boolean(),
    drainTimeoutMs: z.number().int().min(0),
  }),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;

const latency = z.strictObject({
  count: z.number(),
  mean: z.number(),
  p50: z.number(),
  p95: z.number(),
  p99: z.number(),
  max: z.number(),
});
const nodeFigures = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('producer'), created: z.number(), ratePerSec: z.number() }),
  z.strictObject({
    kind: z.literal('queue'),
    waiting: z.number(),
    active: z.number(),
    delayed: z.number(),
    completed: z.number(),
    failed: z.number(),
    enqueued: z.number(),
    enqueuedPerSec: z.number(),
    paused: z.boolean(),
    waitMs: latency,
    oldestWaitingMs: z.number().min(0).optional(),
    waitingChildren: z.number().int().min(0).optional(),
  }),
  z.strictObject({
    kind: z.literal('worker'),
    active: z.number(),
    capacity: z.number(),
    utilisation: z.number(),
    throughputPerSec: z.number(),
    completed: z.number(),
    failed: z.number(),
    retried: z.number(),
    serviceMs: latency,
    replicas: z.number().optional(),
    startingReplicas: z.number().optional(),
  }),
]);
export const snapshotSchema = z.strictObject({
  t: z.number(),
  nodes: z.record(z.string(), nodeFigures),
  edges: z.record(z.string(), z.number()),
  endToEndMs: latency,
}) satisfies z.ZodType<RunSnapshot>;

const redisFigures = z.strictObject({
  usedMemoryBytes: z.number(),
  opsPerSec: z.number(),
  connectedClients: z.number(),
});

export const runnerMessageSchema = z.discriminatedUnion('type', [
  /** The process is up and listening. */
  z.strictObject({ type: z.literal('ready'), pid: z.number().int() }),
  z.strictObject({
    type: z.literal('started'),
    runId: id,
    /** The full BullMQ prefix (cluster braces included). */
    prefix: z.string(),
    /** Epoch ms the run's clock starts at (snapshot `t` counts from it). */
    startedAt: z.number(),
    /** BullMQ queue name per queue node id. */
    queues: z.record(z.string(), z.string()),
  }),
  z.strictObject({
    type: z.literal('snapshot'),
    snapshot: snapshotSchema,
    redis: redisFigures.nullable(),
    /** The runner's own memory (bytes), to watch it stay flat on long runs. */
    memory: z.strictObject({ rssBytes: z.number(), heapUsedBytes: z.number() }),
  }),
  z.strictObject({
    type: z.literal('log'),
    t: z.number(),
    level: z.enum(['info', 'warn', 'error']),
    nodeId: z.string().optional(),
    message: z.string(),
  }),
  z.strictObject({
    type: z.literal('redis'),
    state: z.enum(['connected', 'lost', 'reconnected']),
    message: z.string(),
  }),
  /** A new or updated incident (outage, dropped or late arrivals, refused commands). */
  z.strictObject({
    type: z.literal('incident'),
    incident: z.strictObject({
      key: z.string(),
      kind: z.enum(['outage', 'dropped', 'lagging', 'refused']),
      level: z.enum(['warn', 'error']),
      t: z.number(),
      endT: z.number().optional(),
      nodeId: z.string().optional(),
      count: z.number().optional(),
      message: z.string(),
    }) satisfies z.ZodType<RunIncident>,
  }),
  z.strictObject({ type: z.literal('reply'), requestId: count, error: z.string().nullable() }),
  z.strictObject({
    type: z.literal('stopped'),
    requestId: count,
    summary: z.custom<RunSummary>((v) => typeof v === 'object' && v !== null),
    drained: z.boolean(),
    keysRemoved: count,
  }),
  /** The run cannot go on (bad document, Redis refused, uncaught error); the process exits. */
  z.strictObject({ type: z.literal('fatal'), message: z.string() }),
]);
export type RunnerMessage = z.infer<typeof runnerMessageSchema>;

export type { RunControl };

/** Short description of a zod failure for logs: where and what. */
export function describeInvalid(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`)
    .join('; ');
}
