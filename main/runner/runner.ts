import { randomInt } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { RunControl } from '../../shared/api/contract';
import type { RunSummary } from '../../shared/metrics';
import { readQueueCounts } from '../redis/bullmq-counts';
import { parseInfo, redisLoad, type RedisLoad } from '../redis/info';
import { deleteKeysByPrefix } from '../redis/keys';
import { CpuPool } from './cpu-pool';
import { RunMetrics } from './metrics';
import type { QueuePlan, RunPlan } from './plan';
import { LoadGenerator } from './producers';
import type { RunOptions, RunnerMessage } from './protocol';
import { WorkerGroup, type WorkerContext } from './workers';

export interface RunnerInit {
  plan: RunPlan;
  runId: string;
  /** Full BullMQ prefix of the run's keys. */
  prefix: string;
  redisUrl: string;
  options: RunOptions;
  send(message: RunnerMessage): void;
}

export interface StopResult {
  summary: RunSummary;
  drained: boolean;
  keysRemoved: number;
}

/** Reconnect quickly: a local Redis that comes back should be used within a second. */
const connectionOptions = {
  retryStrategy: (times: number) => Math.min(100 * times, 1000),
  enableReadyCheck: true,
};

/**
 * One run: BullMQ queues, worker replicas and load generators built from the plan under the run's
 * key prefix, a metrics tick, controls, and a clean stop. Lives in the runner process.
 */
export class Runner {
  private readonly client: Redis;
  private readonly queues = new Map<string, { plan: QueuePlan; queue: Queue }>();
  private readonly workers = new Map<string, WorkerGroup>();
  private readonly producers = new Map<string, LoadGenerator>();
  private readonly paused = new Set<string>();
  private metrics: RunMetrics | null = null;
  private cpuPool: CpuPool | null = null;
  private ticker: NodeJS.Timeout | undefined;
  private ticking = false;
  private lastLoad: { at: number; load: RedisLoad } | null = null;
  private connection: 'connected' | 'lost' | 'reconnected' | 'connecting' = 'connecting';
  private startedAt: number;
  private stopping = false;

  constructor(private readonly init: RunnerInit) {
    this.startedAt = init.options.startedAt ?? Date.now();
    this.client = new Redis(init.redisUrl, { ...connectionOptions, maxRetriesPerRequest: null });
    this.client.on('error', () => {});
    this.client.on('ready', () => this.connectionChanged('ready'));
    this.client.on('close', () => this.connectionChanged('close'));
  }

  log(level: 'info' | 'warn' | 'error', message: string, nodeId?: string): void {
    this.init.send({
      type: 'log',
      t: Date.now() - this.startedAt,
      level,
      ...(nodeId === undefined ? {} : { nodeId }),
      message,
    });
  }

  async start(): Promise<void> {
    const { plan, prefix, options } = this.init;
    await this.client.ping();
    this.startedAt = options.startedAt ?? Date.now();
    const capacity = (id: string) => {
      const w = plan.workers.get(id)!.node.config;
      return w.concurrency * w.replicas;
    };
    this.metrics =
      options.snapshotIntervalMs > 0 ? new RunMetrics(plan, capacity, this.startedAt) : null;
    for (const [id, queuePlan] of plan.queues) {
      const queue = new Queue(queuePlan.bullName, {
        connection: this.client,
        prefix,
        defaultJobOptions: queuePlan.defaultJobOptions,
      });
      queue.on('error', (error) =>
        this.log('warn', `queue "${queuePlan.bullName}": ${error.message}`, id),
      );
      this.queues.set(id, { plan: queuePlan, queue });
    }
    const ctx: WorkerContext = {
      prefix,
      redisUrl: this.init.redisUrl,
      connectionOptions,
      stalledIntervalMs: options.stalledIntervalMs,
      lockDurationMs: options.lockDurationMs,
      metrics: this.metrics,
      queues: this.queues,
      cpu: () => (this.cpuPool ??= new CpuPool()),
      seed: () => randomInt(2 ** 31),
      schedulerJobStarted: (schedulerId, queueId) => this.schedulerJobStarted(schedulerId, queueId),
      log: (level, message, nodeId) => this.log(level, message, nodeId),
      readyAt: new Map(),
    };
    for (const [id, workerPlan] of plan.workers) {
      const group = new WorkerGroup(workerPlan, ctx);
      this.workers.set(id, group);
      group.start();
    }
    for (const [id, producerPlan] of plan.producers) {
      const generator = new LoadGenerator(producerPlan, {
        queues: this.queues,
        metrics: this.metrics,
        epoch: options.epoch,
        seed: ctx.seed,
        log: ctx.log,
      });
      this.producers.set(id, generator);
    }
    // Load starts once every worker can take jobs, as in a script that awaits its workers: the
    // first jobs' waits then measure the pipeline, not the workers' connection set-up.
    await Promise.all([...this.workers.values()].map((w) => w.ready()));
    await Promise.all([...this.producers.values()].map((p) => p.start()));
    const queues: Record<string, string> = {};
    for (const [id, q] of this.queues) queues[id] = q.plan.bullName;
    this.init.send({
      type: 'started',
      runId: this.init.runId,
      prefix,
      queues,
      startedAt: this.startedAt,
    });
    this.log(
      'info',
      `run started: ${plan.queues.size} queues, ${plan.workers.size} workers, ${plan.producers.size} producers`,
    );
    if (this.metrics) {
      this.ticker = setInterval(() => void this.tick(), options.snapshotIntervalMs);
    }
  }

  /** Applies a control; returns an error message, or null when done. */
  async control(control: RunControl): Promise<string | null> {
    if (this.stopping) return 'the run is stopping';
    const { plan } = this.init;
    const nodeName = (id: string) => plan.doc.nodes.find((n) => n.id === id)?.name ?? id;
    const unknown = (kind: string, id: string, known: Iterable<string>) =>
      `no ${kind} with id "${id}" in the running pipeline; ${kind}s: ${[...known].join(', ') || 'none'}`;
    try {
      switch (control.type) {
        case 'pause':
        case 'resume': {
          const q = this.queues.get(control.queueId);
          if (!q) return unknown('queue', control.queueId, this.queues.keys());
          if (control.type === 'pause') {
            await q.queue.pause();
            this.paused.add(control.queueId);
          } else {
            await q.queue.resume();
            this.paused.delete(control.queueId);
          }
          this.log('info', `queue "${q.plan.bullName}" ${control.type}d`, control.queueId);
          return null;
        }
        case 'rate': {
          const p = this.producers.get(control.producerId);
          if (!p) return unknown('producer', control.producerId, this.producers.keys());
          await p.setRate(control.ratePerSec);
          this.log(
            'info',
            `producer "${nodeName(p.id)}" now at ${control.ratePerSec} jobs/s`,
            p.id,
          );
          return null;
        }
        case 'concurrency': {
          const w = this.workers.get(control.workerId);
          if (!w) return unknown('worker', control.workerId, this.workers.keys());
          w.setConcurrency(control.concurrency);
          this.log(
            'info',
            `worker "${nodeName(w.id)}" concurrency set to ${control.concurrency}`,
            w.id,
          );
          return null;
        }
        case 'killReplica': {
          const w = this.workers.get(control.workerId);
          if (!w) return unknown('worker', control.workerId, this.workers.keys());
          const killed = await w.kill(control.replica);
          this.log(
            'warn',
            `killed replica #${killed.index} of worker "${nodeName(w.id)}" with ${killed.activeJobs} active jobs; ` +
              `they come back as stalled within ~${Math.round((this.init.options.lockDurationMs + this.init.options.stalledIntervalMs) / 1000)} s (${w.alive} replicas left)`,
            w.id,
          );
          return null;
        }
        case 'failureRate': {
          const w = this.workers.get(control.workerId);
          if (!w) return unknown('worker', control.workerId, this.workers.keys());
          w.failureRate = control.failureRate;
          this.log(
            'info',
            `worker "${nodeName(w.id)}" now fails ${Math.round(control.failureRate * 1000) / 10}% of attempts`,
            w.id,
          );
          return null;
        }
      }
    } catch (error) {
      return (error as Error).message;
    }
  }

  /** Stops producing, optionally drains, closes workers and removes the run's keys. */
  async stop(drain: boolean, keepKeys: boolean, drainTimeoutMs: number): Promise<StopResult> {
    this.stopping = true;
    await Promise.all([...this.producers.values()].map((p) => p.stop()));
    let drained = false;
    if (drain) {
      for (const id of this.paused) await this.queues.get(id)?.queue.resume();
      this.paused.clear();
      drained = await this.waitUntilEmpty(drainTimeoutMs);
      if (!drained)
        this.log('warn', `queues did not empty within ${drainTimeoutMs} ms; stopping anyway`);
    }
    clearInterval(this.ticker);
    if (this.metrics) await this.tick();
    const summary = this.metrics?.summary() ?? emptySummary(this.init.plan);
    await Promise.all([...this.workers.values()].map((w) => w.close(!drain)));
    await this.cpuPool?.close();
    await Promise.all([...this.queues.values()].map((q) => q.queue.close().catch(() => undefined)));
    let keysRemoved = 0;
    if (!keepKeys) {
      // Twice: a closing worker may still have written a key during the first pass.
      keysRemoved = await deleteKeysByPrefix(this.client, this.init.prefix);
      keysRemoved += await deleteKeysByPrefix(this.client, this.init.prefix);
    }
    this.client.disconnect();
    return { summary, drained, keysRemoved };
  }

  /** Host gone: drop everything without waiting. */
  abandon(): void {
    clearInterval(this.ticker);
    this.client.disconnect();
  }

  private async waitUntilEmpty(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    // A queue nobody consumes (a dead-letter queue) keeps its jobs: only consumed queues drain.
    const names = [...this.queues.values()]
      .filter((q) => q.plan.consumerEdges.size > 0)
      .map((q) => q.plan.bullName);
    while (Date.now() < deadline) {
      const counts = await readQueueCounts(this.client, this.init.prefix, names);
      if (counts.every((c) => c.waiting + c.active + c.delayed === 0)) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }

  private connectionChanged(event: 'ready' | 'close'): void {
    if (event === 'ready') {
      const state = this.connection === 'connecting' ? 'connected' : 'reconnected';
      if (this.connection === 'connected' || this.connection === 'reconnected') return;
      this.connection = state;
      this.init.send({
        type: 'redis',
        state,
        message: state === 'connected' ? 'connected to Redis' : 'reconnected to Redis',
      });
      if (state === 'reconnected') this.log('info', 'reconnected to Redis; the run carries on');
    } else if (this.connection === 'connected' || this.connection === 'reconnected') {
      if (this.stopping) return;
      this.connection = 'lost';
      this.init.send({
        type: 'redis',
        state: 'lost',
        message: 'lost the connection to Redis; reconnecting',
      });
      this.log('error', 'lost the connection to Redis; reconnecting');
    }
  }

  private async tick(): Promise<void> {
    if (this.ticking || !this.metrics) return;
    this.ticking = true;
    try {
      // While Redis is away, keep reporting what is known locally; counts resume on reconnect.
      let redis = null;
      if (this.client.status === 'ready') {
        const ids = [...this.queues.keys()];
        const names = ids.map((id) => this.queues.get(id)!.plan.bullName);
        const [counts, info] = await Promise.all([
          readQueueCounts(this.client, this.init.prefix, names),
          this.client.info(),
        ]);
        ids.forEach((id, i) => this.metrics!.counts(id, counts[i]!));
        redis = this.redisFigures(redisLoad(parseInfo(info)));
      }
      const snapshot = this.metrics.snapshot(this.paused);
      const { rss, heapUsed } = process.memoryUsage();
      this.init.send({
        type: 'snapshot',
        snapshot,
        redis,
        memory: { rssBytes: rss, heapUsedBytes: heapUsed },
      });
    } catch (error) {
      if (this.client.status === 'ready') this.log('warn', `metrics: ${(error as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  /**
   * A job a job scheduler created started for the first time: count it for its producer (once,
   * at its first target queue) and for the queue. BullMQ creates these jobs itself, so this is
   * where the run first sees them; a scheduler's pending next job is not counted until it runs.
   */
  private schedulerJobStarted(schedulerId: string, queueId: string): void {
    const producer = [...this.producers.values()].find((p) => p.schedulerId === schedulerId);
    const hop = producer?.plan.targets.find((t) => t.queueId === queueId);
    if (!producer || !hop || !this.metrics) return;
    if (producer.plan.targets[0] === hop) this.metrics.created(producer.id, 1);
    this.metrics.enqueued(queueId, 1, hop.edgeId);
  }

  private redisFigures(load: RedisLoad) {
    const now = Date.now();
    let opsPerSec = load.opsPerSec;
    if (
      this.lastLoad &&
      now > this.lastLoad.at &&
      load.totalCommands >= this.lastLoad.load.totalCommands
    ) {
      opsPerSec =
        ((load.totalCommands - this.lastLoad.load.totalCommands) * 1000) / (now - this.lastLoad.at);
    }
    this.lastLoad = { at: now, load };
    return {
      usedMemoryBytes: load.usedMemoryBytes,
      opsPerSec,
      connectedClients: load.connectedClients,
    };
  }
}

function emptySummary(plan: RunPlan): RunSummary {
  return new RunMetrics(plan, () => 0).summary();
}
