import { JOB_STATES, type JobListState } from '../api/runs';
import { FinishedJobs } from './finished-jobs';
import type { JobTracer } from './job-tracer';
import {
  simulatedFailure,
  type RouteStep,
  type SimulatedJob,
  type SimulatedJobs,
  type SimulatedQueueJobs,
} from './simulated-jobs';
import type { SimulationModel } from './model';
import type { JobPool } from './pools';
import type { QueueState } from './stations';

/**
 * A bounded trace of each queue's jobs, for the job browser of a simulation (docs/architecture.md
 * "Simulated jobs"): the most recent N completed and N failed jobs per queue, kept in rings whose
 * records are reused, and at the end up to N of those still waiting, active or delayed. Memory is
 * N records per queue and state plus a few numbers per job in the system, whatever the run length.
 */

const NONE = 0;
const WAITING = 1;
const ACTIVE = 2;
const DELAYED = 3;
const STATE_NAMES: readonly JobListState[] = ['waiting', 'waiting', 'active', 'delayed'];
const DATA_LIMIT = 4000;

export class JobTraceRecorder implements JobTracer {
  private readonly completed: FinishedJobs;
  private readonly failed: FinishedJobs;
  private readonly data: string[];
  // Per pool index, for jobs in the system.
  private state = new Uint8Array(1024);
  private producer = new Int32Array(1024);
  private fromWorker = new Int32Array(1024);
  private addedAt = new Float64Array(1024);
  private delayMs = new Float64Array(1024);
  private backoffMs = new Float64Array(1024);
  private failureRate = new Float64Array(1024);
  /** The job that ended last (-1 none): the jobs its routes add next belong to its record. */
  private endedJob = -1;
  private endedIn: FinishedJobs | null = null;
  private endedRecord = -1;

  constructor(
    private readonly model: SimulationModel,
    private readonly jobs: JobPool,
    readonly perState: number,
  ) {
    const fanOut = Math.max(
      1,
      ...model.workers.map((w) => Math.max(w.completed.length, w.failed.length)),
    );
    this.completed = new FinishedJobs(model.queues.length, perState, fanOut);
    this.failed = new FinishedJobs(model.queues.length, perState, fanOut);
    this.data = model.producers.map((p) => {
      const json = JSON.stringify(p.node.config.payload ?? null);
      return json.length > DATA_LIMIT ? `${json.slice(0, DATA_LIMIT)}…` : json;
    });
  }

  added(job: number, t: number, delayMs: number, producer: number, parent: number): void {
    if (job >= this.state.length) this.grow(this.jobs.serial.length);
    this.state[job] = delayMs > 0 ? DELAYED : WAITING;
    this.addedAt[job] = t;
    this.delayMs[job] = delayMs;
    this.backoffMs[job] = 0;
    this.failureRate[job] = 0;
    if (producer >= 0) {
      this.producer[job] = producer;
      this.fromWorker[job] = -1;
    } else {
      this.producer[job] = this.producer[parent]!;
      this.fromWorker[job] = this.jobs.worker[parent]!;
      if (parent === this.endedJob) this.endedIn!.addNext(this.endedRecord, this.jobs.queue[job]!);
    }
  }

  promoted(job: number): void {
    this.state[job] = WAITING;
  }

  started(job: number): void {
    this.state[job] = ACTIVE;
  }

  retrying(job: number, _t: number, delayMs: number, failureRate: number): void {
    this.state[job] = delayMs > 0 ? DELAYED : WAITING;
    this.backoffMs[job]! += delayMs;
    this.failureRate[job] = failureRate;
  }

  ended(job: number, t: number, completed: boolean, failureRate: number): void {
    const jobs = this.jobs;
    const into = completed ? this.completed : this.failed;
    const r = into.claim(jobs.queue[job]!);
    into.serial[r] = jobs.serial[job]!;
    into.producer[r] = this.producer[job]!;
    into.fromWorker[r] = this.fromWorker[job]!;
    into.worker[r] = jobs.worker[job]!;
    into.attemptsMade[r] = jobs.attemptsMade[job]!;
    into.addedAt[r] = this.addedAt[job]!;
    into.delayMs[r] = this.delayMs[job]!;
    into.backoffMs[r] = this.backoffMs[job]!;
    into.processedAt[r] = jobs.startedAt[job]!;
    into.finishedAt[r] = t;
    into.failureRate[r] = completed ? this.failureRate[job]! : failureRate;
    this.state[job] = NONE;
    this.endedJob = job;
    this.endedIn = into;
    this.endedRecord = r;
  }

  /** The trace at `atMs`, with each queue's counts now. */
  result(atMs: number, queues: readonly QueueState[]): SimulatedJobs {
    const live = this.liveJobs();
    const out: Record<string, SimulatedQueueJobs> = {};
    queues.forEach((q, i) => {
      const jobs = {} as Record<JobListState, SimulatedJob[]>;
      for (const s of JOB_STATES) jobs[s] = [];
      jobs.completed = this.completed
        .newestFirst(i)
        .map((r) => this.view(this.completed, r, i, true));
      jobs.failed = this.failed.newestFirst(i).map((r) => this.view(this.failed, r, i, false));
      for (const s of ['waiting', 'active', 'delayed'] as const) {
        jobs[s] = live.get(`${i}:${s}`)?.map((job) => this.liveView(job, s)) ?? [];
      }
      out[q.model.node.id] = {
        counts: {
          waiting: q.waiting.size,
          active: q.active,
          delayed: q.delayed,
          completed: q.completed,
          failed: q.failed,
        },
        jobs,
      };
    });
    return { atMs, perState: this.perState, queues: out };
  }

  /** The newest `perState` jobs in the system per queue and state, by pool index. */
  private liveJobs(): Map<string, number[]> {
    const groups = new Map<string, number[]>();
    for (let job = 0; job < this.state.length; job++) {
      const s = this.state[job]!;
      if (s === NONE) continue;
      const key = `${this.jobs.queue[job]}:${STATE_NAMES[s]}`;
      const group = groups.get(key);
      if (group) group.push(job);
      else groups.set(key, [job]);
    }
    const serial = this.jobs.serial;
    for (const [key, group] of groups) {
      group.sort((a, b) => serial[b]! - serial[a]!);
      groups.set(key, group.slice(0, this.perState));
    }
    return groups;
  }

  private view(from: FinishedJobs, r: number, queue: number, completed: boolean): SimulatedJob {
    const attempts = this.model.queues[queue]!.attempts;
    const made = from.attemptsMade[r]!;
    const producer = from.producer[r]!;
    // A completed job's last failure was the attempt before its last; a failed job's, its last.
    const failedAttempt = completed ? made - 1 : made;
    return {
      id: String(from.serial[r]),
      name: this.model.producers[producer]!.node.config.jobName,
      state: completed ? 'completed' : 'failed',
      data: this.data[producer]!,
      attemptsMade: made,
      attempts,
      addedAtMs: from.addedAt[r]!,
      delayMs: from.delayMs[r]!,
      processedAtMs: from.processedAt[r]!,
      finishedAtMs: from.finishedAt[r]!,
      backoffMs: from.backoffMs[r]!,
      failedReason:
        failedAttempt > 0 ? simulatedFailure(from.failureRate[r]!, failedAttempt, attempts) : null,
      route: this.route(producer, from.fromWorker[r]!, queue, from.worker[r]!, from.nextOf(r)),
    };
  }

  private liveView(job: number, state: JobListState): SimulatedJob {
    const jobs = this.jobs;
    const queue = jobs.queue[job]!;
    const attempts = this.model.queues[queue]!.attempts;
    const made = jobs.attemptsMade[job]!;
    const producer = this.producer[job]!;
    const started = state === 'active' || made > 0;
    return {
      id: String(jobs.serial[job]),
      name: this.model.producers[producer]!.node.config.jobName,
      state,
      data: this.data[producer]!,
      attemptsMade: made,
      attempts,
      addedAtMs: this.addedAt[job]!,
      delayMs: this.delayMs[job]!,
      processedAtMs: started ? jobs.startedAt[job]! : null,
      finishedAtMs: null,
      backoffMs: this.backoffMs[job]!,
      failedReason: made > 0 ? simulatedFailure(this.failureRate[job]!, made, attempts) : null,
      route: this.route(
        producer,
        this.fromWorker[job]!,
        queue,
        started ? jobs.worker[job]! : -1,
        [],
      ),
    };
  }

  private route(
    producer: number,
    fromWorker: number,
    queue: number,
    worker: number,
    next: readonly number[],
  ): RouteStep[] {
    const m = this.model;
    const step = (kind: RouteStep['kind'], node: { id: string; name: string }): RouteStep => ({
      id: node.id,
      kind,
      name: node.name,
    });
    const steps: RouteStep[] = [];
    if (fromWorker < 0) steps.push(step('producer', m.producers[producer]!.node));
    else {
      const upstream = m.workers[fromWorker]!;
      if (upstream.queue >= 0) steps.push(step('queue', m.queues[upstream.queue]!.node));
      steps.push(step('worker', upstream.node));
    }
    steps.push(step('queue', m.queues[queue]!.node));
    if (worker >= 0) steps.push(step('worker', m.workers[worker]!.node));
    for (const q of next) steps.push(step('queue', m.queues[q]!.node));
    return steps;
  }

  private grow(capacity: number): void {
    const n = Math.max(capacity, this.state.length * 2);
    const grow = <T extends Uint8Array | Int32Array | Float64Array>(
      a: T,
      make: (n: number) => T,
    ) => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.state = grow(this.state, (k) => new Uint8Array(k));
    this.producer = grow(this.producer, (k) => new Int32Array(k));
    this.fromWorker = grow(this.fromWorker, (k) => new Int32Array(k));
    this.addedAt = grow(this.addedAt, (k) => new Float64Array(k));
    this.delayMs = grow(this.delayMs, (k) => new Float64Array(k));
    this.backoffMs = grow(this.backoffMs, (k) => new Float64Array(k));
    this.failureRate = grow(this.failureRate, (k) => new Float64Array(k));
  }
}
