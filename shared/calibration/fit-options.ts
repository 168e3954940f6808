import type { KeepJobs, ProducerConfig, QueueConfig } from '../document/schema';
import type { ObservedBackoff, ObservedJob, ObservedKeepJobs, ObservedQueue } from './observations';
import { mostCommon } from './stats';

/** Options read from jobs: the most common value of each, and a warning where jobs differ. */
export interface OptionsRead<T> {
  config: T;
  /** Per field: how many jobs it was read from. */
  samples: Record<string, number>;
  warnings: string[];
}

function backoffOf(value: ObservedBackoff | undefined): QueueConfig['backoff'] | null {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return { type: 'fixed', delayMs: value };
  if (value.type !== 'fixed' && value.type !== 'exponential') return null;
  const out: NonNullable<QueueConfig['backoff']> = { type: value.type, delayMs: value.delay ?? 0 };
  if (value.jitter !== undefined && value.jitter > 0) out.jitter = value.jitter;
  return out;
}

function keepOf(value: ObservedKeepJobs | undefined): KeepJobs | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return true;
  if (typeof value === 'number') return { count: Math.max(0, Math.round(value)) };
  const out: { count?: number; ageSec?: number } = {};
  if (value.count !== undefined) out.count = Math.max(0, Math.round(value.count));
  if (value.age !== undefined) out.ageSec = Math.max(0, Math.round(value.age));
  return out;
}

/** Sets `field` to the most common value among jobs, noting when they disagree. */
function common<T>(
  jobs: readonly ObservedJob[],
  read: (job: ObservedJob) => T | undefined,
  field: string,
  where: string,
  out: OptionsRead<Record<string, unknown>>,
): void {
  const values = jobs.map(read);
  const found = mostCommon(values);
  if (!found) return;
  out.samples[field] = jobs.length;
  if (found.value !== undefined) out.config[field] = found.value;
  if (found.mixed) {
    out.warnings.push(
      `${where}: jobs differ in ${field}; used the most common value (${JSON.stringify(found.value) ?? 'unset'}, ${Math.round(found.share * 100)} % of ${jobs.length} jobs)`,
    );
  }
}

/** A queue's retry and retention options, read from its jobs, and its rate limit from its meta. */
export function queueOptions(queue: ObservedQueue): OptionsRead<QueueConfig> {
  const out: OptionsRead<Record<string, unknown>> = { config: {}, samples: {}, warnings: [] };
  const where = `queue ${queue.name}`;
  const jobs = queue.jobs;
  common(
    jobs,
    (j) => (j.opts.attempts !== undefined && j.opts.attempts > 1 ? j.opts.attempts : undefined),
    'attempts',
    where,
    out,
  );
  const unknownBackoff = jobs.filter((j) => backoffOf(j.opts.backoff) === null);
  if (unknownBackoff.length > 0) {
    out.warnings.push(
      `${where}: ${unknownBackoff.length} jobs use a custom backoff strategy, which a pipeline cannot express; they are read as no backoff`,
    );
  }
  common(jobs, (j) => backoffOf(j.opts.backoff) ?? undefined, 'backoff', where, out);
  common(jobs, (j) => keepOf(j.opts.removeOnComplete), 'removeOnComplete', where, out);
  common(jobs, (j) => keepOf(j.opts.removeOnFail), 'removeOnFail', where, out);
  const limit = queue.meta.rateLimit;
  if (limit && limit.max >= 1 && limit.durationMs > 0) {
    out.config.rateLimit = { max: Math.round(limit.max), durationMs: limit.durationMs };
    out.samples.rateLimit = 1;
  }
  return out as OptionsRead<QueueConfig>;
}

/** A producer's job options (priority, delay, lifo), read from the jobs of its name. */
export function producerJobOptions(
  jobs: readonly ObservedJob[],
  where: string,
): OptionsRead<NonNullable<ProducerConfig['jobOptions']>> {
  const out: OptionsRead<Record<string, unknown>> = { config: {}, samples: {}, warnings: [] };
  common(jobs, (j) => (j.opts.priority ? j.opts.priority : undefined), 'priority', where, out);
  common(jobs, (j) => (j.opts.delay ? j.opts.delay : undefined), 'delayMs', where, out);
  common(jobs, (j) => (j.opts.lifo ? true : undefined), 'lifo', where, out);
  return out as OptionsRead<NonNullable<ProducerConfig['jobOptions']>>;
}
