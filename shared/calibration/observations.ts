import type { PipelineDocument } from '../document/schema';

/**
 * What an import read from a live BullMQ deployment, as plain data: the boundary between the
 * reader (main/, which talks to Redis and never writes to it) and the fitters (shared/, pure), so
 * each is tested on its own — the fitters on generated samples, the reader on a real Redis.
 * Times are epoch milliseconds, as BullMQ stores them.
 */
export interface Observations {
  /** The Redis it read, with any password redacted. */
  redis: string;
  prefix: string;
  /** When reading started and ended; the window the numbers describe. */
  window: { fromMs: number; toMs: number };
  /** How long it listened live (events stream, active jobs), 0 when it only read stored jobs. */
  listenedMs: number;
  queues: ObservedQueue[];
  /** What the reader could not see or had to work around, in plain words. */
  notes: string[];
}

export type ObservedJobState =
  'completed' | 'failed' | 'active' | 'waiting' | 'delayed' | 'prioritized' | 'waiting-children';

/** BullMQ's `backoff` job option as stored: a number (fixed delay) or an object. */
export type ObservedBackoff = number | { type: string; delay?: number; jitter?: number };

/** `removeOnComplete` / `removeOnFail` as stored in a job's options. */
export type ObservedKeepJobs = boolean | number | { count?: number; age?: number };

export interface ObservedJob {
  id: string;
  /** The job's name (`Job.name`). */
  name: string;
  state: ObservedJobState;
  /** Creation time (`Job.timestamp`). */
  timestamp: number;
  /** Start of the latest attempt: each retry overwrites it. */
  processedOn?: number;
  finishedOn?: number;
  /** Attempts that ended (`attemptsMade`); a job finished first time has 1. */
  attemptsMade: number;
  /** Why the latest attempt failed, when it did. */
  failedReason?: string;
  opts: {
    attempts?: number;
    backoff?: ObservedBackoff;
    priority?: number;
    delay?: number;
    lifo?: boolean;
    removeOnComplete?: ObservedKeepJobs;
    removeOnFail?: ObservedKeepJobs;
  };
  /** A flow's parent (`parentKey` "<prefix>:<queue>:<id>"), when the job is a child. */
  parent?: { queue: string; id: string };
  /** A trace id carried in the job data by Pipewright-generated code, when present. */
  traceId?: string;
}

/** One entry of a queue's events stream (`<prefix>:<queue>:events`), read while listening. */
export interface ObservedEvent {
  event: 'added' | 'active' | 'completed' | 'failed' | 'retries-exhausted' | 'delayed' | 'stalled';
  jobId: string;
  /** From the stream entry id. */
  atMs: number;
  /** `attemptsMade` when the event carries it. */
  attemptsMade?: number;
  /** The job's name, which `added` entries carry. */
  name?: string;
}

export interface ObservedWorker {
  /** The connection's client name, which BullMQ sets per worker. */
  name: string;
  addr?: string;
  /** Seconds since the connection was opened (CLIENT LIST `age`). */
  ageSec?: number;
}

export interface ObservedScheduler {
  key: string;
  /** The job name the scheduler adds. */
  name: string;
  pattern?: string;
  everyMs?: number;
  tz?: string;
  limit?: number;
}

export interface ObservedQueue {
  name: string;
  /** `getJobCounts` at the end of the window. */
  counts: Partial<Record<ObservedJobState, number>>;
  /** Stored jobs read (newest first, at most the reader's limit) and jobs seen live. */
  jobs: ObservedJob[];
  events: ObservedEvent[];
  workers: ObservedWorker[];
  schedulers: ObservedScheduler[];
  /** The queue's meta hash: global concurrency and rate limit when set, paused. */
  meta: { paused: boolean; concurrency?: number; rateLimit?: { max: number; durationMs: number } };
  /** The most jobs seen active at once (sampled while listening, and from overlapping runs). */
  maxActiveSeen: number;
}

/** One fitted number of the imported document, with its evidence. */
export interface FittedValue {
  /** Node id and the field it sets, e.g. { nodeId: 'worker-send', field: 'service' }. */
  nodeId: string;
  field: string;
  /** The value written into the document (a number, a distribution, an arrival model…). */
  value: unknown;
  /** Observations it was fitted from. */
  sample: number;
  /** Goodness of fit where a distribution was fitted: Kolmogorov–Smirnov distance (0–1). */
  ks?: number;
  /** Candidates considered, best first, with their log-likelihood (distributions) or score. */
  candidates?: { label: string; score: number }[];
  /** The data as a histogram, with the fitted curve's expected count per bin. */
  histogram?: { edges: number[]; counts: number[]; fitted: number[] };
  /** The main figure (mean ms, rate per second, probability) that `ci95` bounds. */
  estimate?: number;
  /** A 95 % confidence interval of the main figure (mean, rate, probability) where known. */
  ci95?: [number, number];
  warnings: string[];
}

/** An edge the import inferred rather than read, with why it believes it. */
export interface InferredEdge {
  from: string;
  to: string;
  probability: number;
  evidence: 'flow-parent' | 'trace-id' | 'timing';
  /** Whether `from`'s completed jobs lead to `to`, or its failed ones (a dead-letter route). */
  on?: 'completed' | 'failed';
  /** Jobs of `to` it explains, and how many of them chance alone would explain (timing). */
  matched?: number;
  expectedByChance?: number;
  /** Plain words: "212 of 230 jobs in emails were created within 50 ms of a signup finishing". */
  detail: string;
}

export interface CalibrationReport {
  redis: string;
  prefix: string;
  window: { fromMs: number; toMs: number };
  listenedMs: number;
  values: FittedValue[];
  inferredEdges: InferredEdge[];
  /** Thin samples, drifting rates, what could not be seen. */
  warnings: string[];
  /**
   * When jobs were created (ms after `window.fromMs`, ascending): per producer node id, the jobs it
   * stands for; per queue node id, those that came from edges. The prediction beside what was
   * measured replays them (predict.ts).
   */
  arrivals: Record<string, number[]>;
  /** What the deployment measured over the window, per queue: for predicted-vs-measured. */
  measured: {
    queue: string;
    throughputPerSec: number;
    meanWaitMs: number | null;
    failedPerSec: number;
  }[];
}

export interface CalibrationResult {
  document: PipelineDocument;
  report: CalibrationReport;
}
