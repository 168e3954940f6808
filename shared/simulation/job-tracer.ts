import type { SimulationModel } from './model';
import type { JobTraceEvent } from './options';
import type { JobPool } from './pools';

/**
 * What the engine tells about each job, by its pool index (`job`), when something listens: the
 * engine calls these only behind one `if (tracer)` per step, so a run without a tracer pays
 * nothing for them. The job's queue, worker, attempts and start time are read from the pool.
 */
export interface JobTracer {
  /**
   * A job was added to a queue, with `delayMs` of delay (0: waiting at once): by producer
   * `producer`, or (producer -1) by the end of job `parent`, which is still in the pool then.
   */
  added(job: number, t: number, delayMs: number, producer: number, parent: number): void;
  /** A delayed job's delay or backoff is over: it is waiting. */
  promoted(job: number, t: number): void;
  /** An attempt started on the worker in `jobs.worker[job]`. */
  started(job: number, t: number): void;
  /** An attempt failed with `failureRate` and the job will be tried again after `delayMs`. */
  retrying(job: number, t: number, delayMs: number, failureRate: number): void;
  /** The job completed, or failed its last attempt (with `failureRate`). */
  ended(job: number, t: number, completed: boolean, failureRate: number): void;
}

/** The `trace` option's callback as a tracer: one event object per step (tests, debugging). */
export function eventTracer(
  model: SimulationModel,
  jobs: JobPool,
  emit: (event: JobTraceEvent) => void,
): JobTracer {
  const event = (type: JobTraceEvent['type'], job: number, t: number, delayMs?: number) => {
    const e: JobTraceEvent = {
      type,
      t,
      job: jobs.serial[job]!,
      queueId: model.queues[jobs.queue[job]!]!.node.id,
      attemptsMade: jobs.attemptsMade[job]!,
      priority: jobs.priority[job]!,
    };
    if (type !== 'added') e.workerId = model.workers[jobs.worker[job]!]!.node.id;
    if (delayMs !== undefined) e.delayMs = delayMs;
    emit(e);
  };
  return {
    added: (job, t, delayMs) => event('added', job, t, delayMs),
    promoted: () => {},
    started: (job, t) => event('started', job, t),
    retrying: (job, t, delayMs) => event('retrying', job, t, delayMs),
    ended: (job, t, completed) => event(completed ? 'completed' : 'failed', job, t),
  };
}

/** Several tracers as one (the `trace` callback and a job trace together). */
export function bothTracers(a: JobTracer, b: JobTracer): JobTracer {
  return {
    added: (job, t, delayMs, producer, parent) => {
      a.added(job, t, delayMs, producer, parent);
      b.added(job, t, delayMs, producer, parent);
    },
    promoted: (job, t) => {
      a.promoted(job, t);
      b.promoted(job, t);
    },
    started: (job, t) => {
      a.started(job, t);
      b.started(job, t);
    },
    retrying: (job, t, delayMs, rate) => {
      a.retrying(job, t, delayMs, rate);
      b.retrying(job, t, delayMs, rate);
    },
    ended: (job, t, completed, rate) => {
      a.ended(job, t, completed, rate);
      b.ended(job, t, completed, rate);
    },
  };
}
