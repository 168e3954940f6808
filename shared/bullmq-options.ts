import { edgeChildren, resolveSettings } from './document/defaults';
import type {
  KeepJobs,
  PipelineDocument,
  PipelineEdge,
  ProducerNode,
  QueueNode,
  WorkerNode,
} from './document/schema';

/**
 * The one mapping from document nodes to BullMQ options (docs/architecture.md). Code generation prints
 * these objects and the runner passes them to BullMQ, so the two cannot drift. The shapes mirror
 * BullMQ 6's option types without importing bullmq, keeping shared/ free of I/O libraries.
 */

/** BullMQ's KeepJobs: at least one of `count` and `age` (seconds). */
export type BullKeepJobs = { count: number; age?: number } | { age: number; count?: number };

export interface BullDefaultJobOptions {
  attempts?: number;
  backoff?: { type: 'fixed' | 'exponential'; delay: number; jitter?: number };
  removeOnComplete?: boolean | BullKeepJobs;
  removeOnFail?: boolean | BullKeepJobs;
}

export interface BullJobOptions {
  priority?: number;
  delay?: number;
  lifo?: boolean;
}

export interface BullWorkerOptions {
  concurrency: number;
  limiter?: { max: number; duration: number };
}

/** BullMQ key prefix; in cluster mode wrapped in a hash tag so every key lands in one slot. */
export function keyPrefix(doc: PipelineDocument, runPrefix?: string): string {
  const { prefix, cluster } = resolveSettings(doc.settings);
  const full = runPrefix ? `${prefix}-${runPrefix}` : prefix;
  return cluster ? `{${full}}` : full;
}

const keep = (value: KeepJobs | undefined): boolean | BullKeepJobs | undefined => {
  if (value === undefined || value === true) return value;
  const { count, ageSec } = value;
  // `{}` limits nothing: BullMQ keeps every job, which `false` says in a form its types accept.
  if (count === undefined && ageSec === undefined) return false;
  if (ageSec === undefined) return { count: count! };
  return count === undefined ? { age: ageSec } : { count, age: ageSec };
};

/** `defaultJobOptions` of the BullMQ Queue for a queue node. */
export function queueDefaultJobOptions(queue: QueueNode): BullDefaultJobOptions {
  const { attempts, backoff, removeOnComplete, removeOnFail } = queue.config;
  const out: BullDefaultJobOptions = {};
  if (attempts !== undefined) out.attempts = attempts;
  if (backoff) {
    out.backoff = { type: backoff.type, delay: backoff.delayMs };
    if (backoff.jitter !== undefined) out.backoff.jitter = backoff.jitter;
  }
  const rc = keep(removeOnComplete);
  if (rc !== undefined) out.removeOnComplete = rc;
  const rf = keep(removeOnFail);
  if (rf !== undefined) out.removeOnFail = rf;
  return out;
}

/** Options of the BullMQ Worker for a worker node consuming `queue` (one replica). */
export function workerOptions(worker: WorkerNode, queue: QueueNode): BullWorkerOptions {
  const out: BullWorkerOptions = { concurrency: worker.config.concurrency };
  const limit = queue.config.rateLimit;
  if (limit) out.limiter = { max: limit.max, duration: limit.durationMs };
  return out;
}

/** Per-job options a producer adds its jobs with. */
export function producerJobOptions(producer: ProducerNode): BullJobOptions {
  const { priority, delayMs, lifo } = producer.config.jobOptions ?? {};
  const out: BullJobOptions = {};
  if (priority) out.priority = priority;
  if (delayMs) out.delay = delayMs;
  if (lifo) out.lifo = true;
  return out;
}

/** BullMQ RepeatOptions of a Job Scheduler: every `every` ms, or at each cron `pattern` match. */
export type BullRepeatOptions = ({ every: number } | { pattern: string }) & { limit?: number };

/**
 * The Job Scheduler (`queue.upsertJobScheduler`) of a producer with a `schedule` arrival, or
 * undefined for other arrivals. The producer's `limit` caps the jobs it creates in all.
 */
export function producerRepeatOptions(producer: ProducerNode): BullRepeatOptions | undefined {
  const { arrival, limit } = producer.config;
  if (arrival.type !== 'schedule') return undefined;
  const out: BullRepeatOptions =
    arrival.everyMs !== undefined ? { every: arrival.everyMs } : { pattern: arrival.cron! };
  if (limit !== undefined) out.limit = limit;
  return out;
}

/** Options of the jobs a scheduler creates: a producer's job options without `delay`. */
export function schedulerTemplateOptions(producer: ProducerNode): Omit<BullJobOptions, 'delay'> {
  const { delay: _delay, ...rest } = producerJobOptions(producer);
  return rest;
}

/**
 * BullMQ's backoff delay before retry number `attemptsMade` (1-based), without jitter:
 * fixed → delay; exponential → delay × 2^(attemptsMade − 1). Jitter, when set, draws uniformly
 * from [delay × (1 − jitter), delay] as BullMQ does; `random` is a sample in [0, 1).
 */
export function backoffDelayMs(
  backoff: NonNullable<BullDefaultJobOptions['backoff']>,
  attemptsMade: number,
  random = 1,
): number {
  const base =
    backoff.type === 'fixed' ? backoff.delay : Math.round(2 ** (attemptsMade - 1) * backoff.delay);
  if (!backoff.jitter) return base;
  const minimum = base * (1 - backoff.jitter);
  return Math.floor(random * (base - minimum) + minimum);
}

/** A flow child's option for what its failure for good does to its parent (docs/architecture.md "Flows"). */
export type BullChildFailureOptions =
  | { failParentOnFailure: true }
  | { ignoreDependencyOnFailure: true }
  | { removeDependencyOnFailure: true }
  | Record<string, never>;

/** The job options of the children a `children` edge adds: BullMQ's flag named like its policy. */
export function childFailureOptions(edge: PipelineEdge): BullChildFailureOptions {
  const policy = edge.childFailure;
  if (policy === undefined) return {};
  return { [policy]: true } as BullChildFailureOptions;
}

/** The bounds of a `children` edge's count per parent: fixed N is min = max = N. */
export function childCountBounds(edge: PipelineEdge): { min: number; max: number } {
  const count = edgeChildren(edge);
  return typeof count === 'number'
    ? { min: count, max: count }
    : { min: count.min, max: count.max };
}
