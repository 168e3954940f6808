import { z } from 'zod';
import type { DriftFlag } from '../calibration/drift';
import type { QueueFigures, RunIncident, RunSnapshot, RunSummary } from '../metrics/types';

/**
 * Request schemas and response types of the run channels (real runs on BullMQ, the Redis they
 * use, read-only monitoring). The channels themselves are in contract.ts with all the others.
 */

function runNodeId(what: string) {
  const message = `must be the id of a ${what} node`;
  return z.string({ error: message }).min(1, { error: message }).max(100, { error: message });
}
function runRedisUrl() {
  const message = 'must be a redis:// or rediss:// URL';
  return z
    .string({ error: message })
    .max(2048, { error: message })
    .regex(/^rediss?:\/\/\S+$/, { error: message });
}
function boundedNumber(min: number, max: number, integer = false) {
  const message = `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`;
  const base = z
    .number({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });
  return integer ? base.int({ error: message }) : base;
}

/** The job lists a queue browser shows ("waiting" includes prioritized jobs). */
export const JOB_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;
export type JobListState = (typeof JOB_STATES)[number];

export function runSchemas() {
  const control = z.discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('pause'), queueId: runNodeId('queue') }),
      z.strictObject({ type: z.literal('resume'), queueId: runNodeId('queue') }),
      z.strictObject({
        type: z.literal('rate'),
        producerId: runNodeId('producer'),
        ratePerSec: boundedNumber(0, 100_000),
      }),
      z.strictObject({
        type: z.literal('concurrency'),
        workerId: runNodeId('worker'),
        concurrency: boundedNumber(1, 10_000, true),
      }),
      z.strictObject({
        type: z.literal('killReplica'),
        workerId: runNodeId('worker'),
        /** Which replica (0-based); the last one still alive when absent. */
        replica: boundedNumber(0, 999, true).optional(),
      }),
      /** Brings a worker up by one replica (after a kill, or beyond its design count). */
      z.strictObject({ type: z.literal('startReplica'), workerId: runNodeId('worker') }),
      z.strictObject({
        type: z.literal('failureRate'),
        workerId: runNodeId('worker'),
        failureRate: boundedNumber(0, 1),
      }),
    ],
    {
      error:
        'needs "type" set to one of "pause", "resume", "rate", "concurrency", "killReplica", "startReplica", "failureRate"',
    },
  );
  const start = z.strictObject({
    document: z.unknown(),
    /** Tried first; when it does not answer the host starts redis-server from PATH. */
    redisUrl: runRedisUrl().optional(),
    /** Stop by itself after this long (ms); runs until run:stop when absent. */
    durationMs: boundedNumber(1000, 86_400_000, true).optional(),
    /** Leave the run's keys in Redis when it stops (default: remove them). */
    keepKeys: z.boolean({ error: 'must be true or false' }).optional(),
  });
  const stop = z.strictObject({
    /** Stop producing, then let the workers empty the queues before closing them. */
    drain: z.boolean({ error: 'must be true or false' }).optional(),
    keepKeys: z.boolean({ error: 'must be true or false' }).optional(),
  });
  const report = z.strictObject({
    format: z.enum(['json', 'html'], { error: 'must be "json" or "html"' }),
    /** Write the report to this file on the host; returned inline when absent. */
    path: z.string().min(1).max(4096).optional(),
  });
  const monitor = z.strictObject({
    redisUrl: runRedisUrl().optional(),
    /** BullMQ key prefix to look under (default "bull"). */
    prefix: z
      .string({ error: 'must be a key prefix' })
      .regex(/^\S{1,100}$/, { error: 'must be a key prefix of 1-100 characters without spaces' })
      .optional(),
  });
  const jobs = z.strictObject({
    /** A run's own queues, or a monitored Redis's. */
    source: z.enum(['run', 'monitor'], { error: 'must be "run" or "monitor"' }),
    /** A queue node id of the running document (run), or a BullMQ queue name (monitor). */
    queue: z
      .string({ error: 'must be a queue id or name' })
      .min(1, { error: 'must be a queue id or name' })
      .max(500, { error: 'must be at most 500 characters' }),
    state: z.enum(JOB_STATES, { error: `must be one of ${JOB_STATES.join(', ')}` }),
    /** Most recent first; default 20. */
    limit: boundedNumber(1, 100, true).optional(),
  });
  /** Retry or remove one of a run's own jobs; a monitored Redis is read-only. */
  const jobAction = z.strictObject({
    queueId: runNodeId('queue'),
    jobId: z
      .string({ error: 'must be a job id' })
      .min(1, { error: 'must be a job id' })
      .max(500, { error: 'must be a job id' }),
    action: z.enum(['retry', 'remove'], { error: 'must be "retry" or "remove"' }),
  });
  const clean = z.strictObject({
    /** The orphaned run's key prefix, as `run:orphans` listed it. */
    prefix: z
      .string({ error: 'must be a key prefix' })
      .regex(/^\S{1,200}$/, { error: 'must be a key prefix of 1-200 characters without spaces' }),
  });
  return {
    control,
    start,
    stop,
    report,
    monitor,
    jobs,
    jobAction,
    clean,
    none: z.strictObject({}),
  };
}

/** Request schemas of the run channels, for hosts and the runner to validate with. */
export const runRequestSchemas = runSchemas();
export const runControlSchema = runRequestSchemas.control;
export type RunControl = z.infer<typeof runControlSchema>;
export type RunStartRequest = z.infer<typeof runRequestSchemas.start>;
export type RunStopRequest = z.infer<typeof runRequestSchemas.stop>;
export type MonitorTarget = z.infer<typeof runRequestSchemas.monitor>;
export type JobListRequest = z.infer<typeof runRequestSchemas.jobs>;
export type JobActionRequest = z.infer<typeof runRequestSchemas.jobAction>;

/** One job as a queue browser shows it. */
export interface JobView {
  id: string;
  name: string;
  state: JobListState;
  /** The job's data as JSON, cut at 4,000 characters. */
  data: string;
  attemptsMade: number;
  attemptsStarted: number;
  /** Epoch ms. */
  timestamp: number;
  processedOn: number | null;
  finishedOn: number | null;
  delayMs: number;
  failedReason: string | null;
  /** One entry per failed attempt, latest last (BullMQ keeps a bounded number). */
  stacktrace: string[];
  /** The return value as JSON, cut like `data`; null when there is none. */
  returnValue: string | null;
}

export interface JobList {
  /** BullMQ queue name. */
  queue: string;
  state: JobListState;
  counts: Record<JobListState, number>;
  jobs: JobView[];
  /** Retry and remove are offered: a run's own queue (never a monitored one). */
  canModify: boolean;
}

export type RedisConnectionState =
  'unknown' | 'connecting' | 'connected' | 'lost' | 'reconnected' | 'unavailable';

/** The Redis the app runs against, for the status bar. */
export interface RedisStatus {
  state: RedisConnectionState;
  /** Password hidden. */
  url: string | null;
  /** True when Pipewright started this redis-server itself. */
  managed: boolean;
  version: string | null;
  maxmemoryPolicy: string | null;
  /** e.g. an eviction policy that loses jobs. */
  warnings: string[];
  message: string;
  /** What to install, when no Redis could be found or started. */
  help: string | null;
}

/** Server load at one snapshot. */
export interface RedisFigures {
  usedMemoryBytes: number;
  opsPerSec: number;
  connectedClients: number;
}

export type RunState =
  'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'crashed' | 'failed';

export interface RunStatus {
  runId: string | null;
  state: RunState;
  message: string;
  documentName: string | null;
  /** Epoch ms. */
  startedAt: number | null;
  /** The runner's own Redis connection, while a run is on. */
  redis: 'connected' | 'lost' | 'reconnected' | null;
  /** After a crash: `run:restart` carries the run on with the same keys. */
  canRestart: boolean;
  /** Ids of queues paused by a control. */
  pausedQueues: string[];
  /** What the run met so far that its figures do not show (outages, lagging load, refusals). */
  incidents?: RunIncident[];
}

/** The status before any run: what the host reports and the renderer shows until one starts. */
export const IDLE_RUN_STATUS: RunStatus = {
  runId: null,
  state: 'idle',
  message: 'No run yet',
  documentName: null,
  startedAt: null,
  redis: null,
  canRestart: false,
  pausedQueues: [],
};

export interface RunInfo {
  runId: string;
  /** The BullMQ key prefix of this run's keys. */
  prefix: string;
  documentName: string;
  startedAt: number;
  redis: RedisStatus;
}

export interface RunSnapshotEvent {
  runId: string;
  snapshot: RunSnapshot;
  redis: RedisFigures | null;
  /** The runner process's memory, bytes. */
  runnerMemory?: { rssBytes: number; heapUsedBytes: number };
}

export interface RunLogEntry {
  runId: string;
  /** ms since the run started. */
  t: number;
  level: 'info' | 'warn' | 'error';
  nodeId?: string;
  message: string;
}

export interface RunResult {
  runId: string;
  summary: RunSummary;
  drained: boolean;
  /** Keys deleted from Redis (0 when kept). */
  keysRemoved: number;
  keysKept: boolean;
}

/** A run whose keys are still in Redis but whose runner is gone (a killed host or CLI). */
export interface OrphanRun {
  prefix: string;
  runId: string;
  document: string;
  /** Epoch ms; 0 when unknown. */
  startedAt: number;
}

export interface OrphanRuns {
  /** The Redis looked in, password hidden. */
  redisUrl: string;
  runs: OrphanRun[];
}

export interface RunReportFile {
  format: 'json' | 'html';
  fileName: string;
  mimeType: string;
  bytes: number;
  /** Where it was written, when a path was given. */
  path: string | null;
  /** The report itself, when no path was given. */
  content: string | null;
}

/** A queue found in a monitored Redis, with figures like a run's queue plus throughput. */
export interface MonitorQueueFigures extends QueueFigures {
  name: string;
  /** Completions and final failures per second over the last interval. */
  throughputPerSec: number;
  failedPerSec: number;
  /** Workers connected to the queue now. */
  workers: number;
}

export interface MonitorSnapshot {
  t: number;
  prefix: string;
  /** Keyed by BullMQ queue name. */
  queues: Record<string, MonitorQueueFigures>;
  redis: RedisFigures | null;
  /**
   * When the monitored pipeline was imported: figures a refit on the recent window found moved
   * beyond their confidence interval (`detectDrift`, docs/architecture.md "Calibration").
   */
  drift?: DriftFlag[];
}

export interface MonitorInfo {
  url: string;
  prefix: string;
  queues: string[];
}
