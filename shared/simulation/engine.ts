import type { PipelineDocument } from '../document/schema';
import type { EarlyStop, RunSnapshot, RunSummary } from '../metrics/types';
import { applyChange, ChangeList, compileChanges, type ChangeContext } from './changes';
import { describeStop, STALL_SAMPLE_EVENTS } from './early-stop';
import {
  EV_ARRIVAL,
  EV_CHANGE,
  EV_DONE,
  EV_LIMIT,
  EV_READY,
  EV_TICK,
  EV_WARMUP,
  KIND_BITS,
  KIND_MASK,
} from './job-flow';
import { FlowJobs } from './fan-out';
import { JobTraceRecorder } from './job-trace';
import { bothTracers, eventTracer } from './job-tracer';
import { resolveOptions, type SimulationOptions } from './options';
import type { SimulatedJobs } from './simulated-jobs';
import { compileModel, type SimulationModel } from './model';
import { Random } from './random';
import { buildSnapshot, buildSimulationSummary, markTick } from './report';
import { sampleBacklogs, startMeasuring } from './measure';
import { scenarioChanges } from './scenario';
import { ScenarioTracker } from './scenario-tracker';
import { buildStations } from './stations';

type Budget = Record<'maxEvents' | 'maxJobsInSystem' | 'maxEventsAtOneInstant', number>;

/**
 * A discrete-event simulation of one document (docs/architecture.md "Semantics"). Drive it with `step()` in
 * slices (so a Web Worker can stay responsive and be cancelled between slices) or `run()`.
 */
export class Simulation extends FlowJobs {
  readonly seed: number;
  readonly warmupMs: number;
  /** Simulated time now. */
  now = 0;
  /** Time of the previous tick (snapshot). */
  lastTickMs = 0;
  /** Events processed so far. */
  events = 0;
  private readonly endMs: number;
  private readonly jobsLimit: number;
  private finished = false;
  private readonly tickMs: number;
  private readonly onSnapshot: ((snapshot: RunSnapshot) => void) | undefined;
  private readonly changes: ChangeList;
  private readonly changeContext: ChangeContext;
  private readonly budget: Budget;
  private readonly recorder: JobTraceRecorder | undefined;
  readonly scenario: ScenarioTracker; // what each event of the document's scenario did
  private eventsAtInstant = 0;
  private stop: EarlyStop | undefined;

  constructor(doc: PipelineDocument | SimulationModel, options: SimulationOptions = {}) {
    const model = 'format' in doc ? compileModel(doc) : doc;
    const run = resolveOptions(options, model);
    const random = new Random(run.seed);
    const stations = buildStations(model, random, run);
    super(
      model,
      stations.producers,
      stations.queues,
      stations.workers,
      random,
      options.onSnapshot !== undefined,
      run.maxJobsInSystem,
      run.warmupMs === 0,
    );
    this.init();
    // Tracers read the job pool, so they are made once super() made it.
    const recorder =
      run.jobTrace > 0 ? new JobTraceRecorder(model, this.jobs, run.jobTrace) : undefined;
    const events = options.trace ? eventTracer(model, this.jobs, options.trace) : undefined;
    this.tracer = events && recorder ? bothTracers(events, recorder) : (events ?? recorder);
    this.recorder = recorder;
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

    this.producers.forEach((p, i) => {
      if (p.model.limit > 0) this.scheduleArrival(p, i, p.arrivals.next());
    });
    // The document's scenario first, then the caller's changes (a live run's, replayed).
    this.changes = new ChangeList(
      compileChanges(this.model, [...scenarioChanges(this.model.doc), ...(options.changes ?? [])]),
      (atMs, slot) => this.heap.push(atMs, (slot << KIND_BITS) | EV_CHANGE),
    );
    this.changeContext = {
      producers: this.producers,
      queues: this.queues,
      workers: this.workers,
      random: this.random,
      epochMs: run.epochMs,
      dispatch: (q, t) => this.dispatch(q, t),
      scheduleArrival: (p, i, t) => this.scheduleArrival(p, i, t),
      schedule: (change) => this.changes.schedule(change),
    };
    this.changes.startAutoscalers(this.workers);
    this.scenario = new ScenarioTracker(model, this.queues, this.workers, this.edgeCounts);
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
      case EV_CHANGE: {
        const change = this.changes.entries[id]!;
        if (change.event !== undefined) this.scenario.mark(change.event, t);
        applyChange(change, t, this.changeContext);
        break;
      }
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

  /** The job trace so far (the `jobTrace` option), or undefined when none was asked for. */
  simulatedJobs(): SimulatedJobs | undefined {
    return this.recorder?.result(this.now, this.queues);
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
    this.scenario.finish(end);
    if (end > this.lastTickMs) {
      sampleBacklogs(this, end);
      if (this.onSnapshot) this.onSnapshot(buildSnapshot(this, end));
      markTick(this, end);
    }
    this.heap.clear();
  }
}
