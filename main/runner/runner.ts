import { randomInt } from 'node:crypto';
import { Queue } from 'bullmq';
import type { RunControl } from '../../shared/api/contract';
import type { RunSummary } from '../../shared/metrics';
import { readQueueCounts } from '../redis/bullmq-counts';
import { isCluster, openRedis, type RedisClient } from '../redis/client';
import { readLoad } from '../redis/load';
import { resolveSettings } from '../../shared/document/defaults';
import { deleteKeysByPrefix } from '../redis/keys';
import { beatRunner, RUNNER_HEARTBEAT, writeRunMarker } from '../redis/run-markers';
import { clusterMismatch } from './cluster-check';
import { connectionProblem, connectionsNeeded, readClientLimits } from './connections';
import { CpuPool } from './cpu-pool';
import { waitUntilDrained } from './drain';
import { RunFlows } from './flows';
import { IncidentLog, refusalHint } from './incidents';
import { applyControl } from './live-controls';
import { RunMetrics } from './metrics';
import type { QueuePlan, RunPlan } from './plan';
import { LoadGenerator } from './producers';
import { ScenarioPlayer } from './scenario-player';
import { reconcileSummary } from './reconcile';
import { RedisLoadRate } from './redis-load-rate';
import type { RunOptions, RunnerMessage } from './protocol';
import { SlotWatch } from './slot-watch';
import { WorkerGroup, type WorkerContext } from './workers';
import { plural } from '../../shared/plural';

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
  private readonly client: RedisClient;
  private readonly queues = new Map<string, { plan: QueuePlan; queue: Queue }>();
  private readonly workers = new Map<string, WorkerGroup>();
  private readonly producers = new Map<string, LoadGenerator>();
  private readonly paused = new Set<string>();
  private metrics: RunMetrics | null = null;
  private cpuPool: CpuPool | null = null;
  private ticker: NodeJS.Timeout | undefined;
  private ticking = false;
  private readonly loadRate = new RedisLoadRate();
  private connection: 'connected' | 'lost' | 'reconnected' | 'connecting' = 'connecting';
  private startedAt: number;
  private stopping = false;
  private readonly incidents: IncidentLog;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly cluster: boolean;
  private slotWatch: SlotWatch | null = null;
  private scenario: ScenarioPlayer | null = null;
  private flows: RunFlows | null = null;

  constructor(private readonly init: RunnerInit) {
    this.startedAt = init.options.startedAt ?? Date.now();
    // A cluster document runs through an ioredis Cluster (docs/architecture.md, "Redis Cluster").
    this.cluster = resolveSettings(init.plan.doc.settings).cluster;
    this.client = openRedis(init.redisUrl, {
      cluster: this.cluster,
      ...connectionOptions,
      maxRetriesPerRequest: null,
    });
    this.incidents = new IncidentLog(
      (incident) => init.send({ type: 'incident', incident }),
      () => Date.now() - this.startedAt,
    );
    this.incidents.watch(this.client, "the runner's queues and producers");
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
    const mismatch = await clusterMismatch(this.init.redisUrl, this.cluster);
    if (mismatch) throw new Error(mismatch);
    await this.client.ping();
    // Refuse before opening anything: a plan that needs more connections than Redis has left
    // would lock every other client of that Redis out.
    const problem = connectionProblem(
      connectionsNeeded(plan),
      await readClientLimits(this.client),
      this.init.redisUrl,
    );
    if (problem) throw new Error(problem);
    try {
      await this.markRun();
      await this.beat();
    } catch (error) {
      const message = (error as Error).message;
      throw new Error(`Redis refused the run's first write: ${message}${refusalHint(message)}`, {
        cause: error,
      });
    }
    this.heartbeat = setInterval(() => void this.beat().catch(() => undefined), HEARTBEAT_MS);
    if (isCluster(this.client)) {
      this.slotWatch = new SlotWatch(this.client, `${prefix}:${RUNNER_HEARTBEAT}`, (ok, why) =>
        this.connectionChanged(
          ok ? 'ready' : 'close',
          ok ? undefined : `the cluster master that holds the run's keys: ${why}`,
        ),
      );
    }
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
        this.incidents.refused(`queue "${queuePlan.bullName}"`, error, id),
      );
      this.queues.set(id, { plan: queuePlan, queue });
    }
    const ctx: WorkerContext = {
      prefix,
      redisUrl: this.init.redisUrl,
      cluster: this.cluster,
      connectionOptions,
      stalledIntervalMs: options.stalledIntervalMs,
      lockDurationMs: options.lockDurationMs,
      metrics: this.metrics,
      queues: this.queues,
      cpu: () => (this.cpuPool ??= new CpuPool()),
      seed: () => randomInt(2 ** 31),
      schedulerJobStarted: (schedulerId, queueId) => this.schedulerJobStarted(schedulerId, queueId),
      log: (level, message, nodeId) => this.log(level, message, nodeId),
      incidents: this.incidents,
      readyAt: new Map(),
      flows: this.openFlows(),
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
        ...(options.startedAt === undefined ? { clockStart: this.startedAt } : {}),
        seed: ctx.seed,
        log: ctx.log,
        incidents: this.incidents,
      });
      this.producers.set(id, generator);
    }
    // Load starts once every worker can take jobs, as in a script that awaits its workers: the
    // first jobs' waits then measure the pipeline, not the workers' connection set-up.
    await Promise.all([...this.workers.values()].map((w) => w.ready()));
    await Promise.all([...this.producers.values()].map((p) => p.start()));
    // The document's scenario and autoscalers, on the run's clock (docs/architecture.md "Scenarios").
    this.scenario = new ScenarioPlayer({
      plan,
      client: this.client,
      prefix,
      queues: this.queues,
      workers: this.workers,
      producers: this.producers,
      paused: this.paused,
      metrics: this.metrics,
      now: () => Date.now() - this.startedAt,
      resumed: options.startedAt !== undefined,
      log: (level, message, nodeId) => this.log(level, message, nodeId),
    });
    this.scenario.start();
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
      `run started: ${plural(plan.queues.size, 'queue')}, ${plural(plan.workers.size, 'worker')}, ${plural(plan.producers.size, 'producer')}`,
    );
    if (this.metrics) {
      this.ticker = setInterval(() => void this.tick(), options.snapshotIntervalMs);
    }
  }

  /** Applies a control; returns an error message, or null when done. */
  async control(control: RunControl): Promise<string | null> {
    if (this.stopping) return 'the run is stopping';
    const { lockDurationMs, stalledIntervalMs } = this.init.options;
    return applyControl(
      {
        plan: this.init.plan,
        queues: this.queues,
        workers: this.workers,
        producers: this.producers,
        paused: this.paused,
        log: (level, message, nodeId) => this.log(level, message, nodeId),
        stalledWithinMs: lockDurationMs + stalledIntervalMs,
      },
      control,
    );
  }

  /** Stops producing, optionally drains, closes workers and removes the run's keys. */
  async stop(drain: boolean, keepKeys: boolean, drainTimeoutMs: number): Promise<StopResult> {
    this.stopping = true;
    this.scenario?.halt();
    await Promise.all([...this.producers.values()].map((p) => p.stop()));
    for (const p of this.producers.values()) {
      this.incidents.createdNothing(p.id, p.plan.node.name, p.attempts);
    }
    let drained = false;
    if (drain) {
      for (const id of this.paused) await this.queues.get(id)?.queue.resume();
      this.paused.clear();
      drained = await waitUntilDrained(
        this.client,
        this.init.prefix,
        this.queues.values(),
        drainTimeoutMs,
      );
      if (!drained)
        this.log('warn', `queues did not empty within ${drainTimeoutMs} ms; stopping anyway`);
    }
    clearInterval(this.ticker);
    clearInterval(this.heartbeat);
    this.slotWatch?.stop();
    if (this.metrics) await this.tick();
    this.incidents.flush();
    let summary = this.metrics?.summary() ?? emptySummary(this.init.plan);
    if (this.scenario) summary = await this.scenario.finish(summary);
    await Promise.all([...this.workers.values()].map((w) => w.close(!drain)));
    await this.cpuPool?.close();
    await this.flows?.close().catch(() => undefined);
    await Promise.all([...this.queues.values()].map((q) => q.queue.close().catch(() => undefined)));
    if (this.metrics) summary = await this.reconcile(summary);
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
    this.scenario?.stop();
    clearInterval(this.ticker);
    clearInterval(this.heartbeat);
    this.slotWatch?.stop();
    this.client.disconnect();
  }

  /** The run's FlowProducer, on the queues' client, when a worker fans out (flows.ts). */
  private openFlows(): RunFlows | null {
    if (![...this.init.plan.workers.values()].some((w) => w.fanOut)) return null;
    const ctx = { queues: this.queues, metrics: this.metrics };
    this.flows = new RunFlows(this.client, this.init.prefix, ctx);
    this.flows.on('error', (error) => this.incidents.refused('the flow producer', error));
    return this.flows;
  }

  /** The summary's counts as Redis has them, once nothing moves any more (reconcile.ts). */
  private async reconcile(summary: RunSummary): Promise<RunSummary> {
    const { plan, prefix } = this.init;
    const scheduled = new Set<string>();
    for (const p of plan.producers.values()) {
      if (p.node.config.arrival.type === 'schedule')
        for (const t of p.targets) scheduled.add(t.queueId);
    }
    try {
      const notRun = this.metrics?.failedParents();
      return await reconcileSummary(this.client, prefix, plan, summary, scheduled, notRun);
    } catch (error) {
      this.log('warn', `the counts could not be read back from Redis: ${(error as Error).message}`);
      return { ...summary, reconciled: false };
    }
  }

  private markRun(): Promise<void> {
    return writeRunMarker(this.client, this.init.prefix, {
      runId: this.init.runId,
      document: this.init.plan.doc.name,
      startedAt: this.startedAt,
    });
  }

  private beat(): Promise<void> {
    return beatRunner(this.client, this.init.prefix, 3 * HEARTBEAT_MS);
  }

  /** `cause` says what was lost when it is not the one connection (a cluster's master). */
  private connectionChanged(event: 'ready' | 'close', cause?: string): void {
    if (event === 'ready') {
      const state = this.connection === 'connecting' ? 'connected' : 'reconnected';
      if (this.connection === 'connected' || this.connection === 'reconnected') return;
      this.connection = state;
      this.init.send({
        type: 'redis',
        state,
        message: state === 'connected' ? 'connected to Redis' : 'reconnected to Redis',
      });
      if (state === 'reconnected') {
        this.log('info', 'reconnected to Redis; the run carries on');
        this.incidents.outageOver();
        // A Redis (or cluster master) that restarted without persistence lost the marker that
        // tells clean-up whose keys these are: write it again.
        void this.markRun().catch(() => undefined);
      }
    } else if (this.connection === 'connected' || this.connection === 'reconnected') {
      if (this.stopping) return;
      this.connection = 'lost';
      const message = `lost the connection to Redis${cause ? ` (${cause})` : ''}; reconnecting`;
      this.init.send({ type: 'redis', state: 'lost', message });
      this.log('error', message);
      this.incidents.outageBegan(cause);
    }
  }

  private async tick(): Promise<void> {
    if (this.ticking || !this.metrics) return;
    this.ticking = true;
    try {
      // While Redis is away, keep reporting what is known locally; counts resume on reconnect.
      let redis = null;
      if (this.client.status === 'ready' && this.connection !== 'lost') {
        const ids = [...this.queues.keys()];
        const names = ids.map((id) => this.queues.get(id)!.plan.bullName);
        const [counts, load] = await Promise.all([
          readQueueCounts(this.client, this.init.prefix, names),
          readLoad(this.client),
        ]);
        ids.forEach((id, i) => this.metrics!.counts(id, counts[i]!));
        redis = this.loadRate.figures(load);
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
}

/** The run's marker key is refreshed this often and expires after three missed beats. */
const HEARTBEAT_MS = 2000;

function emptySummary(plan: RunPlan): RunSummary {
  return new RunMetrics(plan, () => 0).summary();
}
