import {
  BacklogTrend,
  LogHistogram,
  TimeWeightedAverage,
  buildSummary,
  emptyLatency,
  latencyStats,
  levelStat,
  type NodeFigures,
  type NodeStatsInput,
  type RunSnapshot,
  type RunSummary,
} from '../../shared/metrics';
import { defaultBacklogThreshold } from '../../shared/simulation/options';
import { oldestWaiting, type QueueCounts } from '../redis/bullmq-counts';
import { parentQueues } from './flow-plan';
import type { RunPlan } from './plan';

/** A latency measured two ways: since the last snapshot, and over the whole run. */
class Latency {
  readonly interval = new LogHistogram();
  readonly total = new LogHistogram();
  record(ms: number): void {
    this.interval.record(ms);
    this.total.record(ms);
  }
  take() {
    const stats = this.interval.count === 0 ? emptyLatency() : latencyStats(this.interval);
    this.interval.reset();
    return stats;
  }
}

interface ProducerStats {
  created: number;
  createdAtTick: number;
}
interface QueueStats {
  enqueued: number;
  enqueuedAtTick: number;
  wait: Latency;
  waiting: TimeWeightedAverage;
  delayed: TimeWeightedAverage;
  backlog: BacklogTrend;
  counts: QueueCounts;
  /** A flow's parent queue only: parents in waiting-children. */
  waitingChildren?: TimeWeightedAverage;
  /** Parents failed by a child without running (failParentOnFailure): no worker counts them. */
  failedParents: number;
}
interface WorkerStats {
  completed: number;
  completedAtTick: number;
  failed: number;
  retried: number;
  service: Latency;
  busy: TimeWeightedAverage;
  capacity: TimeWeightedAverage;
  busyAreaAtTick: number;
  capacityAreaAtTick: number;
}

/**
 * Everything a run measures, fed by the workers and producers as jobs move (job timestamps, as
 * docs/architecture.md defines the metrics) and by polled Redis counts; turned into a RunSnapshot per tick
 * and a `pipewright-summary/v1` at the end. Times are ms since the run started.
 */
export class RunMetrics {
  private readonly producers = new Map<string, ProducerStats>();
  private readonly queues = new Map<string, QueueStats>();
  private readonly workers = new Map<string, WorkerStats>();
  private readonly edges = new Map<string, { total: number; atTick: number }>();
  private readonly endToEnd = new Latency();
  private lastTickMs = 0;
  readonly startedAt: number;
  /** Told of each job that failed its last attempt (a scenario's first and last failure). */
  onFinalFailure: ((workerId: string, t: number) => void) | null = null;
  /** An autoscaled worker's replicas serving and starting, for its snapshots. */
  replicasOf: ((workerId: string) => { replicas: number; starting: number } | null) | null = null;

  constructor(
    private readonly plan: RunPlan,
    capacityOf: (workerId: string) => number,
    startedAt = Date.now(),
  ) {
    this.startedAt = startedAt;
    for (const id of plan.producers.keys())
      this.producers.set(id, { created: 0, createdAtTick: 0 });
    const flowParents = parentQueues(plan.workers.values());
    for (const [id, queue] of plan.queues) {
      const capacity = [...queue.consumerEdges.keys()].reduce((a, w) => a + capacityOf(w), 0);
      this.queues.set(id, {
        enqueued: 0,
        enqueuedAtTick: 0,
        wait: new Latency(),
        waiting: new TimeWeightedAverage(0),
        delayed: new TimeWeightedAverage(0),
        // The simulator's threshold, so both call the same queue "growing".
        backlog: new BacklogTrend(defaultBacklogThreshold(id, capacity), 0),
        counts: {
          waiting: 0,
          prioritized: 0,
          active: 0,
          delayed: 0,
          completed: 0,
          failed: 0,
          paused: false,
          waitingChildren: 0,
          oldestWaitingSince: null,
        },
        ...(flowParents.has(id) && { waitingChildren: new TimeWeightedAverage(0) }),
        failedParents: 0,
      });
    }
    for (const id of plan.workers.keys()) {
      this.workers.set(id, {
        completed: 0,
        completedAtTick: 0,
        failed: 0,
        retried: 0,
        service: new Latency(),
        busy: new TimeWeightedAverage(0),
        capacity: new TimeWeightedAverage(0, capacityOf(id)),
        busyAreaAtTick: 0,
        capacityAreaAtTick: 0,
      });
    }
    for (const edge of plan.doc.edges) this.edges.set(edge.id, { total: 0, atTick: 0 });
  }

  now(): number {
    return Date.now() - this.startedAt;
  }

  created(producerId: string, n: number): void {
    const p = this.producers.get(producerId);
    if (p) p.created += n;
  }
  enqueued(queueId: string, n: number, edgeId?: string): void {
    const q = this.queues.get(queueId);
    if (q) q.enqueued += n;
    if (edgeId !== undefined) this.edge(edgeId, n);
  }
  edge(edgeId: string, n = 1): void {
    const e = this.edges.get(edgeId);
    if (e) e.total += n;
  }
  started(queueId: string, waitMs: number): void {
    this.queues.get(queueId)?.wait.record(waitMs);
  }
  busy(workerId: string, delta: number): void {
    this.workers.get(workerId)?.busy.add(this.now(), delta);
  }
  capacity(workerId: string, slots: number): void {
    this.workers.get(workerId)?.capacity.set(this.now(), slots);
  }
  completed(workerId: string, serviceMs: number): void {
    const w = this.workers.get(workerId);
    if (!w) return;
    w.completed++;
    w.service.record(serviceMs);
  }
  failed(workerId: string, serviceMs: number, final: boolean): void {
    const w = this.workers.get(workerId);
    if (!w) return;
    if (final) w.failed++;
    else w.retried++;
    w.service.record(serviceMs);
    if (final) this.onFinalFailure?.(workerId, this.now());
  }
  /** A worker's totals since the start (a scenario event's counts are differences of these). */
  workerTotals(workerId: string): { completed: number; failed: number; retried: number } {
    const w = this.workers.get(workerId);
    return { completed: w?.completed ?? 0, failed: w?.failed ?? 0, retried: w?.retried ?? 0 };
  }
  /** Jobs that crossed an edge since the start. */
  edgeTotal(edgeId: string): number {
    return this.edges.get(edgeId)?.total ?? 0;
  }
  parentFailed(queueId: string): void {
    const q = this.queues.get(queueId);
    if (q) q.failedParents++;
  }
  /** Per queue, the parents that failed without running (see `parentFailed`). */
  failedParents(): Map<string, number> {
    return new Map([...this.queues].map(([id, q]) => [id, q.failedParents]));
  }
  chainEnded(endToEndMs: number): void {
    this.endToEnd.record(endToEndMs);
  }
  counts(queueId: string, counts: QueueCounts): void {
    const q = this.queues.get(queueId);
    if (!q) return;
    const t = this.now();
    q.counts = counts;
    q.waiting.set(t, counts.waiting);
    q.delayed.set(t, counts.delayed);
    q.waitingChildren?.set(t, counts.waitingChildren);
    q.backlog.observe(t, counts.waiting);
  }

  /** Figures since the previous snapshot; call at the snapshot cadence. */
  snapshot(pausedQueues: ReadonlySet<string>): RunSnapshot {
    const t = this.now();
    const seconds = Math.max(1e-3, (t - this.lastTickMs) / 1000);
    this.lastTickMs = t;
    const nodes: Record<string, NodeFigures> = {};
    for (const [id, p] of this.producers) {
      nodes[id] = {
        kind: 'producer',
        created: p.created,
        ratePerSec: (p.created - p.createdAtTick) / seconds,
      };
      p.createdAtTick = p.created;
    }
    const finished = new Map<string, { completed: number; failed: number }>();
    for (const [id, w] of this.workers) {
      const busyArea = w.busy.area(t);
      const capacityArea = w.capacity.area(t);
      const slotMs = capacityArea - w.capacityAreaAtTick;
      nodes[id] = {
        kind: 'worker',
        active: w.busy.current,
        capacity: w.capacity.current,
        utilisation: slotMs > 0 ? (busyArea - w.busyAreaAtTick) / slotMs : 0,
        throughputPerSec: (w.completed - w.completedAtTick) / seconds,
        completed: w.completed,
        failed: w.failed,
        retried: w.retried,
        serviceMs: w.service.take(),
      };
      const scaled = this.replicasOf?.(id);
      if (scaled)
        Object.assign(nodes[id], { replicas: scaled.replicas, startingReplicas: scaled.starting });
      w.completedAtTick = w.completed;
      w.busyAreaAtTick = busyArea;
      w.capacityAreaAtTick = capacityArea;
      const queueId = this.plan.workers.get(id)!.queueId;
      const f = finished.get(queueId) ?? { completed: 0, failed: 0 };
      f.completed += w.completed;
      f.failed += w.failed;
      finished.set(queueId, f);
    }
    for (const [id, q] of this.queues) {
      const waitMs = q.wait.take();
      nodes[id] = {
        kind: 'queue',
        waiting: q.counts.waiting,
        active: q.counts.active,
        delayed: q.counts.delayed,
        completed: finished.get(id)?.completed ?? 0,
        failed: (finished.get(id)?.failed ?? 0) + q.failedParents,
        enqueued: q.enqueued,
        enqueuedPerSec: (q.enqueued - q.enqueuedAtTick) / seconds,
        paused: pausedQueues.has(id) || q.counts.paused,
        waitMs,
        ...oldestWaiting(q.counts, waitMs.count),
        ...(q.waitingChildren && { waitingChildren: q.counts.waitingChildren }),
      };
      q.enqueuedAtTick = q.enqueued;
    }
    const edges: Record<string, number> = {};
    for (const [id, e] of this.edges) {
      edges[id] = (e.total - e.atTick) / seconds;
      e.atTick = e.total;
    }
    // Ordered as in the document, so every view lists nodes the same way.
    const ordered: Record<string, NodeFigures> = {};
    for (const node of this.plan.doc.nodes) {
      const figures = nodes[node.id];
      if (figures) ordered[node.id] = figures;
    }
    return { t, nodes: ordered, edges, endToEndMs: this.endToEnd.take() };
  }

  /** The run's `pipewright-summary/v1` over its whole span. */
  summary(): RunSummary {
    const t = this.now();
    const nodes: Record<string, NodeStatsInput> = {};
    for (const node of this.plan.doc.nodes) {
      if (node.kind === 'producer') {
        nodes[node.id] = {
          kind: 'producer',
          name: node.name,
          created: this.producers.get(node.id)!.created,
        };
      } else if (node.kind === 'queue') {
        const q = this.queues.get(node.id)!;
        nodes[node.id] = {
          kind: 'queue',
          name: node.name,
          wait: q.wait.total,
          waiting: levelStat(q.waiting, t),
          delayed: levelStat(q.delayed, t),
          ...(q.waitingChildren && { waitingChildren: levelStat(q.waitingChildren, t) }),
          enqueued: q.enqueued,
          backlog: q.backlog.verdict(t),
        };
      } else {
        const w = this.workers.get(node.id);
        if (!w) continue;
        const capacityArea = w.capacity.area(t);
        nodes[node.id] = {
          kind: 'worker',
          name: node.name,
          completed: w.completed,
          failed: w.failed,
          retried: w.retried,
          utilisation: capacityArea > 0 ? w.busy.area(t) / capacityArea : 0,
          service: w.service.total,
        };
      }
    }
    return buildSummary({
      mode: 'run',
      document: this.plan.doc.name,
      durationMs: t,
      nodes,
      endToEnd: this.endToEnd.total,
    });
  }
}
