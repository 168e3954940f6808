import { meanArrivalRatePerSec } from '../document/defaults';
import type { RunSnapshot } from '../metrics/types';
import type { TimedChange } from './changes';
import type { SimulationModel } from './model';

/** How a simulation runs. Times are ms of simulated time. */
export interface SimulationOptions {
  /** PRNG seed: the same seed gives the same results. Default 1. */
  seed?: number;
  /** Measured span after the warm-up. Default 10 minutes unless `jobs` is given. */
  durationMs?: number;
  /** Stop once producers have created this many jobs after the warm-up. */
  jobs?: number;
  /** Excluded from statistics. Default 0. */
  warmupMs?: number;
  /** Interval of `onSnapshot` calls (and of backlog sampling). */
  snapshotIntervalMs?: number;
  onSnapshot?: (snapshot: RunSnapshot) => void;
  /** Wall-clock time (epoch ms, UTC) of simulated time 0, for cron schedules. */
  epochMs?: number;
  /**
   * Arrival times to replay (ms of simulated time, ascending) per producer id, instead of its
   * arrival model: a calibrated model checked against the very arrivals it was measured with.
   */
  arrivalTimes?: Readonly<Record<string, readonly number[]>>;
  /**
   * Keep a trace of each queue's jobs: the most recent `jobTrace` per final state (completed,
   * failed) and, at the end, up to as many still waiting, active or delayed (job-trace.ts). Memory
   * stays bounded whatever the run's length; 0 or absent: no trace, and no cost.
   */
  jobTrace?: number;
  /** Called for every step of every job: for tests and debugging (slows the run down). */
  trace?: (event: JobTraceEvent) => void;
  /**
   * Changes at given times (a live run's controls, replayed): pause/resume a queue, a producer's
   * rate, a worker's concurrency, replicas alive or failure rate.
   */
  changes?: readonly TimedChange[];
  /** Backlog (jobs waiting) above which a rising queue is "growing"; default per queue. */
  backlogThreshold?: (queueId: string, consumerCapacity: number) => number;
  /** Event budget of one run (replication); it stops early past it. Default DEFAULT_MAX_EVENTS. */
  maxEvents?: number;
  /** Memory bound: jobs held in the model at once. Default DEFAULT_MAX_JOBS_IN_SYSTEM. */
  maxJobsInSystem?: number;
  /** Events at one simulated instant after which time counts as stalled. Default 10 million. */
  maxEventsAtOneInstant?: number;
}

export interface JobTraceEvent {
  type: 'added' | 'started' | 'completed' | 'retrying' | 'failed';
  /** Simulated time, ms. */
  t: number;
  /** Unique per job over the run. */
  job: number;
  queueId: string;
  workerId?: string;
  /** Attempts made so far (after this one for completed/retrying/failed). */
  attemptsMade: number;
  priority: number;
  /** added: the job's delay; retrying: the backoff before the next attempt. */
  delayMs?: number;
}

/** Monday 2026-01-05 00:00 UTC: a fixed origin keeps cron-driven runs reproducible. */
export const DEFAULT_EPOCH_MS = 1_767_571_200_000;
export const DEFAULT_DURATION_MS = 600_000;

/**
 * Budgets that keep any valid document from hanging or exhausting the machine (the run then
 * stops early and says why). 50 million events take about 10–15 s at ~4M events/s. Each job in
 * the model costs about 100 bytes (its pooled record, its chain, its heap or waiting-list entry),
 * so 2^21 jobs stay near 200 MB; the pools double from 1024, so the bound sits on a power of two.
 * No finite burst of a valid document reaches 10 million events at one instant: only a loop of
 * workers that take no time does.
 */
export const DEFAULT_MAX_EVENTS = 50_000_000;
export const DEFAULT_MAX_JOBS_IN_SYSTEM = 2 ** 21;
export const DEFAULT_MAX_EVENTS_AT_ONE_INSTANT = 10_000_000;

/** Most jobs a job trace keeps per queue and state. */
export const MAX_JOB_TRACE = 10_000;

/** Default growth threshold: ten jobs per slot of its workers, and at least 100. */
export const defaultBacklogThreshold = (_queueId: string, capacity: number) =>
  Math.max(100, 10 * capacity);

export function checkOptions(options: SimulationOptions): void {
  const positive = (name: string, value: number | undefined) => {
    if (value !== undefined && !(value > 0 && Number.isFinite(value))) {
      throw new RangeError(`${name} must be a positive number, got ${value}`);
    }
  };
  positive('durationMs', options.durationMs);
  positive('jobs', options.jobs);
  positive('snapshotIntervalMs', options.snapshotIntervalMs);
  positive('maxEvents', options.maxEvents);
  positive('maxJobsInSystem', options.maxJobsInSystem);
  positive('maxEventsAtOneInstant', options.maxEventsAtOneInstant);
  if (
    options.warmupMs !== undefined &&
    !(options.warmupMs >= 0 && Number.isFinite(options.warmupMs))
  ) {
    throw new RangeError(`warmupMs must be a number >= 0, got ${options.warmupMs}`);
  }
  const trace = options.jobTrace;
  if (trace !== undefined && !(Number.isInteger(trace) && trace >= 0 && trace <= MAX_JOB_TRACE)) {
    throw new RangeError(`jobTrace must be an integer from 0 to ${MAX_JOB_TRACE}, got ${trace}`);
  }
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) {
    throw new RangeError(`seed must be an integer, got ${options.seed}`);
  }
}

/**
 * Without snapshots, ticks only sample backlogs for the verdict: about a thousand per run is
 * plenty. For a jobs horizon the run's length is estimated from the producers' mean rates.
 */
export function defaultTickMs(model: SimulationModel, durationMs: number, jobs: number): number {
  if (Number.isFinite(durationMs)) return Math.max(1, durationMs / 1024);
  const perSec = model.producers.reduce(
    (sum, p) => sum + (meanArrivalRatePerSec(p.node.config.arrival) || 0),
    0,
  );
  return perSec > 0 ? Math.max(1000, (jobs / perSec) * (1000 / 1024)) : 1000;
}

/** Options with their defaults filled in, checked. */
export function resolveOptions(options: SimulationOptions, model: SimulationModel) {
  checkOptions(options);
  const warmupMs = options.warmupMs ?? 0;
  const jobsLimit = options.jobs ?? Infinity;
  const duration =
    options.durationMs ?? (options.jobs === undefined ? DEFAULT_DURATION_MS : Infinity);
  return {
    seed: options.seed ?? 1,
    warmupMs,
    jobsLimit,
    endMs: warmupMs + duration,
    tickMs: options.snapshotIntervalMs ?? defaultTickMs(model, duration, jobsLimit),
    epochMs: options.epochMs ?? DEFAULT_EPOCH_MS,
    arrivalTimes: options.arrivalTimes ?? {},
    backlogThreshold: options.backlogThreshold ?? defaultBacklogThreshold,
    jobTrace: options.jobTrace ?? 0,
    maxEvents: options.maxEvents ?? DEFAULT_MAX_EVENTS,
    maxJobsInSystem: options.maxJobsInSystem ?? DEFAULT_MAX_JOBS_IN_SYSTEM,
    maxEventsAtOneInstant: options.maxEventsAtOneInstant ?? DEFAULT_MAX_EVENTS_AT_ONE_INSTANT,
  };
}
