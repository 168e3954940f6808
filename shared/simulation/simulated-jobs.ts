import type { JobListState } from '../api/runs';

/** What a simulation's job trace (job-trace.ts) hands out: plain data that crosses postMessage. */

/** One step of a job's route: where it came from, its queue, its worker, where it went on. */
export interface RouteStep {
  id: string;
  kind: 'producer' | 'queue' | 'worker';
  name: string;
}

/** A simulated job as the job browser shows it; times are ms on the simulated clock. */
export interface SimulatedJob {
  /** Unique over the run (jobs are numbered as they are added). */
  id: string;
  /** The producer's job name (routed jobs keep it, as the generated workers do). */
  name: string;
  state: JobListState;
  /** The producer's `payload` as JSON (`null` without one), cut at 4,000 characters. */
  data: string;
  attemptsMade: number;
  /** The queue's attempts (the most a job gets). */
  attempts: number;
  addedAtMs: number;
  delayMs: number;
  /** Start of its latest attempt; null before the first. */
  processedAtMs: number | null;
  finishedAtMs: number | null;
  /** Time spent in backoff between attempts. */
  backoffMs: number;
  /** Why its latest failed attempt failed; null when none failed. */
  failedReason: string | null;
  /** Producer (or the queue and worker it came from) → its queue → its worker → queues it fed. */
  route: RouteStep[];
}

export interface SimulatedQueueJobs {
  /** All jobs of the run per state (completed and failed counted from the start). */
  counts: Record<JobListState, number>;
  /** The most recent of them per state, newest first. */
  jobs: Record<JobListState, SimulatedJob[]>;
}

/** The job trace of one simulation, per queue node id, at simulated time `atMs`. */
export interface SimulatedJobs {
  atMs: number;
  perState: number;
  queues: Record<string, SimulatedQueueJobs>;
}

/** `2 %`, `0.5 %`: the failure rate the reason names, as people read it. */
const percent = (rate: number) => `${Number((rate * 100).toPrecision(3))} %`;

export const simulatedFailure = (rate: number, attempt: number, attempts: number) =>
  `simulated failure (failure rate ${percent(rate)}) on attempt ${attempt} of ${attempts}`;
