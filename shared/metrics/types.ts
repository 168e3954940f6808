/**
 * Figures shared by the simulator and real runs (docs/architecture.md "Snapshots"), so every view is
 * written once. Times in ms, rates per second, utilisation as a fraction of capacity.
 */

/** Latency statistics over a set of samples; all zero when `count` is 0. */
export interface LatencyStats {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface ProducerFigures {
  kind: 'producer';
  /** Jobs created since the start. */
  created: number;
  /** Creation rate over the last interval. */
  ratePerSec: number;
}

export interface QueueFigures {
  kind: 'queue';
  waiting: number;
  active: number;
  delayed: number;
  /** Totals since the start. */
  completed: number;
  failed: number;
  enqueued: number;
  /** Jobs added per second over the last interval. */
  enqueuedPerSec: number;
  paused: boolean;
  /** Wait time of jobs that started in the last interval. */
  waitMs: LatencyStats;
  /**
   * Age of the oldest waiting job (ms) when jobs wait and none started in the interval (a paused
   * or starved queue), where `waitMs` has nothing to say. Simulations fill it in.
   */
  oldestWaitingMs?: number;
  /** A flow's parent queue only: parents waiting for their children (BullMQ's waiting-children). */
  waitingChildren?: number;
}

export interface WorkerFigures {
  kind: 'worker';
  /** Busy slots now, and the slots there are (concurrency × replicas). */
  active: number;
  capacity: number;
  /** Mean busy slots / capacity over the last interval. */
  utilisation: number;
  /** Completions per second over the last interval. */
  throughputPerSec: number;
  /** Totals since the start. */
  completed: number;
  failed: number;
  retried: number;
  /** Service time of jobs that finished in the last interval. */
  serviceMs: LatencyStats;
  /** An autoscaled worker: replicas serving now, and those still starting. */
  replicas?: number;
  startingReplicas?: number;
}

export type NodeFigures = ProducerFigures | QueueFigures | WorkerFigures;

export interface RunSnapshot {
  /** ms since the run started (simulated time for a simulation, wall time for a run). */
  t: number;
  nodes: Record<string, NodeFigures>;
  /** Jobs per second that crossed each edge over the last interval. */
  edges: Record<string, number>;
  /** End-to-end latency of chains that finished in the last interval. */
  endToEndMs: LatencyStats;
}

/** `pipewright-summary/v1`: printed by `simulate --json` and `run --json`. */
export interface SummaryStat {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface ProducerSummary {
  kind: 'producer';
  name: string;
  created: number;
  ratePerSec: number;
}

export interface QueueSummary {
  kind: 'queue';
  name: string;
  waitMs: SummaryStat;
  waiting: { mean: number; max: number };
  delayed: { mean: number; max: number };
  /** A flow's parent queue only: parents in waiting-children, time-weighted. */
  waitingChildren?: { mean: number; max: number };
  enqueued: number;
  verdict: 'stable' | 'growing';
  /** When the backlog first crossed the growth threshold (ms), for a growing queue. */
  growingSinceMs?: number;
}

export interface WorkerSummary {
  kind: 'worker';
  name: string;
  completed: number;
  failed: number;
  retried: number;
  throughputPerSec: number;
  utilisation: number;
  serviceMs: SummaryStat;
  /** An autoscaled worker: what its autoscaler did over the measured span. */
  autoscale?: AutoscaleSummary;
}

export interface AutoscaleSummary {
  /** Replica time paid for, serving or starting: what the policy costs. */
  replicaSeconds: number;
  /** Replicas serving: time-weighted mean, fewest and most. */
  replicas: { mean: number; min: number; max: number };
  /** Polls that raised or lowered the replica count asked for. */
  scaleUps: number;
  scaleDowns: number;
}

/**
 * What one scenario event did (docs/architecture.md "Scenarios"). Its window runs from the event's
 * start until the backlog of its queues is back at its level before the event (drained), or the
 * end of the run when it never is; counts cover that window.
 */
export interface ScenarioEventFigures {
  id: string;
  name?: string;
  nodeId: string;
  /** The change's type: failureRate, slowdown, rate, replicas, pause. */
  change: string;
  atMs: number;
  /** When the event ended; absent when it lasts to the end of the run. */
  endMs?: number;
  /** The queues whose backlog (waiting + delayed) the figures follow. */
  queues: string[];
  /** Backlog at the event's start, and the most it reached until drained. */
  backlogBefore: number;
  peakBacklog: number;
  peakAtMs: number;
  /** When the backlog was back at `backlogBefore` after the event ended, and how long after. */
  drainedAtMs?: number;
  drainMs?: number;
  /** Attempts the workers finished in the window, retries among them, and jobs that ended. */
  attempts: number;
  retries: number;
  jobsEnded: number;
  /** Attempts per job that ended in the window (1: no retries): the retry amplification. */
  attemptsPerJob: number;
  /** Jobs that failed their last attempt in the window, and those routed to a dead-letter queue. */
  failed: number;
  deadLettered: number;
  firstFailedAtMs?: number;
  lastFailedAtMs?: number;
  /** With replications: in how many the backlog drained (times are means over those). */
  drainedIn?: number;
}

export type NodeSummary = ProducerSummary | QueueSummary | WorkerSummary;

/** Fields of a summary that are text or an instant, never averaged over replications. */
export type UnaveragedKey = 'kind' | 'name' | 'verdict' | 'growingSinceMs';

/**
 * The numbers of a summary shape with its keys and nesting, text left out: what `ci95` holds (95 %
 * Student-t half-widths) once replications are combined.
 */
export type Ci95Of<T> = {
  [K in keyof T as K extends UnaveragedKey ? never : K]-?: T[K] extends number
    ? number
    : Ci95Of<T[K]>;
};

/** A node's summary; with replications it carries the half-width of each of its numbers. */
export type SummaryNode =
  | (ProducerSummary & { ci95?: Ci95Of<ProducerSummary> })
  | (QueueSummary & { ci95?: Ci95Of<QueueSummary> })
  | (WorkerSummary & { ci95?: Ci95Of<WorkerSummary> });

/**
 * Something a real run met that its figures alone do not show: a Redis outage, arrivals a load
 * generator dropped or could not deliver in time, commands Redis refused.
 */
export interface RunIncident {
  /** Stable per incident: an update replaces the entry with the same key. */
  key: string;
  kind: 'outage' | 'dropped' | 'lagging' | 'refused';
  level: 'warn' | 'error';
  /** ms since the run started, when it began; `endT` when it ended (an outage that is over). */
  t: number;
  endT?: number;
  nodeId?: string;
  /** How many: arrivals dropped, commands refused. */
  count?: number;
  message: string;
}

export interface RunSummary {
  format: 'pipewright-summary/v1';
  mode: 'simulate' | 'run';
  document: string;
  durationMs: number;
  seed?: number;
  replications?: number;
  nodes: Record<string, SummaryNode>;
  endToEndMs: SummaryStat;
  /** With replications: 95 % confidence half-widths of `endToEndMs`. */
  endToEndCi95?: SummaryStat;
  /** Real runs: what went wrong along the way (empty when nothing did). */
  incidents?: RunIncident[];
  /** Real runs: true when the counts were read back from Redis at the end (see reconcile.ts). */
  reconciled?: boolean;
  /** Present when the simulation stopped before its horizon because a budget tripped. */
  stoppedEarly?: EarlyStop;
  /** A document with a scenario (simulated or run): what each event did, in the scenario's order. */
  scenario?: ScenarioEventFigures[];
}

/** Why a simulation stopped before its horizon, and what was piling up when it did. */
export interface EarlyStop {
  /**
   * `events`: it processed its event budget; `jobs`: more jobs were in the model than the memory
   * bound allows; `stalled`: simulated time stopped advancing (jobs pass through workers that
   * take no time, round and round at one instant).
   */
  reason: 'events' | 'jobs' | 'stalled';
  /** One plain sentence: what happened and what to change. */
  message: string;
  /** Simulated time of the stop, ms since the run started (warm-up included). */
  atMs: number;
  /** Events processed and jobs in the model at the stop. */
  events: number;
  jobsInSystem: number;
  /** The replication (from 1) that stopped; later ones were not run. */
  replication: number;
  /** Queues whose backlog was rising at the stop, deepest first. */
  growingQueues: GrowingQueue[];
  /** For `stalled`: the workers finishing jobs at the stalled instant. */
  loopWorkers?: string[];
}

export interface GrowingQueue {
  id: string;
  name: string;
  /** Jobs waiting or delayed at the stop. */
  depth: number;
  /** How fast that depth rose over roughly the last half of the run, jobs per second. */
  growthPerSec: number;
}

export const emptyLatency = (): LatencyStats => ({
  count: 0,
  mean: 0,
  p50: 0,
  p95: 0,
  p99: 0,
  max: 0,
});
