import { z } from 'zod';
import {
  bool,
  finiteNumber,
  fraction,
  intAtLeast,
  nonEmptyString,
  numberAtLeast,
  oneOf,
  tagged,
} from './fields';
import { parseCron } from '../schedule/cron';

/**
 * The `pipewright/v1` document: the single source of truth for the file format (docs/architecture.md).
 * No defaults are filled in here, so a file round-trips to the same bytes; `defaults.ts`
 * resolves absent fields where the semantics need them. Key order in these shapes is the order
 * in which `serialize.ts` writes keys.
 */

export const FORMAT = 'pipewright/v1';
export const FORMAT_VERSION = 1;

const position = z.strictObject({ x: finiteNumber(), y: finiteNumber() });

// Arrival models of a producer.
const constantArrival = z.strictObject({
  type: z.literal('constant'),
  ratePerSec: numberAtLeast(0, { exclusive: true }),
});
const poissonArrival = z.strictObject({
  type: z.literal('poisson'),
  ratePerSec: numberAtLeast(0, { exclusive: true }),
});
const burstArrival = z.strictObject({
  type: z.literal('burst'),
  size: intAtLeast(1),
  everyMs: numberAtLeast(0, { exclusive: true }),
});
const rampArrival = z.strictObject({
  type: z.literal('ramp'),
  fromPerSec: numberAtLeast(0),
  toPerSec: numberAtLeast(0),
  overMs: numberAtLeast(0, { exclusive: true }),
});
const scheduleArrival = z
  .strictObject({
    type: z.literal('schedule'),
    everyMs: numberAtLeast(0, { exclusive: true }).optional(),
    cron: nonEmptyString('cron expression', 120)
      .superRefine((expr, ctx) => {
        if (expr.length === 0 || expr.length > 120) return; // already reported by the length rule
        const parsed = parseCron(expr);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
      })
      .optional(),
  })
  .refine((a) => (a.everyMs === undefined) !== (a.cron === undefined), {
    error: 'needs exactly one of "everyMs" or "cron"',
  });

export const ARRIVAL_TYPES = ['constant', 'poisson', 'burst', 'ramp', 'schedule'] as const;
export const arrivalSchema = tagged('type', ARRIVAL_TYPES, [
  constantArrival,
  poissonArrival,
  burstArrival,
  rampArrival,
  scheduleArrival,
]);

// Service-time distributions of a worker.
export const SERVICE_TYPES = ['fixed', 'exponential', 'uniform', 'normal', 'lognormal'] as const;
export const serviceSchema = tagged('type', SERVICE_TYPES, [
  z.strictObject({ type: z.literal('fixed'), ms: numberAtLeast(0) }),
  z.strictObject({
    type: z.literal('exponential'),
    meanMs: numberAtLeast(0, { exclusive: true }),
  }),
  z
    .strictObject({ type: z.literal('uniform'), minMs: numberAtLeast(0), maxMs: numberAtLeast(0) })
    .refine((s) => s.maxMs >= s.minMs, { error: 'maxMs must be >= minMs', path: ['maxMs'] }),
  z.strictObject({
    type: z.literal('normal'),
    meanMs: numberAtLeast(0),
    stdDevMs: numberAtLeast(0),
  }),
  z.strictObject({
    type: z.literal('lognormal'),
    meanMs: numberAtLeast(0, { exclusive: true }),
    stdDevMs: numberAtLeast(0),
  }),
]);

/** BullMQ's priority range: 0 (none) to 2^21. */
export const MAX_PRIORITY = 2_097_152;

const jobOptions = z.strictObject({
  priority: intAtLeast(0, MAX_PRIORITY).optional(),
  delayMs: numberAtLeast(0).optional(),
  lifo: bool().optional(),
});

const producerConfig = z.strictObject({
  jobName: nonEmptyString('job name'),
  arrival: arrivalSchema,
  payload: z.json({ error: 'must be JSON data' }).optional(),
  jobOptions: jobOptions.optional(),
  limit: intAtLeast(1).optional(),
  startMs: numberAtLeast(0).optional(),
  stopMs: numberAtLeast(0).optional(),
});

const keepJobs = z.union(
  [
    z.literal(true),
    z.strictObject({ count: intAtLeast(0).optional(), ageSec: intAtLeast(0).optional() }),
  ],
  { error: 'must be true or an object { count?, ageSec? }' },
);

const queueConfig = z.strictObject({
  attempts: intAtLeast(1).optional(),
  backoff: z
    .strictObject({
      type: oneOf(['fixed', 'exponential']),
      delayMs: numberAtLeast(0),
      jitter: fraction().optional(),
    })
    .optional(),
  removeOnComplete: keepJobs.optional(),
  removeOnFail: keepJobs.optional(),
  rateLimit: z
    .strictObject({ max: intAtLeast(1), durationMs: numberAtLeast(0, { exclusive: true }) })
    .optional(),
});

/** What an autoscaler watches on the worker's queue (docs/architecture.md "Scenarios"). */
export const AUTOSCALE_METRICS = ['waiting', 'waiting+delayed', 'active'] as const;

/**
 * Replicas driven by a policy like KEDA's over Kubernetes' HPA: every `pollMs` the desired count is
 * ceil(metric / targetPerReplica) within [minReplicas, maxReplicas]; it scales up at once (new
 * replicas serve after `startupMs`) and down to the highest count desired over the last
 * `cooldownMs` (HPA's stabilisation window).
 */
export const autoscaleSchema = z.strictObject({
  metric: oneOf(AUTOSCALE_METRICS),
  targetPerReplica: numberAtLeast(0, { exclusive: true }),
  minReplicas: intAtLeast(0, 1_000).optional(),
  maxReplicas: intAtLeast(1, 1_000),
  pollMs: numberAtLeast(0, { exclusive: true }).optional(),
  cooldownMs: numberAtLeast(0).optional(),
  startupMs: numberAtLeast(0).optional(),
});

const workerConfig = z.strictObject({
  concurrency: intAtLeast(1, 10_000),
  replicas: intAtLeast(1, 1_000),
  service: serviceSchema,
  failureRate: fraction().optional(),
  work: oneOf(['io', 'cpu']).optional(),
  autoscale: autoscaleSchema.optional(),
});

const nodeShape = <K extends string, C extends z.ZodType>(kind: K, config: C) =>
  z.strictObject({
    id: nonEmptyString('id', 100),
    kind: z.literal(kind),
    name: nonEmptyString('name'),
    position,
    config,
  });

export const producerNodeSchema = nodeShape('producer', producerConfig);
export const queueNodeSchema = nodeShape('queue', queueConfig);
export const workerNodeSchema = nodeShape('worker', workerConfig);

export const NODE_KINDS = ['producer', 'queue', 'worker'] as const;
export const nodeSchema = tagged('kind', NODE_KINDS, [
  producerNodeSchema,
  queueNodeSchema,
  workerNodeSchema,
]);

/**
 * How many children a `children` edge adds per parent (docs/architecture.md "Flows"): a fixed
 * count, or uniform over the whole numbers min..max. 0 is well-formed; validation explains it.
 */
export const childCountSchema = z.union(
  [
    intAtLeast(0),
    z
      .strictObject({ type: z.literal('uniform'), min: intAtLeast(0), max: intAtLeast(0) })
      .refine((c) => c.max >= c.min, { error: 'max must be >= min', path: ['max'] }),
  ],
  { error: 'must be a whole number of children or { type: "uniform", min, max }' },
);

/** BullMQ's child options for a child that fails for good (absent: the parent keeps waiting). */
export const CHILD_FAILURE_POLICIES = [
  'failParentOnFailure',
  'ignoreDependencyOnFailure',
  'removeDependencyOnFailure',
] as const;

export const EDGE_ON = ['completed', 'failed', 'children', 'parent'] as const;

export const edgeSchema = z.strictObject({
  id: nonEmptyString('id', 100),
  from: nonEmptyString('node id', 100),
  to: nonEmptyString('node id', 100),
  on: oneOf(EDGE_ON).optional(),
  probability: fraction().optional(),
  children: childCountSchema.optional(),
  childFailure: oneOf(CHILD_FAILURE_POLICIES).optional(),
});

export const settingsSchema = z.strictObject({
  redisUrl: z
    .string({ error: 'must be a redis:// or rediss:// URL' })
    .regex(/^rediss?:\/\/\S+$/, { error: 'must be a redis:// or rediss:// URL' })
    .optional(),
  prefix: z
    .string({ error: 'must be a key prefix without ":" or braces' })
    // Braces first, with their own reason: a user who read BullMQ's cluster guide writes "{app}".
    .regex(/^[^{}]*$/, {
      error:
        'must not contain braces: with "cluster": true Pipewright wraps the prefix in the hash ' +
        'tag itself ({prefix}); write it without them',
    })
    .regex(/^[^:{}\s]{1,64}$/, { error: 'must be 1-64 characters without ":", braces or spaces' })
    .optional(),
  cluster: bool().optional(),
});

// A scenario: timed events that change the world (an outage, a slow dependency, a spike).
export const SCENARIO_CHANGE_TYPES = [
  'failureRate',
  'slowdown',
  'rate',
  'replicas',
  'pause',
] as const;
export const scenarioChangeSchema = tagged('type', SCENARIO_CHANGE_TYPES, [
  /** A worker's attempts fail with this probability (1: its dependency is down). */
  z.strictObject({ type: z.literal('failureRate'), failureRate: fraction() }),
  /** A worker's service times are multiplied by `factor` (a slow dependency). */
  z.strictObject({
    type: z.literal('slowdown'),
    factor: numberAtLeast(0, { exclusive: true }),
  }),
  /** A producer sends at this rate (a spike, or 0: it stops). */
  z.strictObject({ type: z.literal('rate'), ratePerSec: numberAtLeast(0) }),
  /** A worker has this many replicas alive (0: all down). */
  z.strictObject({ type: z.literal('replicas'), replicas: intAtLeast(0, 1_000) }),
  /** A queue is paused. */
  z.strictObject({ type: z.literal('pause') }),
]);

export const scenarioEventSchema = z.strictObject({
  id: nonEmptyString('id', 100),
  name: nonEmptyString('name').optional(),
  nodeId: nonEmptyString('node id', 100),
  atMs: numberAtLeast(0),
  /** How long it lasts; then the node is back to its design. Absent: to the end. */
  durationMs: numberAtLeast(0, { exclusive: true }).optional(),
  change: scenarioChangeSchema,
});

export const MAX_SCENARIO_EVENTS = 1_000;

export const scenarioSchema = z.strictObject({
  events: z
    .array(scenarioEventSchema, { error: 'must be an array of scenario events' })
    .max(MAX_SCENARIO_EVENTS, { error: `must have at most ${MAX_SCENARIO_EVENTS} events` }),
});

/**
 * Where an import measured a node's value (docs/architecture.md "The file format"): the Redis and
 * window it read, and per node field the sample behind the number, so the editor can mark it as
 * measured. It describes the document and changes nothing it means.
 */
export const calibrationSchema = z.strictObject({
  source: z.strictObject({
    redis: z.string({ error: 'must be a string' }).max(500),
    prefix: z.string({ error: 'must be a string' }).max(200),
    fromMs: finiteNumber(),
    toMs: finiteNumber(),
  }),
  fields: z
    .array(
      z.strictObject({
        nodeId: nonEmptyString('node id', 100),
        field: nonEmptyString('field name', 100),
        sample: intAtLeast(0),
        estimate: finiteNumber().optional(),
        ci95: z
          .tuple([finiteNumber(), finiteNumber()], { error: 'must be [low, high]' })
          .optional(),
        ks: fraction().optional(),
      }),
      { error: 'must be an array of measured fields' },
    )
    .max(100_000, { error: 'must have at most 100000 measured fields' }),
});

export const MAX_NODES = 5_000;
export const MAX_EDGES = 20_000;

export const documentSchema = z.strictObject({
  format: z.literal(FORMAT, { error: `must be "${FORMAT}"` }),
  name: nonEmptyString('name'),
  description: z.string({ error: 'must be a string' }).max(10_000).optional(),
  settings: settingsSchema.optional(),
  nodes: z
    .array(nodeSchema, { error: 'must be an array of nodes' })
    .max(MAX_NODES, { error: `must have at most ${MAX_NODES} nodes` }),
  edges: z
    .array(edgeSchema, { error: 'must be an array of edges' })
    .max(MAX_EDGES, { error: `must have at most ${MAX_EDGES} edges` }),
  scenario: scenarioSchema.optional(),
  calibration: calibrationSchema.optional(),
});

export type PipelineDocument = z.infer<typeof documentSchema>;
export type PipelineNode = z.infer<typeof nodeSchema>;
export type ProducerNode = z.infer<typeof producerNodeSchema>;
export type QueueNode = z.infer<typeof queueNodeSchema>;
export type WorkerNode = z.infer<typeof workerNodeSchema>;
export type NodeKind = PipelineNode['kind'];
export type PipelineEdge = z.infer<typeof edgeSchema>;
export type Arrival = z.infer<typeof arrivalSchema>;
export type ServiceDistribution = z.infer<typeof serviceSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type ChildCount = z.infer<typeof childCountSchema>;
export type ChildFailurePolicy = (typeof CHILD_FAILURE_POLICIES)[number];
export type Calibration = z.infer<typeof calibrationSchema>;
export type MeasuredField = Calibration['fields'][number];
export type ProducerConfig = ProducerNode['config'];
export type QueueConfig = QueueNode['config'];
export type WorkerConfig = WorkerNode['config'];
export type Autoscale = z.infer<typeof autoscaleSchema>;
export type AutoscaleMetric = Autoscale['metric'];
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioEvent = z.infer<typeof scenarioEventSchema>;
export type ScenarioChange = ScenarioEvent['change'];
export type KeepJobs = NonNullable<QueueConfig['removeOnComplete']>;
export type JsonValue = z.infer<ReturnType<typeof z.json>>;
