import { plural } from '../../shared/plural';
import type { Queue } from 'bullmq';
import type { RunSummary } from '../../shared/metrics';
import { formatPercent } from '../../shared/metrics/format';
import type { TimedChange } from '../../shared/simulation/changes';
import { scenarioChanges } from '../../shared/simulation/scenario';
import { readQueueCounts, type QueueCounts } from '../redis/bullmq-counts';
import type { RedisClient } from '../redis/client';
import { AutoscaleLoop } from './autoscale-loop';
import type { RunMetrics } from './metrics';
import type { QueuePlan, RunPlan } from './plan';
import type { LoadGenerator } from './producers';
import { ScenarioMeasure } from './scenario-measure';
import type { WorkerGroup } from './workers';

/** The parts of a run a scenario and its autoscalers steer (owned by the Runner). */
export interface ScenarioHost {
  plan: RunPlan;
  client: RedisClient;
  prefix: string;
  queues: Map<string, { plan: QueuePlan; queue: Queue }>;
  workers: Map<string, WorkerGroup>;
  producers: Map<string, LoadGenerator>;
  paused: Set<string>;
  metrics: RunMetrics | null;
  /** ms on the run's clock. */
  now(): number;
  /** The runner carries on a crashed run: events already past are applied at once, unmeasured. */
  resumed: boolean;
  log(level: 'info' | 'warn', message: string, nodeId?: string): void;
}

/**
 * Plays a document's scenario and its workers' autoscalers in a real run (docs/architecture.md
 * "Scenarios"): the same timed changes the simulator plays (`scenarioChanges`), each at its time
 * on the run's clock, carried out with the runner's live controls; the per-event figures measured
 * by `ScenarioMeasure`, and the autoscalers as `AutoscaleLoop`s.
 */
export class ScenarioPlayer {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly measure: ScenarioMeasure | null;
  readonly autoscalers = new Map<string, AutoscaleLoop>();
  /** Changes apply one after another, in time order, even when one waits on Redis. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly host: ScenarioHost) {
    const events = host.plan.doc.scenario?.events ?? [];
    this.measure =
      host.metrics && events.length > 0
        ? new ScenarioMeasure({ ...host, metrics: host.metrics, readQueues: this.read }, events)
        : null;
    for (const [id, w] of host.workers) {
      const policy = w.plan.node.config.autoscale;
      if (!policy) continue;
      this.autoscalers.set(
        id,
        new AutoscaleLoop(w, policy, {
          now: host.now,
          readQueue: async (queueId) => (await this.read([queueId]))[0]!,
          log: host.log,
        }),
      );
    }
    if (host.metrics && this.autoscalers.size > 0) {
      host.metrics.replicasOf = (id) => this.autoscalers.get(id)?.replicas ?? null;
    }
  }

  /** Schedules every change; the run's clock is already running. */
  start(): void {
    const now = this.host.now();
    const events = this.host.plan.doc.scenario?.events ?? [];
    for (const change of scenarioChanges(this.host.plan.doc)) {
      // A restarted runner did not see an event that began before it: it plays, unmeasured.
      const measured = !(this.host.resumed && events[change.event!]!.atMs < now);
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          this.chain = this.chain.then(() => this.play(change, measured));
        },
        Math.max(0, change.atMs - now),
      );
      this.timers.add(timer);
    }
    for (const loop of this.autoscalers.values()) loop.start();
  }

  /** Stops playing; the summary gains the per-event figures and each autoscaler's block. */
  async finish(summary: RunSummary): Promise<RunSummary> {
    this.halt();
    await this.chain;
    const nodes = { ...summary.nodes };
    for (const [id, loop] of this.autoscalers) {
      const node = nodes[id];
      if (node?.kind === 'worker') nodes[id] = { ...node, autoscale: loop.summary() };
    }
    const scenario = this.measure ? { scenario: await this.measure.figures() } : {};
    return { ...summary, nodes, ...scenario };
  }

  /** No more changes or polls (the run stops); the events' figures are still being measured. */
  halt(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const loop of this.autoscalers.values()) loop.stop();
  }

  stop(): void {
    this.halt();
    this.measure?.stop();
  }

  private readonly read = (queueIds: readonly string[]): Promise<QueueCounts[]> =>
    readQueueCounts(
      this.host.client,
      this.host.prefix,
      queueIds.map((id) => this.host.queues.get(id)!.plan.bullName),
    );

  private async play(timed: TimedChange, measured: boolean): Promise<void> {
    const { nodeId, change } = timed;
    try {
      if (measured && timed.event !== undefined) await this.measure?.mark(timed.event);
      const event = this.host.plan.doc.scenario!.events[timed.event!]!;
      const ends = timed.atMs > event.atMs;
      await this.apply(timed);
      const name = JSON.stringify(event.name ?? event.id);
      this.host.log(
        'info',
        `scenario event ${name} ${ends ? 'ended' : 'began'}: ${describeChange(change)}`,
        nodeId,
      );
    } catch (error) {
      this.host.log(
        'warn',
        `scenario: ${change.type} of "${nodeId}" failed: ${(error as Error).message}`,
        nodeId,
      );
    }
  }

  private async apply({ nodeId, change }: TimedChange): Promise<void> {
    const { queues, workers, producers, paused } = this.host;
    switch (change.type) {
      case 'pause':
        await queues.get(nodeId)!.queue.pause();
        paused.add(nodeId);
        return;
      case 'resume':
        await queues.get(nodeId)!.queue.resume();
        paused.delete(nodeId);
        return;
      case 'rate':
        return producers.get(nodeId)!.setRate(change.ratePerSec);
      case 'designArrival':
        return producers.get(nodeId)!.restoreDesign();
      case 'failureRate':
        workers.get(nodeId)!.failureRate = change.failureRate;
        return;
      case 'slowdown':
        workers.get(nodeId)!.slowdown = change.factor;
        return;
      case 'concurrency':
        workers.get(nodeId)!.setConcurrency(change.concurrency);
        return;
      case 'replicas': {
        const w = workers.get(nodeId)!;
        this.autoscalers.get(nodeId)?.account();
        while (w.alive > change.replicas) w.stopReplica();
        const need = Math.max(0, change.replicas - w.alive);
        await Promise.all(Array.from({ length: need }, () => w.startReplica(Infinity)));
        return;
      }
    }
  }
}

export function describeChange(change: TimedChange['change']): string {
  switch (change.type) {
    case 'failureRate':
      return `failure rate ${formatPercent(change.failureRate)}`;
    case 'slowdown':
      return `service time × ${change.factor}`;
    case 'rate':
      return `${change.ratePerSec} jobs/s`;
    case 'designArrival':
      return 'arrivals as designed';
    case 'replicas':
      return plural(change.replicas, 'replica');
    case 'concurrency':
      return `concurrency ${change.concurrency}`;
    default:
      return change.type === 'pause' ? 'queue paused' : 'queue resumed';
  }
}
