import { Worker, type Job, type Queue } from 'bullmq';
import { openRedis, type RedisClient } from '../redis/client';
import { backoffDelayMs } from '../../shared/bullmq-options';
import type { CpuPool } from './cpu-pool';
import type { RunFlows } from './flows';
import type { IncidentLog } from './incidents';
import { hopJobId, stableUniform } from './job-ids';
import type { RunMetrics } from './metrics';
import type { QueuePlan, WorkerPlan } from './plan';
import { Random, serviceSampler } from '../../shared/simulation/random';

/** The data of a run's jobs: the producer's payload, and where the chain began. */
export interface RunJobData {
  /**
   * Epoch ms the chain's first job was created at its producer (end-to-end latency); absent on
   * that first job itself, whose own timestamp is the origin.
   */
  origin?: number;
  payload?: unknown;
}

export interface WorkerContext {
  prefix: string;
  redisUrl: string;
  /** Open cluster clients (the document's `settings.cluster`). */
  cluster: boolean;
  connectionOptions: Record<string, unknown>;
  stalledIntervalMs: number;
  lockDurationMs: number;
  metrics: RunMetrics | null;
  queues: Map<string, { plan: QueuePlan; queue: Queue }>;
  cpu: () => CpuPool;
  /** A fresh seed per random stream. */
  seed(): number;
  /** A job created by a job scheduler started for the first time. */
  schedulerJobStarted(schedulerId: string, queueId: string): void;
  log(level: 'info' | 'warn' | 'error', message: string, nodeId?: string): void;
  incidents: IncidentLog;
  /** Epoch ms at which a retried job became ready again, by queue and job id. */
  readyAt: Map<string, Map<string, number>>;
  /** The run's FlowProducer, when a worker fans out (flows.ts). */
  flows: RunFlows | null;
}

interface Replica {
  index: number;
  worker: Worker;
  busy: number;
  killed: boolean;
  /** Stopped gracefully (scaled down): takes no new jobs, finishes those it has. */
  retired?: boolean;
}

/** Synthetic failure, thrown at the modelled rate. */
export class SyntheticFailure extends Error {
  constructor(rate: number) {
    super(`synthetic failure (failure rate ${rate})`);
    this.name = 'SyntheticFailure';
  }
}

/** Replicas alive per worker a live control may bring up to (each has its own connection). */
export const MAX_REPLICAS = 64;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * One worker node: `replicas` BullMQ Worker instances running synthetic work. The replicas share
 * one connection for their regular commands; each Worker duplicates it for its own blocking
 * fetch (see connections.ts), so a replica costs one connection, not two. Chaining and dead-lettering happen in the
 * processor, as in the generated code: a completed job adds one job to each downstream queue
 * (per-edge probability) and its flow (flows.ts), a job failing its last attempt is added to the
 * `on: failed` targets.
 */
export class WorkerGroup {
  private readonly replicas: Replica[] = [];
  private concurrency: number;
  failureRate: number;
  /** Service times × this (a scenario's slow dependency; 1 as designed). */
  slowdown = 1;
  private readonly random: Random;
  private readonly sample: () => number;
  /** The queue → worker edge, for edge throughput. */
  private readonly inputEdge: string | undefined;
  private failureLog = { windowStart: 0, shown: 0, suppressed: 0 };
  private connection: RedisClient | null = null;

  constructor(
    readonly plan: WorkerPlan,
    private readonly ctx: WorkerContext,
  ) {
    this.concurrency = plan.options.concurrency;
    this.failureRate = plan.failureRate;
    this.random = new Random(ctx.seed());
    this.sample = serviceSampler(plan.node.config.service, this.random);
    this.inputEdge = ctx.queues.get(plan.queueId)!.plan.consumerEdges.get(plan.node.id);
  }

  get id(): string {
    return this.plan.node.id;
  }
  get capacity(): number {
    return this.concurrency * this.alive;
  }
  /** Replicas taking jobs. */
  get alive(): number {
    return this.replicas.filter((r) => !r.killed && !r.retired).length;
  }

  start(): void {
    this.connection = openRedis(this.ctx.redisUrl, {
      cluster: this.ctx.cluster,
      ...this.ctx.connectionOptions,
      maxRetriesPerRequest: null,
    });
    this.ctx.incidents.watch(this.connection, `worker "${this.plan.node.name}"`, this.id);
    for (let i = 0; i < this.plan.node.config.replicas; i++) this.replicas.push(this.spawn(i));
    this.ctx.metrics?.capacity(this.id, this.capacity);
  }

  /** Resolves when every replica is connected and waiting for jobs. */
  async ready(): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.worker.waitUntilReady()));
  }

  setConcurrency(concurrency: number): void {
    this.concurrency = concurrency;
    for (const r of this.replicas) if (!r.killed && !r.retired) r.worker.concurrency = concurrency;
    this.ctx.metrics?.capacity(this.id, this.capacity);
  }

  /**
   * Kills one replica as a crashed process would die: no more lock renewals, no completions. Its
   * active jobs stay active until their locks expire; another replica's stalled check then moves
   * them back to waiting and they run again.
   */
  async kill(index?: number): Promise<{ index: number; activeJobs: number }> {
    const alive = this.replicas.filter((r) => !r.killed && !r.retired);
    const replica = index === undefined ? alive.at(-1) : this.replicas[index];
    if (!replica || replica.killed || replica.retired) {
      throw new Error(
        index === undefined
          ? `worker "${this.plan.node.name}" has no replica left to kill`
          : `worker "${this.plan.node.name}" has no live replica ${index} (live: ${
              alive.map((r) => r.index).join(', ') || 'none'
            })`,
      );
    }
    replica.killed = true;
    const activeJobs = replica.busy;
    this.ctx.metrics?.busy(this.id, -replica.busy);
    replica.busy = 0;
    this.ctx.metrics?.capacity(this.id, this.capacity);
    await replica.worker.close(true).catch(() => undefined);
    return { index: replica.index, activeJobs };
  }

  /**
   * Starts one more replica (a new process, as a restarted or scaled-up deployment would): it
   * connects and takes jobs at the current concurrency. A live control is refused beyond
   * MAX_REPLICAS alive, each being a Redis connection; a scenario or an autoscaler passes no
   * limit, their most replicas having been counted against Redis's before the run started.
   */
  async startReplica(limit = MAX_REPLICAS): Promise<{ index: number }> {
    if (this.alive >= limit) {
      throw new Error(
        `worker "${this.plan.node.name}" already has ${this.alive} replicas alive; a run allows at most ${limit}`,
      );
    }
    const replica = this.spawn(this.replicas.length);
    this.replicas.push(replica);
    this.ctx.metrics?.capacity(this.id, this.capacity);
    await replica.worker.waitUntilReady();
    return { index: replica.index };
  }

  /**
   * Stops the newest replica as a scaled-down deployment does (SIGTERM, then BullMQ's graceful
   * close): it takes no new jobs at once and finishes those it has, in the background.
   */
  stopReplica(): { index: number } {
    const replica = this.replicas.filter((r) => !r.killed && !r.retired).at(-1);
    if (!replica) throw new Error(`worker "${this.plan.node.name}" has no replica left to stop`);
    replica.retired = true;
    this.ctx.metrics?.capacity(this.id, this.capacity);
    void replica.worker.close().catch(() => undefined);
    return { index: replica.index };
  }

  /** Closes every replica; waits for active jobs unless `force`. */
  async close(force = false): Promise<void> {
    await Promise.all(
      this.replicas
        .filter((r) => !r.killed)
        .map(async (r) => {
          r.killed = true;
          await r.worker.close(force).catch(() => undefined);
        }),
    );
    this.connection?.disconnect();
  }

  private spawn(index: number): Replica {
    const queue = this.ctx.queues.get(this.plan.queueId)!;
    const replica = { index, busy: 0, killed: false } as Replica;
    replica.worker = new Worker(queue.plan.bullName, (job) => this.process(job, replica), {
      connection: this.connection!,
      prefix: this.ctx.prefix,
      ...this.plan.options,
      concurrency: this.concurrency,
      stalledInterval: this.ctx.stalledIntervalMs,
      lockDuration: this.ctx.lockDurationMs,
    });
    this.listen(replica);
    return replica;
  }

  private listen(replica: Replica): void {
    const { worker } = replica;
    const nodeId = this.id;
    let lastError = 0;
    worker.on('error', (error) => {
      if (replica.killed) return;
      this.ctx.incidents.refused(`worker "${this.plan.node.name}"`, error, nodeId);
      const now = Date.now();
      if (now - lastError < 2000) return;
      lastError = now;
      this.ctx.log(
        'warn',
        `worker "${this.plan.node.name}" #${replica.index}: ${error.message}`,
        nodeId,
      );
    });
    worker.on('completed', (job) => {
      this.ctx.metrics?.completed(nodeId, serviceMs(job));
    });
    worker.on('failed', (job, error) => {
      if (!job) return;
      if (job.deferredFailure) {
        // A flow parent a child failed (failParentOnFailure): BullMQ hands it to a worker only to
        // fail it, without running the processor. It is its queue's failure, not the worker's.
        this.ctx.metrics?.parentFailed(this.plan.queueId);
        return;
      }
      const attempts = Math.max(1, job.opts.attempts ?? 1);
      const final = job.attemptsMade >= attempts;
      this.ctx.metrics?.failed(nodeId, serviceMs(job), final);
      if (!final && this.ctx.metrics) this.rememberRetry(job, attempts);
      this.logFailure(job, error, final);
    });
    worker.on('stalled', (jobId) => {
      this.ctx.log(
        'warn',
        `job ${jobId} stalled in "${this.ctx.queues.get(this.plan.queueId)!.plan.bullName}" ` +
          '(its worker stopped renewing the lock); moved back to waiting',
        this.plan.queueId,
      );
    });
  }

  /** When a job that will be retried becomes ready again, for its next wait time. */
  private rememberRetry(job: Job, attempts: number): void {
    const backoff = this.ctx.queues.get(this.plan.queueId)!.plan.defaultJobOptions.backoff;
    const delay =
      backoff && job.attemptsMade < attempts ? backoffDelayMs(backoff, job.attemptsMade) : 0;
    let ready = this.ctx.readyAt.get(this.plan.queueId);
    if (!ready) this.ctx.readyAt.set(this.plan.queueId, (ready = new Map()));
    ready.set(job.id!, Date.now() + delay);
  }

  private logFailure(job: Job, error: Error, final: boolean): void {
    const now = Date.now();
    const state = this.failureLog;
    if (now - state.windowStart >= 1000) {
      if (state.suppressed > 0) {
        this.ctx.log(
          'warn',
          `worker "${this.plan.node.name}": ${state.suppressed} more failures not shown`,
          this.id,
        );
      }
      state.windowStart = now;
      state.shown = 0;
      state.suppressed = 0;
    }
    if (state.shown >= 5) {
      state.suppressed++;
      return;
    }
    state.shown++;
    const attempts = Math.max(1, job.opts.attempts ?? 1);
    this.ctx.log(
      final ? 'error' : 'warn',
      `job ${job.id} failed in worker "${this.plan.node.name}" (attempt ${job.attemptsMade} of ${attempts}): ${error.message}` +
        (final
          ? this.plan.onFailed.length > 0
            ? '; dead-lettered'
            : '; no attempts left'
          : '; will retry'),
      this.id,
    );
  }

  private async process(job: Job, replica: Replica): Promise<null> {
    const metrics = this.ctx.metrics;
    const queueId = this.plan.queueId;
    if (metrics) {
      const ready = this.ctx.readyAt.get(queueId);
      const readyAt = ready?.size ? ready.get(job.id!) : undefined;
      if (readyAt !== undefined) ready!.delete(job.id!);
      const processedOn = job.processedOn ?? Date.now();
      metrics.started(queueId, processedOn - (readyAt ?? job.timestamp + (job.delay || 0)));
      if (this.inputEdge !== undefined) metrics.edge(this.inputEdge);
      if (job.repeatJobKey && job.attemptsStarted <= 1 && job.attemptsMade === 0) {
        this.ctx.schedulerJobStarted(job.repeatJobKey, queueId);
      }
    }
    replica.busy++;
    metrics?.busy(this.id, 1);
    try {
      const ms = this.sample() * this.slowdown;
      if (this.plan.work === 'cpu') {
        if (ms > 0) await this.ctx.cpu().burn(ms);
      } else if (ms > 0) {
        // Service time counts from processedOn (docs/architecture.md): sleep to that deadline, so the time
        // BullMQ took to hand the job over is not added on top of the sample.
        const left = (job.processedOn ?? Date.now()) + ms - Date.now();
        if (left > 0) await sleep(left);
      }
      // A killed replica's processors never finish, as in a dead process: the shared connection
      // is still up, so returning would complete the job in Redis instead of letting it stall.
      if (replica.killed) return await new Promise<never>(() => {});
      if (this.failureRate > 0 && this.random.next() < this.failureRate) {
        const attempts = Math.max(1, job.opts.attempts ?? 1);
        if (job.attemptsMade + 1 >= attempts) await this.forward(job, this.plan.onFailed);
        throw new SyntheticFailure(this.failureRate);
      }
      let forwarded =
        this.plan.onCompleted.length === 0 ? 0 : await this.forward(job, this.plan.onCompleted);
      if (this.plan.fanOut) {
        // Added before the job completes: a nested flow's outer parent must not be released first.
        await this.ctx.flows!.fanOut(job, this.plan.fanOut);
        forwarded++;
      }
      // A flow's child passes its result on to its parent, whose completion ends the chain.
      if (forwarded === 0 && !job.parentKey && metrics) {
        const data = job.data as Partial<RunJobData> | undefined;
        metrics.chainEnded(Date.now() - (data?.origin ?? job.timestamp));
      }
      return null;
    } finally {
      if (!replica.killed) {
        replica.busy--;
        metrics?.busy(this.id, -1);
      }
    }
  }

  /** Adds the job's successor to each hop taken; returns how many were taken. */
  private async forward(job: Job, hops: WorkerPlan['onCompleted']): Promise<number> {
    let taken = 0;
    for (const hop of hops) {
      if (hop.probability < 1 && stableUniform(`${job.id}|${hop.edgeId}`) >= hop.probability)
        continue;
      const target = this.ctx.queues.get(hop.queueId)!;
      const data = job.data as Partial<RunJobData> | undefined;
      const next: RunJobData = { origin: data?.origin ?? job.timestamp };
      if (data?.payload !== undefined) next.payload = data.payload;
      await target.queue.add(job.name, next, { jobId: hopJobId(job.id!, hop.edgeId) });
      this.ctx.metrics?.enqueued(hop.queueId, 1, hop.edgeId);
      taken++;
    }
    return taken;
  }
}

function serviceMs(job: Job): number {
  const end = job.finishedOn ?? Date.now();
  return job.processedOn === undefined ? 0 : Math.max(0, end - job.processedOn);
}
