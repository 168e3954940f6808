import { BacklogTrend } from '../metrics/backlog-trend';
import { LogHistogram } from '../metrics/histogram';
import { TimeWeightedAverage } from '../metrics/time-weighted';
import type { Arrival } from '../document/schema';
import { arrivalProcess, replayedArrivals, type ArrivalProcess } from './arrivals';
import { Autoscaler } from './autoscaler';
import { IdleSlots, WaitingJobs } from './job-lists';
import type { EventWatch } from './scenario-watch';
import type { ProducerModel, QueueModel, Route, SimulationModel, WorkerModel } from './model';
import { serviceSampler, type Random } from './random';

/**
 * Run-time state and statistics of each station. Totals count from the start of the run; the
 * `measured*` baselines taken at the end of the warm-up turn them into measured figures, and the
 * `*AtTick` marks give per-interval figures for snapshots.
 */

export class ProducerState {
  created = 0;
  createdAtWarmup = 0;
  createdAtTick = 0;
  /** Time of its scheduled arrival; an arrival event at another time is stale (a rate change). */
  nextAt = Infinity;
  /** Its arrival model now (a live rate change replaces the document's). */
  arrival: Arrival;

  constructor(
    readonly model: ProducerModel,
    public arrivals: ArrivalProcess,
  ) {
    this.arrival = model.node.config.arrival;
  }
}

export class QueueState {
  readonly waiting = new WaitingJobs();
  delayed = 0;
  /** Idle slots across all consumers. */
  idle = 0;
  /** Which workers the idle slots belong to, longest idle first (with several consumers). */
  readonly idleSlots = new IdleSlots();
  consumers: WorkerState[] = [];
  /** BullMQ limiter: end of the current window and starts counted in it. */
  windowEnd = -Infinity;
  windowCount = 0;
  wakePending = false;
  /** Paused by a change: jobs wait, no slot takes one. */
  paused = false;
  /** Scenario events following this queue's backlog (scenario-tracker.ts). */
  readonly watches: EventWatch[] = [];

  /** A flow's parent queue (fan-out.ts): its parents waiting for their children, over time. */
  join = false;
  waitingChildren = 0;
  readonly waitingChildrenLevel = new TimeWeightedAverage();
  enqueued = 0;
  completed = 0;
  failed = 0;
  enqueuedAtWarmup = 0;
  enqueuedAtTick = 0;
  readonly waitingLevel = new TimeWeightedAverage();
  readonly delayedLevel = new TimeWeightedAverage();
  readonly wait = new LogHistogram();
  readonly waitInterval = new LogHistogram();
  readonly trend: BacklogTrend;
  waitingAreaAtTick = 0;
  delayedAreaAtTick = 0;
  /** Depth (waiting + delayed) at a mark a quarter to half the run ago, and at the next mark. */
  markMs = 0;
  depthAtMark = 0;
  candidateMs = 0;
  depthAtCandidate = 0;

  constructor(
    readonly index: number,
    readonly model: QueueModel,
    backlogThreshold: number,
  ) {
    this.trend = new BacklogTrend(backlogThreshold);
  }

  /**
   * BullMQ's limiter: the first start after a window expired opens a window of `duration` ms
   * (the key's PEXPIRE); at most `max` jobs start in it. True when a start is allowed now, and
   * then counts it; false when the window is full (it reopens at `windowEnd`).
   */
  admit(t: number): boolean {
    const max = this.model.limitMax;
    if (max === 0) return true;
    if (t >= this.windowEnd) this.windowCount = 0;
    if (this.windowCount >= max) return false;
    if (this.windowCount === 0) this.windowEnd = t + this.model.limitDurationMs;
    this.windowCount++;
    return true;
  }

  /** Takes the longest-idle slot of its workers (there must be one: `idle` > 0). */
  takeSlot(): WorkerState {
    const consumers = this.consumers;
    const w = consumers.length === 1 ? consumers[0]! : consumers[this.idleSlots.take()]!;
    this.idle--;
    return w;
  }

  /** A worker's slot goes idle. */
  releaseSlot(w: WorkerState): void {
    this.idle++;
    if (this.consumers.length > 1) this.idleSlots.put(w.consumerIndex);
  }

  /**
   * A consumer's capacity changes to `capacity` at `t`. New slots go idle at once; slots taken
   * away go first from its idle ones, the rest as its busy jobs finish (`excess`), as a BullMQ
   * worker whose concurrency drops lets its active jobs finish.
   */
  resize(w: WorkerState, capacity: number, t: number): void {
    const delta = capacity - w.capacity;
    w.setCapacity(capacity, t);
    if (delta > 0) {
      const repaid = Math.min(w.excess, delta);
      w.excess -= repaid;
      const added = delta - repaid;
      if (added === 0) return;
      this.idle += added;
      if (this.consumers.length > 1) this.idleSlots.put(w.consumerIndex, added);
    } else if (delta < 0) {
      const wanted = -delta;
      const removed =
        this.consumers.length > 1
          ? this.idleSlots.remove(w.consumerIndex, wanted)
          : Math.min(this.idle, wanted);
      this.idle -= removed;
      w.excess += wanted - removed;
    }
  }

  /** Busy slots of the consumers. */
  get active(): number {
    let busy = 0;
    for (const w of this.consumers) busy += w.busy;
    return busy;
  }
}

export class WorkerState {
  busy = 0;
  completed = 0;
  failed = 0;
  retried = 0;
  completedAtWarmup = 0;
  failedAtWarmup = 0;
  retriedAtWarmup = 0;
  completedAtTick = 0;
  readonly busyLevel = new TimeWeightedAverage();
  busyAreaAtTick = 0;
  readonly service = new LogHistogram();
  readonly serviceInterval = new LogHistogram();
  /** Slots now: concurrency × replicas alive (changes can move both). */
  capacity: number;
  concurrency: number;
  replicas: number;
  /** Busy slots beyond a capacity that was lowered: each goes away when its job ends. */
  excess = 0;
  readonly capacityLevel: TimeWeightedAverage;
  capacityAreaAtTick = 0;
  failureRate: number;
  readonly completedRoutes: Route[];
  readonly failedRoutes: Route[];
  /** Edge index of its queue → worker edge (-1 without a queue). */
  inputEdge = -1;
  /** Its position among its queue's consumers. */
  consumerIndex = 0;
  /** Scenario events counting its jobs that fail for good (scenario-tracker.ts). */
  readonly watches: EventWatch[] = [];

  /** Its autoscaler, when the document gives the worker an autoscale policy. */
  readonly autoscaler: Autoscaler | undefined;
  /** Draws a service time (ms): the designed sampler, or it scaled by a slowdown. */
  sample: () => number;

  constructor(
    readonly index: number,
    readonly model: WorkerModel,
    private readonly designSample: () => number,
  ) {
    this.sample = designSample;
    const policy = model.node.config.autoscale;
    this.autoscaler = policy ? new Autoscaler(policy) : undefined;
    this.autoscaler?.seed(model.node.config.replicas);
    this.capacity = model.capacity;
    this.concurrency = model.node.config.concurrency;
    this.replicas = model.node.config.replicas;
    this.capacityLevel = new TimeWeightedAverage(0, model.capacity);
    this.failureRate = model.failureRate;
    this.completedRoutes = model.completed;
    this.failedRoutes = model.failed;
  }

  /** Service times × `factor` from now on (1: as designed). */
  slowdown(factor: number): void {
    const design = this.designSample;
    this.sample = factor === 1 ? design : () => design() * factor;
  }

  setCapacity(capacity: number, t: number): void {
    this.capacity = capacity;
    this.capacityLevel.set(t, capacity);
  }

  /** Busy slots over slot time between two areas (the current level when no time passed). */
  utilisation(busyArea: number, capacityArea: number): number {
    if (capacityArea > 0) return busyArea / capacityArea;
    return this.capacity > 0 ? this.busy / this.capacity : 0;
  }
}

/** What of the run's options the stations need (options.ts). */
interface StationOptions {
  backlogThreshold: (queueId: string, consumerCapacity: number) => number;
  epochMs: number;
  /** Arrival times to replay, per producer id. */
  arrivalTimes: Readonly<Record<string, readonly number[]>>;
}

/** The stations of a model, wired together. */
export function buildStations(
  model: SimulationModel,
  random: Random,
  { backlogThreshold, epochMs, arrivalTimes }: StationOptions,
): { producers: ProducerState[]; queues: QueueState[]; workers: WorkerState[] } {
  const workers = model.workers.map(
    (w, i) => new WorkerState(i, w, serviceSampler(w.service, random)),
  );
  const queues = model.queues.map((q, i) => {
    const consumers = q.consumers.map((w) => workers[w]!);
    const capacity = consumers.reduce((sum, w) => sum + w.capacity, 0);
    const state = new QueueState(i, q, backlogThreshold(q.node.id, capacity));
    state.consumers = consumers;
    state.idle = capacity;
    q.consumerEdges.forEach((edge, k) => {
      consumers[k]!.inputEdge = edge;
      consumers[k]!.consumerIndex = k;
      state.idleSlots.put(k, consumers[k]!.capacity);
    });
    return state;
  });
  const producers = model.producers.map(
    (p) =>
      new ProducerState(
        p,
        arrivalTimes[p.node.id]
          ? replayedArrivals(arrivalTimes[p.node.id]!)
          : arrivalProcess(p.node.config.arrival, p.startMs, random, epochMs, p.cron),
      ),
  );
  return { producers, queues, workers };
}
