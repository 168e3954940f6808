import { backoffDelayMs } from '../bullmq-options';
import type { PipelineDocument } from '../document/schema';
import { LogHistogram } from '../metrics/histogram';
import type { EarlyStop, RunSnapshot, RunSummary } from '../metrics/types';
import { applyChange, compileChanges, type ChangeContext, type CompiledChange } from './changes';
import { describeStop } from './early-stop';
import { resolveOptions, type JobTraceEvent, type SimulationOptions } from './options';
import { EventHeap } from './event-heap';
import { compileModel, type Route, type SimulationModel } from './model';
import { ChainPool, JobPool } from './pools';
import { Random } from './random';
import { buildSnapshot, buildSimulationSummary, markTick } from './report';
import { sampleBacklogs, startMeasuring, traceEvent } from './measure';
import { buildStations, type ProducerState, type QueueState, type WorkerState } from './stations';

interface Budget {
  maxEvents: number;
  maxJobsInSystem: number;
  maxEventsAtOneInstant: number;
}

const EV_ARRIVAL = 0;
const EV_DONE = 1;
const EV_READY = 2;
const EV_LIMIT = 3;
const EV_TICK = 4;
const EV_WARMUP = 5;
const EV_CHANGE = 6;
const KIND_BITS = 3;
const KIND_MASK = 7;
/** Events followed after a stall to find the workers of the loop. */
const STALL_SAMPLE_EVENTS = 10_000;

/**
 * A discrete-event simulation of one document (docs/architecture.md "Semantics"). Drive it with `step()` in
 * slices (so a Web Worker can stay responsive and be cancelled between slices) or `run()`.
 */
export class Simulation {
  readonly model: SimulationModel;
  readonly producers: ProducerState[];
  readonly queues: QueueState[];
  readonly workers: WorkerState[];
  readonly edgeCounts: Float64Array;
  readonly edgeCountsAtTick: Float64Array;
  readonly endToEnd = new LogHistogram();
  readonly endToEndInterval = new LogHistogram();
  readonly seed: number;
  readonly warmupMs: number;
  /** Simulated time now. */
  now = 0;
  /** Time of the previous tick (snapshot). */
  lastTickMs = 0;
  /** Events processed so far. */
  events = 0;
  private measuring: boolean;
  private readonly snapshots: boolean;
  private readonly endMs: number;
  private readonly jobsLimit: number;
  private measuredJobs = 0;
  private finished = false;
  private readonly tickMs: number;
  private readonly onSnapshot: ((snapshot: RunSnapshot) => void) | undefined;
  private readonly heap = new EventHeap();
  /** Read by report.ts for the age of the oldest waiting job. */
  readonly jobs = new JobPool();
  private readonly chains = new ChainPool();
  private readonly random: Random;
  private readonly trace: ((event: JobTraceEvent) => void) | undefined;
  private nextSerial = 0;
  private readonly changes: CompiledChange[];
  private readonly changeContext: ChangeContext;
  private readonly budget: Budget;
  private eventsAtInstant = 0;
  private stop: EarlyStop | undefined;

  constructor(doc: PipelineDocument | SimulationModel, options: SimulationOptions = {}) {
    this.model = 'format' in doc ? compileModel(doc) : doc;
    const run = resolveOptions(options, this.model);
    this.seed = run.seed;
    this.warmupMs = run.warmupMs;
    this.endMs = run.endMs;
    this.jobsLimit = run.jobsLimit;
    this.tickMs = run.tickMs;
    this.budget = {
      maxEvents: run.maxEvents,
      maxJobsInSystem: run.maxJobsInSystem,
      maxEventsAtOneInstant: run.maxEventsAtOneInstant,
    };
    this.onSnapshot = options.onSnapshot;
    this.snapshots = this.onSnapshot !== undefined;
    this.trace = options.trace;
    this.measuring = run.warmupMs === 0;
    this.random = new Random(run.seed);
    const stations = buildStations(this.model, this.random, run.backlogThreshold, run.epochMs);
    this.producers = stations.producers;
    this.queues = stations.queues;
    this.workers = stations.workers;
    const edgeIds = this.model.edgeIds;
    this.edgeCounts = new Float64Array(edgeIds.length);
    this.edgeCountsAtTick = new Float64Array(edgeIds.length);

    this.producers.forEach((p, i) => {
      if (p.model.limit > 0) this.scheduleArrival(p, i, p.arrivals.next());
    });
    this.changes = compileChanges(this.model, options.changes ?? []);
    this.changes.forEach((c, i) => this.heap.push(c.atMs, (i << KIND_BITS) | EV_CHANGE));
    this.changeContext = {
      producers: this.producers,
      queues: this.queues,
      workers: this.workers,
      random: this.random,
      epochMs: run.epochMs,
      dispatch: (q, t) => this.dispatch(q, t),
      scheduleArrival: (p, i, t) => this.scheduleArrival(p, i, t),
    };
    if (run.warmupMs > 0) this.heap.push(run.warmupMs, EV_WARMUP);
    this.heap.push(Math.min(this.tickMs, this.endMs), EV_TICK);
  }

  /** True once the horizon is reached; then `summary()` is final. */
  get done(): boolean {
    return this.finished;
  }

  /**
   * Processes up to `maxEvents` events; returns true when the run is over — at its horizon, or
   * early when a budget trips (then `stoppedEarly` says why).
   */
  step(maxEvents: number): boolean {
    if (this.finished) return true;
    const heap = this.heap;
    const end = this.endMs;
    const jobs = this.jobs;
    const jobCap = this.budget.maxJobsInSystem;
    const stallAfter = this.budget.maxEventsAtOneInstant;
    const startEvents = this.events;
    const slice = Math.min(maxEvents, this.budget.maxEvents - startEvents);
    for (let n = 0; n < slice; n++) {
      const t = heap.peekTime();
      if (t >= end) {
        this.events = startEvents + n;
        this.finish(end);
        return true;
      }
      const previous = this.now;
      if (t === previous) {
        if (++this.eventsAtInstant >= stallAfter) {
          this.events = startEvents + n;
          this.stopStalled(t);
          return true;
        }
      } else this.eventsAtInstant = 0;
      this.now = t;
      this.handle(heap.pop(), t, previous);
      if (this.finished) {
        this.events = startEvents + n + 1;
        return true;
      }
      if (jobs.inUse > jobCap) {
        this.events = startEvents + n + 1;
        this.stopEarly('jobs', t);
        return true;
      }
    }
    this.events = startEvents + slice;
    if (this.events >= this.budget.maxEvents) {
      this.stopEarly('events', this.now);
      return true;
    }
    return false;
  }

  /** Set when the run stopped before its horizon because a budget tripped. */
  get stoppedEarly(): EarlyStop | undefined {
    return this.stop;
  }

  private handle(payload: number, t: number, previous: number): void {
    const id = payload >>> KIND_BITS;
    switch (payload & KIND_MASK) {
      case EV_DONE:
        this.complete(id, t);
        break;
      case EV_ARRIVAL:
        this.arrive(id, t);
        if (this.measuredJobs >= this.jobsLimit) this.finish(t);
        break;
      case EV_READY:
        this.promote(id, t);
        break;
      case EV_LIMIT: {
        const q = this.queues[id]!;
        q.wakePending = false;
        this.dispatch(q, t);
        break;
      }
      case EV_TICK:
        this.tick(t, previous);
        break;
      case EV_WARMUP:
        this.measuring = true;
        startMeasuring(this, t);
        break;
      case EV_CHANGE:
        applyChange(this.changes[id]!, t, this.changeContext);
        break;
    }
  }

  /**
   * Time stands still: before stopping, follow the loop for a few more events at this instant to
   * name the workers that keep finishing jobs in it.
   */
  private stopStalled(t: number): void {
    const seen = new Set<number>();
    for (let n = 0; n < STALL_SAMPLE_EVENTS && this.heap.peekTime() === t; n++) {
      const payload = this.heap.pop();
      if ((payload & KIND_MASK) === EV_DONE) seen.add(this.jobs.worker[payload >>> KIND_BITS]!);
      this.handle(payload, t, t);
      if (this.finished) break;
    }
    const workers = [...seen].sort((a, b) => a - b).map((w) => this.workers[w]!.model.node.name);
    this.stopEarly('stalled', t, workers);
  }

  private stopEarly(reason: EarlyStop['reason'], t: number, loopWorkers?: string[]): void {
    this.finish(t);
    this.stop = describeStop({
      reason,
      atMs: this.now,
      horizonMs: this.endMs,
      events: this.events,
      jobsInSystem: this.jobs.inUse,
      replication: 1,
      ...this.budget,
      queues: this.queues,
      ...(loopWorkers ? { loopWorkers } : {}),
    });
  }

  /** Runs to the horizon and returns the summary. */
  run(): RunSummary {
    while (!this.step(1 << 20));
    return this.summary();
  }

  /** The `pipewright-summary/v1` object for the measured span so far. */
  summary(): RunSummary {
    return buildSimulationSummary(this, Math.max(this.now, this.warmupMs), this.stop);
  }

  /** A snapshot of the current state, without resetting interval figures. */
  snapshot(): RunSnapshot {
    return buildSnapshot(this, this.now);
  }

  /** How far the run is, from 0 to 1 (by simulated time, or by jobs for a jobs horizon). */
  get progress(): number {
    if (this.finished) return 1;
    const byTime = Number.isFinite(this.endMs) ? this.now / this.endMs : 0;
    const byJobs = Number.isFinite(this.jobsLimit) ? this.measuredJobs / this.jobsLimit : 0;
    return Math.min(1, Math.max(byTime, byJobs));
  }

  /** Jobs in the system now (waiting, delayed or active in any queue). */
  get jobsInSystem(): number {
    return this.jobs.inUse;
  }

  // --- events -------------------------------------------------------------------------------

  private scheduleArrival(p: ProducerState, index: number, t: number): void {
    if (t < p.model.stopMs && t < Infinity) {
      p.nextAt = t;
      this.heap.push(t, (index << KIND_BITS) | EV_ARRIVAL);
    }
  }

  private arrive(index: number, t: number): void {
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
    const cap = this.budget.maxJobsInSystem;
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
        this.addJob(this.queues[route.queue]!, chain, t, model.priority, model.delayMs, model.lifo);
      }
      if (chains.outstanding[chain] === 0) chains.release(chain);
    }
    if (p.created < model.limit) this.scheduleArrival(p, index, p.arrivals.next());
  }

  private addJob(
    q: QueueState,
    chain: number,
    t: number,
    priority: number,
    delayMs: number,
    lifo: boolean,
  ): void {
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
    if (this.trace) this.traceJob('added', job, t, -1, delayMs);
    if (delayMs > 0) {
      q.delayedLevel.set(t, ++q.delayed);
      this.heap.push(t + delayMs, (job << KIND_BITS) | EV_READY);
    } else {
      this.makeWaiting(job, q, t, lifo);
    }
  }

  /** A delayed job (delay or backoff over) moves to the back of the waiting list, as BullMQ does. */
  private promote(job: number, t: number): void {
    const q = this.queues[this.jobs.queue[job]!]!;
    q.delayedLevel.set(t, --q.delayed);
    this.makeWaiting(job, q, t, false);
  }

  private makeWaiting(job: number, q: QueueState, t: number, front: boolean): void {
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
  private dispatch(q: QueueState, t: number): void {
    if (q.paused) return;
    while (q.idle > 0 && q.waiting.size > 0 && this.acquire(q, t)) {
      const job = q.waiting.take();
      q.waitingLevel.set(t, q.waiting.size);
      this.start(job, q, q.takeSlot(), t);
    }
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
    if (this.trace) this.traceJob('started', job, t, w.index, undefined);
    this.heap.push(t + w.sample(), (job << KIND_BITS) | EV_DONE);
  }

  private complete(job: number, t: number): void {
    const jobs = this.jobs;
    const w = this.workers[jobs.worker[job]!]!;
    const q = this.queues[jobs.queue[job]!]!;
    const service = t - jobs.startedAt[job]!;
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
        if (this.trace) this.traceJob('retrying', job, t, w.index, delay);
        if (delay > 0) {
          q.delayedLevel.set(t, ++q.delayed);
          this.heap.push(t + delay, (job << KIND_BITS) | EV_READY);
        } else {
          this.makeWaiting(job, q, t, jobs.lifo[job] === 1);
        }
      } else {
        w.failed++;
        q.failed++;
        if (this.trace) this.traceJob('failed', job, t, w.index, undefined);
        this.route(w.failedRoutes, jobs.chain[job]!, t);
        this.endJob(job, t, false);
      }
    } else {
      w.completed++;
      q.completed++;
      if (this.trace) this.traceJob('completed', job, t, w.index, undefined);
      this.route(w.completedRoutes, jobs.chain[job]!, t);
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
  }

  /** Follows a worker's edges: each one independently with its probability. */
  private route(routes: Route[], chain: number, t: number): void {
    for (let i = 0; i < routes.length; i++) {
      const route = routes[i]!;
      if (route.probability < 1 && this.random.next() >= route.probability) continue;
      this.edgeCounts[route.edge]!++;
      this.addJob(this.queues[route.queue]!, chain, t, 0, 0, false);
    }
  }

  private endJob(job: number, t: number, completed: boolean): void {
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

  private traceJob(
    type: JobTraceEvent['type'],
    job: number,
    t: number,
    worker: number,
    delayMs: number | undefined,
  ): void {
    this.trace!(traceEvent(this.model, this.jobs, type, job, t, worker, delayMs));
  }

  private tick(t: number, previousEventMs: number): void {
    if (this.heap.size === 0 && !Number.isFinite(this.endMs)) {
      // Nothing can happen any more and there is no time horizon: the run ended at its last event.
      this.now = Math.max(previousEventMs, this.lastTickMs);
      this.finish(this.now);
      return;
    }
    sampleBacklogs(this, t);
    if (this.onSnapshot) this.onSnapshot(buildSnapshot(this, t));
    markTick(this, t);
    const next = t + this.tickMs;
    if (next < this.endMs) this.heap.push(next, EV_TICK);
  }

  private finish(t: number): void {
    const end = Math.max(t, this.now);
    this.now = end;
    this.finished = true;
    if (end > this.lastTickMs) {
      sampleBacklogs(this, end);
      if (this.onSnapshot) this.onSnapshot(buildSnapshot(this, end));
      markTick(this, end);
    }
    this.heap.clear();
  }
}
