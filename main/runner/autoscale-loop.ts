import { plural } from '../../shared/plural';
import type { Autoscale, AutoscaleMetric } from '../../shared/document/schema';
import type { AutoscaleSummary } from '../../shared/metrics';
import { Autoscaler } from '../../shared/simulation/autoscaler';
import type { QueueCounts } from '../redis/bullmq-counts';
import type { WorkerGroup } from './workers';

/** What the loop needs of the run: its clock, the worker's queue levels, and a log. */
export interface AutoscaleHost {
  /** ms on the run's clock. */
  now(): number;
  /** The counts of the worker's input queue, read from Redis now. */
  readQueue(queueId: string): Promise<QueueCounts>;
  log(level: 'info' | 'warn', message: string, nodeId?: string): void;
}

/**
 * A worker's autoscaler as a real loop (docs/architecture.md "Scenarios"): every `pollMs` on the
 * run's clock it reads its metric from Redis, asks the simulator's rule (`Autoscaler` in
 * shared/simulation/autoscaler.ts) for the replica count, and carries out its step with the
 * worker's replica controls — new replicas take jobs `startupMs` after the poll that asked for
 * them, removed ones stop gracefully (they finish their active jobs).
 */
export class AutoscaleLoop {
  readonly scaler: Autoscaler;
  private timer: NodeJS.Timeout | undefined;
  private readonly starts = new Set<NodeJS.Timeout>();
  private polls = 0;
  private stopped = false;

  constructor(
    private readonly worker: WorkerGroup,
    policy: Autoscale,
    private readonly host: AutoscaleHost,
  ) {
    this.scaler = new Autoscaler(policy);
    this.scaler.seed(worker.plan.node.config.replicas);
  }

  /** Polls from one interval in, on the run's clock (a restarted runner: from the next one). */
  start(): void {
    this.polls = Math.floor(this.host.now() / this.scaler.policy.pollMs);
    this.schedule();
  }

  /** Replicas serving and starting, for snapshots. */
  get replicas(): { replicas: number; starting: number } {
    return { replicas: this.worker.alive, starting: this.scaler.starting - this.scaler.cancelled };
  }

  /** Replica time up to now: call before anything else changes the replicas. */
  account(): void {
    this.scaler.account(this.host.now(), this.worker.alive);
  }

  summary(): AutoscaleSummary {
    return this.scaler.summary(this.host.now(), this.worker.alive);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const t of this.starts) clearTimeout(t);
    this.starts.clear();
  }

  private schedule(): void {
    if (this.stopped) return;
    const at = (this.polls + 1) * this.scaler.policy.pollMs;
    this.timer = setTimeout(() => void this.poll(), Math.max(0, at - this.host.now()));
  }

  private async poll(): Promise<void> {
    this.polls++;
    const { id } = this.worker;
    try {
      const counts = await this.host.readQueue(this.worker.plan.queueId);
      if (this.stopped) return;
      const t = this.host.now();
      const alive = this.worker.alive;
      const asked = alive + this.scaler.starting - this.scaler.cancelled;
      const metric = metricOf(this.scaler.policy.metric, counts);
      const target = this.scaler.decide(t, metric, asked);
      this.scaler.account(t, alive);
      const step = this.scaler.step(target, alive);
      if (target !== asked) {
        this.host.log(
          'info',
          `autoscaler of worker "${this.worker.plan.node.name}": ${this.scaler.policy.metric} ${metric} → ${plural(target, 'replica')} (was ${asked})`,
          id,
        );
      }
      for (let i = 0; i < step.stop; i++) this.worker.stopReplica();
      if (step.startLater > 0) {
        const timer = setTimeout(() => {
          this.starts.delete(timer);
          void this.ready(step.startLater);
        }, this.scaler.policy.startupMs);
        this.starts.add(timer);
      }
      await this.startReplicas(step.startNow);
    } catch (error) {
      this.host.log('warn', `autoscaler poll failed: ${(error as Error).message}`, id);
    } finally {
      this.schedule();
    }
  }

  /** Replicas asked for `startupMs` ago serve now, except those a later poll cancelled. */
  private async ready(count: number): Promise<void> {
    if (this.stopped) return;
    this.account();
    await this.startReplicas(this.scaler.ready(count)).catch((error: Error) =>
      this.host.log('warn', `autoscaler: ${error.message}`, this.worker.id),
    );
  }

  private async startReplicas(n: number): Promise<void> {
    // Spawned (and counted alive) at once; each connects in the background of the others.
    await Promise.all(Array.from({ length: n }, () => this.worker.startReplica(Infinity)));
  }
}

/**
 * What a policy measures on the queue, as the simulator does (shared/simulation/changes.ts):
 * `waiting` is the wait list without prioritised jobs, `waiting+delayed` the whole backlog,
 * `active` the jobs being processed.
 */
export function metricOf(metric: AutoscaleMetric, counts: QueueCounts): number {
  switch (metric) {
    case 'waiting':
      return counts.waiting - counts.prioritized;
    case 'waiting+delayed':
      return counts.waiting + counts.delayed;
    case 'active':
      return counts.active;
  }
}
