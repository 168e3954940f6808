import { backoffDelayMs } from '../bullmq-options';
import { LogHistogram } from '../metrics/histogram';
import { EventHeap } from './event-heap';
import type { JobTracer } from './job-tracer';
import type { Route, SimulationModel } from './model';
import { ChainPool, JobPool } from './pools';
import type { Random } from './random';
import type { ProducerState, QueueState, WorkerState } from './stations';

/** Event kinds: the low KIND_BITS of a heap payload; the rest is a job, queue or producer index. */
export const EV_ARRIVAL = 0;
export const EV_DONE = 1;
export const EV_READY = 2;
export const EV_LIMIT = 3;
export const EV_TICK = 4;
export const EV_WARMUP = 5;
export const EV_CHANGE = 6;
export const KIND_BITS = 3;
export const KIND_MASK = 7;

/**
 * How jobs move through the stations (docs/architecture.md "Semantics"): arrivals, delays,
 * waiting in BullMQ's order, the limiter, attempts with backoff, routing on completion or failure,
 * and the chains that give end-to-end times. The engine (engine.ts) extends it with the event
 * loop, the clock, budgets and reporting; one object, so the hot path has no indirection.
 */
export abstract class JobFlow {
  readonly edgeCounts: Float64Array;
  readonly edgeCountsAtTick: Float64Array;
  readonly endToEnd = new LogHistogram();
  readonly endToEndInterval = new LogHistogram();
  /** Read by report.ts for the age of the oldest waiting job. */
  readonly jobs = new JobPool();
  protected readonly heap = new EventHeap();
  protected readonly chains = new ChainPool();
  protected measuring: boolean;
  protected measuredJobs = 0;
  private nextSerial = 0;
  /** Set by the engine after construction (tracers read `jobs`); undefined: no tracing. */
  protected tracer: JobTracer | undefined = undefined;

  protected constructor(
    readonly model: SimulationModel,
    readonly producers: ProducerState[],
    readonly queues: QueueState[],
    readonly workers: WorkerState[],
    protected readonly random: Random,
    protected readonly snapshots: boolean,
    private readonly maxJobsInSystem: number,
    measuring: boolean,
  ) {
    this.edgeCounts = new Float64Array(model.edgeIds.length);
    this.edgeCountsAtTick = new Float64Array(model.edgeIds.length);
    this.measuring = measuring;
  }

  protected scheduleArrival(p: ProducerState, index: number, t: number): void {
    if (t < p.model.stopMs && t < Infinity) {
      p.nextAt = t;
      this.heap.push(t, (index << KIND_BITS) | EV_ARRIVAL);
    }
  }

  protected arrive(index: number, t: number): void {
    const p = this.producers[index]!;
    if (t !== p.nextAt) return; // superseded by a rate change
    p.nextAt = Infinity;
    const model = p.model;
    let batch = p.arrivals.batch;
    if (p.created + batch > model.limit) batch = model.limit - p.created;
    if (model.targets.length === 0) {
      // Jobs for no queue: counted, nothing to hold. (A burst of 10 million a millisecond, one by
      // one, kept the fuzz run's simulator busy for ever.)
      p.created += batch;
      if (this.measuring) this.measuredJobs += batch;
      if (p.created < model.limit) this.scheduleArrival(p, index, p.arrivals.next());
      return;
    }
    const chains = this.chains;
    // A burst can be larger than the memory bound: stop adding once past it (step() then stops).
    const cap = this.maxJobsInSystem;
    for (let b = 0; b < batch && this.jobs.inUse <= cap; b++) {
      p.created++;
      if (this.measuring) this.measuredJobs++;
      const chain = chains.alloc();
      chains.createdAt[chain] = t;
      chains.lastCompletedAt[chain] = -1;
      chains.outstanding[chain] = 0;
      const targets = model.targets;
      for (let i = 0; i < targets.length; i++) {
        const route = targets[i]!;
        this.edgeCounts[route.edge]!++;
        const q = this.queues[route.queue]!;
        this.addJob(q, chain, t, model.priority, model.delayMs, model.lifo, index, -1);
      }
      if (chains.outstanding[chain] === 0) chains.release(chain);
    }
    if (p.created < model.limit) this.scheduleArrival(p, index, p.arrivals.next());
  }

  /** Adds a job to `q`, made by `producer`, or (producer -1) by the end of job `parent`. */
  protected addJob(
    q: QueueState,
    chain: number,
    t: number,
    priority: number,
    delayMs: number,
    lifo: boolean,
    producer: number,
    parent: number,
  ): number {
    const job = this.allocJob(q, chain, priority, lifo);
    if (this.tracer) this.tracer.added(job, t, delayMs, producer, parent);
    if (delayMs > 0) {
      q.delayedLevel.set(t, ++q.delayed);
      this.heap.push(t + delayMs, (job << KIND_BITS) | EV_READY);
    } else {
      this.makeWaiting(job, q, t, lifo);
    }
    if (q.watches.length > 0) notifyWatches(q, t);
    return job;
  }

  /** A new job of `q` in `chain`, in no list yet (a flow's parent stays out of them). */
  protected allocJob(q: QueueState, chain: number, priority: number, lifo: boolean): number {
    const jobs = this.jobs;
    const job = jobs.alloc();
    jobs.queue[job] = q.index;
    jobs.chain[job] = chain;
    jobs.attemptsMade[job] = 0;
    jobs.priority[job] = priority;
    jobs.lifo[job] = lifo ? 1 : 0;
    jobs.serial[job] = this.nextSerial++;
    this.chains.outstanding[chain]!++;
    q.enqueued++;
    return job;
  }

  /** A delayed job (delay or backoff over) moves to the back of the waiting list, as BullMQ does. */
  protected promote(job: number, t: number): void {
    const q = this.queues[this.jobs.queue[job]!]!;
    q.delayedLevel.set(t, --q.delayed);
    if (this.tracer) this.tracer.promoted(job, t);
    this.makeWaiting(job, q, t, false);
    if (q.watches.length > 0) notifyWatches(q, t);
  }

  protected makeWaiting(job: number, q: QueueState, t: number, front: boolean): void {
    this.jobs.readyAt[job] = t;
    if (q.idle > 0 && q.waiting.size === 0 && !q.paused && this.acquire(q, t)) {
      this.start(job, q, q.takeSlot(), t);
      return;
    }
    q.waiting.add(job, this.jobs.priority[job]!, front);
    q.waitingLevel.set(t, q.waiting.size);
    if (q.idle > 0) this.dispatch(q, t);
  }

  /** Starts waiting jobs while there are idle slots and the rate limit allows. */
  protected dispatch(q: QueueState, t: number): void {
    if (q.paused) return;
    while (q.idle > 0 && q.waiting.size > 0 && this.acquire(q, t)) {
      const job = q.waiting.take();
      q.waitingLevel.set(t, q.waiting.size);
      this.start(job, q, q.takeSlot(), t);
    }
    if (q.watches.length > 0) notifyWatches(q, t);
  }

  /** BullMQ's limiter (see QueueState.admit); when the window is full, wake at its end. */
  private acquire(q: QueueState, t: number): boolean {
    if (q.admit(t)) return true;
    if (!q.wakePending) {
      q.wakePending = true;
      this.heap.push(q.windowEnd, (q.index << KIND_BITS) | EV_LIMIT);
    }
    return false;
  }

  /** Starts a job on a slot of `w` that the caller has already taken. */
  private start(job: number, q: QueueState, w: WorkerState, t: number): void {
    const jobs = this.jobs;
    const wait = t - jobs.readyAt[job]!;
    if (this.measuring) q.wait.record(wait);
    if (this.snapshots) q.waitInterval.record(wait);
    w.busyLevel.set(t, ++w.busy);
    jobs.worker[job] = w.index;
    jobs.startedAt[job] = t;
    this.edgeCounts[w.inputEdge]!++;
    if (this.tracer) this.tracer.started(job, t);
    this.heap.push(t + w.sample(), (job << KIND_BITS) | EV_DONE);
  }

  protected complete(job: number, t: number): void {
    const jobs = this.jobs;
    const w = this.workers[jobs.worker[job]!]!;
    const q = this.queues[jobs.queue[job]!]!;
    const service = t - jobs.startedAt[job]!;
    // A scenario's backlog may have drained before now: close it before counting this attempt.
    if (q.watches.length > 0) notifyWatches(q, t);
    if (this.measuring) w.service.record(service);
    if (this.snapshots) w.serviceInterval.record(service);
    const made = ++jobs.attemptsMade[job]!;
    if (w.failureRate > 0 && this.random.next() < w.failureRate) {
      if (made < q.model.attempts) {
        w.retried++;
        const backoff = q.model.backoff;
        const delay = backoff
          ? backoffDelayMs(backoff, made, backoff.jitter ? this.random.next() : 1)
          : 0;
        if (this.tracer) this.tracer.retrying(job, t, delay, w.failureRate);
        if (delay > 0) {
          q.delayedLevel.set(t, ++q.delayed);
          this.heap.push(t + delay, (job << KIND_BITS) | EV_READY);
        } else {
          this.makeWaiting(job, q, t, jobs.lifo[job] === 1);
        }
      } else {
        w.failed++;
        q.failed++;
        for (let i = w.watches.length - 1; i >= 0; i--) w.watches[i]!.failedForGood(t);
        if (this.tracer) this.tracer.ended(job, t, false, w.failureRate);
        this.route(w.failedRoutes, job, t);
        if (this.flowing) this.flowEnded(job, w, t, false);
        this.endJob(job, t, false);
      }
    } else {
      w.completed++;
      q.completed++;
      if (this.tracer) this.tracer.ended(job, t, true, w.failureRate);
      this.route(w.completedRoutes, job, t);
      if (this.flowing) this.flowEnded(job, w, t, true);
      this.endJob(job, t, true);
    }
    // The freed slot fetches the next job itself, as a BullMQ worker does when it finishes one.
    w.busyLevel.set(t, --w.busy);
    if (w.excess > 0) {
      w.excess--; // its capacity was lowered: this slot goes away
    } else if (q.waiting.size > 0 && !q.paused && this.acquire(q, t)) {
      const next = q.waiting.take();
      q.waitingLevel.set(t, q.waiting.size);
      this.start(next, q, w, t);
    } else {
      q.releaseSlot(w);
    }
    if (q.watches.length > 0) notifyWatches(q, t);
  }

  /** Follows a worker's edges from the end of `job`: each one independently with its probability. */
  private route(routes: Route[], job: number, t: number): void {
    const chain = this.jobs.chain[job]!;
    for (let i = 0; i < routes.length; i++) {
      const route = routes[i]!;
      if (route.probability < 1 && this.random.next() >= route.probability) continue;
      this.edgeCounts[route.edge]!++;
      this.addJob(this.queues[route.queue]!, chain, t, 0, 0, false, -1, job);
    }
  }

  /**
   * A job of `w` completed, or failed for good, in a document with flows (fan-out.ts): before it
   * leaves the pool, it may fan out or settle its parent. `flowing` is false without flows.
   */
  protected flowing = false;
  protected flowEnded(_job: number, _w: WorkerState, _t: number, _completed: boolean): void {}

  protected endJob(job: number, t: number, completed: boolean): void {
    const chains = this.chains;
    const chain = this.jobs.chain[job]!;
    this.jobs.release(job);
    if (completed) chains.lastCompletedAt[chain] = t;
    if (--chains.outstanding[chain]! === 0) {
      const last = chains.lastCompletedAt[chain]!;
      if (last >= 0) {
        const e2e = last - chains.createdAt[chain]!;
        if (this.measuring) this.endToEnd.record(e2e);
        if (this.snapshots) this.endToEndInterval.record(e2e);
      }
      chains.release(chain);
    }
  }
}

/** Tells the scenario events following `q` that its backlog may have changed (a watch may close). */
export function notifyWatches(q: QueueState, t: number): void {
  const watches = q.watches;
  for (let i = watches.length - 1; i >= 0; i--) watches[i]?.observe(t);
}
