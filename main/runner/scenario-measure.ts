import type { ScenarioEvent } from '../../shared/document/schema';
import type { ScenarioEventFigures } from '../../shared/metrics';
import { eventFigures } from '../../shared/simulation/scenario-tracker';
import {
  EventWatch,
  type WatchedQueue,
  type WatchedWorker,
} from '../../shared/simulation/scenario-watch';
import type { QueueCounts } from '../redis/bullmq-counts';
import type { RunMetrics } from './metrics';
import type { RunPlan } from './plan';

/** How often an open event's backlog is read: fine enough for drain times of a second or so. */
export const WATCH_POLL_MS = 25;

/** What the measure needs of the run. */
export interface MeasureHost {
  plan: RunPlan;
  metrics: RunMetrics;
  now(): number;
  /** Counts of these queues (node ids), read from Redis now, in order. */
  readQueues(queueIds: readonly string[]): Promise<QueueCounts[]>;
}

/** A queue's backlog as last read from Redis, in the shape the simulator's watch reads. */
class QueueLevel implements WatchedQueue {
  readonly waiting = { size: 0 };
  delayed = 0;
  set(counts: QueueCounts): void {
    this.waiting.size = counts.waiting;
    this.delayed = counts.delayed;
  }
}

/**
 * A scenario's per-event figures measured in a real run (docs/architecture.md "Scenarios"), with
 * the simulator's own watch (`EventWatch`) so both engines define peak, drain and the counts
 * alike. The watch reads the queues' backlog (waiting + delayed) from Redis every
 * WATCH_POLL_MS while an event is open, and the workers' totals from the run's metrics (BullMQ's
 * completed and failed events, and the jobs sent down each dead-letter edge).
 */
export class ScenarioMeasure {
  private readonly levels = new Map<string, QueueLevel>();
  private readonly edgeIndex = new Map<string, number>();
  private readonly edgeCounts: Float64Array;
  private readonly watches: (EventWatch | undefined)[] = [];
  private readonly queueIds: string[][] = [];
  private readonly workersOf: string[][] = [];
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | null = null;

  constructor(
    private readonly host: MeasureHost,
    private readonly events: readonly ScenarioEvent[],
  ) {
    host.plan.doc.edges.forEach((e, i) => this.edgeIndex.set(e.id, i));
    this.edgeCounts = new Float64Array(host.plan.doc.edges.length);
    host.metrics.onFinalFailure = (workerId, t) => {
      this.watches.forEach((w, i) => {
        if (w && !w.closed && this.workersOf[i]!.includes(workerId)) w.failedForGood(t);
      });
    };
  }

  /** Event `index` changes its node now: its start opens its watch, its end is a reading. */
  async mark(index: number): Promise<void> {
    const open = this.watches[index];
    if (open) return this.read();
    const event = this.events[index]!;
    const { queues, workers } = this.affected(event);
    await this.refresh(queues);
    const t = this.host.now();
    const watch = new EventWatch(
      t,
      event.durationMs === undefined ? Infinity : event.atMs + event.durationMs,
      queues.map((q) => this.level(q)),
      workers.map((w) => this.workerView(w)),
      this.edgeCounts,
      () => undefined,
    );
    this.watches[index] = watch;
    this.queueIds[index] = queues;
    this.workersOf[index] = workers;
    this.poll();
  }

  /** The run ends now: a last reading, then what each event that started did. */
  async figures(): Promise<ScenarioEventFigures[]> {
    clearTimeout(this.timer);
    await this.reading;
    await this.refresh(this.openQueues());
    const t = this.host.now();
    for (const w of this.watches) w?.finish(t);
    const out: ScenarioEventFigures[] = [];
    this.events.forEach((event, i) => {
      const watch = this.watches[i];
      if (watch) out.push(eventFigures(event, watch, this.queueIds[i]!));
    });
    return out;
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private poll(): void {
    clearTimeout(this.timer);
    if (this.openQueues().length === 0) return;
    this.timer = setTimeout(() => {
      void this.read()
        .catch(() => undefined) // Redis away: the next reading catches up
        .finally(() => this.poll());
    }, WATCH_POLL_MS);
  }

  /** Reads the open events' queues and tells their watches. */
  private read(): Promise<void> {
    this.reading ??= (async () => {
      try {
        await this.refresh(this.openQueues());
        const t = this.host.now();
        for (const w of this.watches) if (w && !w.closed) w.observe(t);
      } finally {
        this.reading = null;
      }
    })();
    return this.reading;
  }

  private openQueues(): string[] {
    const ids = new Set<string>();
    this.watches.forEach((w, i) => {
      if (w && !w.closed) for (const q of this.queueIds[i]!) ids.add(q);
    });
    return [...ids];
  }

  private async refresh(queueIds: readonly string[]): Promise<void> {
    const counts = await this.host.readQueues(queueIds);
    queueIds.forEach((id, i) => this.level(id).set(counts[i]!));
    for (const [id, i] of this.edgeIndex) this.edgeCounts[i] = this.host.metrics.edgeTotal(id);
  }

  private level(queueId: string): QueueLevel {
    let level = this.levels.get(queueId);
    if (!level) this.levels.set(queueId, (level = new QueueLevel()));
    return level;
  }

  private workerView(workerId: string): WatchedWorker {
    const metrics = this.host.metrics;
    const failedRoutes = this.host.plan.workers
      .get(workerId)!
      .onFailed.map((hop) => ({ edge: this.edgeIndex.get(hop.edgeId)! }));
    return {
      get completed() {
        return metrics.workerTotals(workerId).completed;
      },
      get failed() {
        return metrics.workerTotals(workerId).failed;
      },
      get retried() {
        return metrics.workerTotals(workerId).retried;
      },
      failedRoutes,
    };
  }

  /** As the simulator's tracker: a worker's input queue, a producer's targets, the queue. */
  private affected(event: ScenarioEvent): { queues: string[]; workers: string[] } {
    const { plan } = this.host;
    const worker = plan.workers.get(event.nodeId);
    if (worker) return { queues: [worker.queueId], workers: [event.nodeId] };
    const queues = plan.queues.has(event.nodeId)
      ? [event.nodeId]
      : [...new Set(plan.producers.get(event.nodeId)?.targets.map((t) => t.queueId) ?? [])];
    const workers = [...plan.workers.values()]
      .filter((w) => queues.includes(w.queueId))
      .map((w) => w.node.id);
    return { queues, workers };
  }
}
