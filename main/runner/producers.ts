import type { Queue } from 'bullmq';
import { Random } from '../../shared/simulation/random';
import type { ProducerPlan, QueuePlan } from './plan';
import { ArrivalClock } from './arrivals';
import type { IncidentLog } from './incidents';
import { producerJobIdPrefix } from './job-ids';
import type { RunMetrics } from './metrics';
import type { RunJobData } from './workers';
import { formatCount, formatPercent, formatRate } from '../../shared/metrics/format';

export interface ProducerContext {
  queues: Map<string, { plan: QueuePlan; queue: Queue }>;
  metrics: RunMetrics | null;
  epoch: number;
  /**
   * Epoch ms the arrivals are timed from: the run's start, so they fall where the simulator puts
   * them on the run's clock (a scenario's events are timed on it too). Absent for a restarted
   * runner: it times them from its own start rather than replay the arrivals it missed.
   */
  clockStart?: number;
  /** A fresh seed per random stream. */
  seed(): number;
  log(level: 'info' | 'warn' | 'error', message: string, nodeId?: string): void;
  incidents: IncidentLog;
}

/** At most this many jobs per addBulk call. */
const BATCH = 500;
/**
 * Timer bounds. Jobs go out close to their arrival times (a coarser tick would bunch Poisson
 * arrivals and lengthen waits); at high rates they batch up by themselves while an add is in
 * flight. The upper bound keeps rate changes and stops quick.
 */
const MIN_TICK_MS = 1;
const BUSY_TICK_MS = 5;
const MAX_TICK_MS = 100;
/** Delivered and asked rates are compared over windows this long. */
const PACE_WINDOW_MS = 2000;
/** Below this share of the asked rate (over a window), the generator is reported as lagging. */
const PACE_SHARE = 0.9;

/**
 * A load generator for one producer: adds jobs to each target queue at the arrival model's pace
 * (batched with addBulk), honouring `limit`, `startMs` and `stopMs`. `schedule` producers are
 * BullMQ job schedulers (upsertJobScheduler), so BullMQ itself creates their jobs.
 */
export class LoadGenerator {
  private readonly clock: ArrivalClock | null;
  /** `<producer>.<epoch>.`: job `seq` is this plus the sequence number. */
  private readonly idPrefix: string;
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private seq = 0;
  private pending = 0;
  private inFlight: Promise<void> | null = null;
  private stopped = false;
  private dropped = 0;
  /** Arrivals due and jobs Redis acknowledged, in total and at the start of the pace window. */
  private due = 0;
  private added = 0;
  private failedAdds = 0;
  private pace = { at: 0, due: 0, added: 0, dropped: 0 };

  constructor(
    readonly plan: ProducerPlan,
    private readonly ctx: ProducerContext,
  ) {
    const arrival = plan.node.config.arrival;
    this.idPrefix = producerJobIdPrefix(plan.node.id, ctx.epoch);
    this.clock =
      arrival.type === 'schedule'
        ? null
        : new ArrivalClock(arrival, plan.node.config.startMs ?? 0, new Random(ctx.seed()));
  }

  get id(): string {
    return this.plan.node.id;
  }
  /** Id of this producer's job schedulers (one per target queue), for `schedule` arrivals. */
  get schedulerId(): string {
    return `pipewright-${this.id.replace(/:/g, '_')}`;
  }

  async start(): Promise<void> {
    this.startedAt = this.ctx.clockStart ?? Date.now();
    this.pace = { at: this.startedAt, due: 0, added: 0, dropped: 0 };
    const { arrival, startMs, stopMs, limit } = this.plan.node.config;
    if (arrival.type === 'schedule') {
      await this.upsertSchedulers(arrival.everyMs, arrival.cron, { startMs, stopMs, limit });
      return;
    }
    this.schedule();
  }

  /** New arrival rate (jobs/s) from now on; throws for a cron schedule, which has no rate. */
  async setRate(ratePerSec: number): Promise<void> {
    const arrival = this.plan.node.config.arrival;
    if (this.clock) {
      this.clock.setRate(ratePerSec, this.elapsed());
      this.reschedule();
      return;
    }
    if (arrival.type === 'schedule' && arrival.cron !== undefined) {
      throw new Error(
        `producer "${this.plan.node.name}" runs on the cron schedule "${arrival.cron}"; it has no rate to change`,
      );
    }
    if (ratePerSec === 0) {
      await this.removeSchedulers();
      return;
    }
    await this.upsertSchedulers(1000 / ratePerSec, undefined, {
      limit: this.plan.node.config.limit,
    });
  }

  /** Back to the designed arrivals from now on (a scenario's rate change ends). */
  async restoreDesign(): Promise<void> {
    const { arrival, startMs, limit } = this.plan.node.config;
    if (this.clock && arrival.type !== 'schedule') {
      this.clock.restore(arrival, startMs ?? 0, this.elapsed());
      this.reschedule();
    } else if (arrival.type === 'schedule' && arrival.cron === undefined) {
      await this.upsertSchedulers(arrival.everyMs, undefined, { limit });
    }
  }

  /** Stops producing; resolves when no add is in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pending = 0;
    clearTimeout(this.timer);
    if (!this.clock) await this.removeSchedulers().catch(() => undefined);
    await this.inFlight;
  }

  private elapsed(): number {
    return Date.now() - this.startedAt;
  }

  private reschedule(): void {
    clearTimeout(this.timer);
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped || !this.clock) return;
    const wait = this.clock.nextAt - this.elapsed();
    if (!Number.isFinite(wait)) return;
    // While an add is in flight, arrivals batch up anyway: tick less often.
    const min = this.inFlight ? BUSY_TICK_MS : MIN_TICK_MS;
    this.timer = setTimeout(() => this.tick(), Math.min(MAX_TICK_MS, Math.max(min, wait)));
  }

  private tick(): void {
    const clock = this.clock!;
    const { stopMs, limit } = this.plan.node.config;
    const now = this.elapsed();
    let due = 0;
    while (clock.nextAt <= now) {
      if (stopMs !== undefined && clock.nextAt >= stopMs) {
        this.stopped = true;
        break;
      }
      due += clock.size;
      clock.advance();
    }
    if (limit !== undefined && this.seq + this.pending + due >= limit) {
      due = Math.max(0, limit - this.seq - this.pending);
      this.stopped = true;
    }
    this.pending += due;
    this.due += due;
    // Redis not keeping up (or away): keep at most ~10 s of arrivals at the rate asked for now
    // (a ramp's current rate, or a live override), drop the rest.
    const cap = Math.max(1000, 10 * clock.ratePerSecAt(now));
    if (this.pending > cap) {
      this.dropped += this.pending - cap;
      this.pending = cap;
      const dropped = this.dropped;
      this.ctx.incidents.record(`dropped:${this.id}`, (previous) => ({
        kind: 'dropped',
        level: 'warn',
        t: previous?.t ?? now,
        nodeId: this.id,
        count: dropped,
        message:
          `producer "${this.plan.node.name}": ${formatCount(dropped)} arrivals dropped ` +
          '(more than 10 s of arrivals were waiting to be added: Redis or the load generator is ' +
          'not keeping up)',
      }));
    }
    this.checkPace();
    void this.flush();
    this.schedule();
  }

  /**
   * Compares the rate Redis acknowledged with the rate asked for, window by window: a load
   * generator in one process cannot add a million jobs a second, and the figures then describe
   * the pipeline at the delivered rate, which the user must be told.
   */
  private checkPace(): void {
    const now = Date.now();
    const span = now - this.pace.at;
    if (span < PACE_WINDOW_MS) return;
    const asked = ((this.due - this.pace.due) * 1000) / span;
    const delivered = ((this.added - this.pace.added) * 1000) / span;
    const dropping = this.dropped > this.pace.dropped;
    this.pace = { at: now, due: this.due, added: this.added, dropped: this.dropped };
    // A burst still being added is not lagging: only a backlog that outlives the window is.
    const behind = dropping || this.pending > BATCH;
    if (asked < 10 || delivered >= PACE_SHARE * asked || !behind) return;
    this.ctx.incidents.record(`lagging:${this.id}`, (previous) => ({
      kind: 'lagging',
      level: 'warn',
      t: previous?.t ?? this.elapsed(),
      nodeId: this.id,
      message:
        `producer "${this.plan.node.name}" cannot keep up: ${formatRate(asked, 'jobs')} asked, ` +
        `${formatRate(delivered, 'jobs')} delivered (${formatPercent(delivered / asked)}); the ` +
        'figures describe the pipeline at the delivered rate',
    }));
  }

  /** Adds attempted and adds Redis refused or lost: a run that created nothing is an error. */
  get attempts(): { added: number; failed: number } {
    return { added: this.added, failed: this.failedAdds };
  }

  private flush(): Promise<void> {
    if (this.inFlight || this.pending === 0) return this.inFlight ?? Promise.resolve();
    this.inFlight = (async () => {
      try {
        while (this.pending > 0) {
          const n = Math.min(BATCH, this.pending);
          this.pending -= n;
          await this.add(n);
        }
      } finally {
        this.inFlight = null;
      }
    })();
    return this.inFlight;
  }

  private async add(n: number): Promise<void> {
    const { jobName, payload } = this.plan.node.config;
    // The chain starts here: its origin is the job's own timestamp, so only hops carry `origin`.
    const data: RunJobData = payload === undefined ? {} : { payload };
    const options = this.plan.jobOptions;
    const plain = Object.keys(options).length === 0;
    const jobs = new Array<{ name: string; data: RunJobData; opts: Record<string, unknown> }>(n);
    for (let i = 0; i < n; i++) {
      const jobId = this.idPrefix + this.seq++;
      // One data object per batch: BullMQ serialises it per job and never mutates it.
      jobs[i] = { name: jobName, data, opts: plain ? { jobId } : { ...options, jobId } };
    }
    try {
      await Promise.all(
        this.plan.targets.map(async (hop) => {
          await this.ctx.queues.get(hop.queueId)!.queue.addBulk(jobs);
          this.ctx.metrics?.enqueued(hop.queueId, n, hop.edgeId);
        }),
      );
      this.ctx.metrics?.created(this.id, n);
      this.added += n;
    } catch (error) {
      this.failedAdds += n;
      this.ctx.incidents.refused(`producer "${this.plan.node.name}"`, error as Error, this.id);
    }
  }

  private async upsertSchedulers(
    everyMs: number | undefined,
    cron: string | undefined,
    window: { startMs?: number; stopMs?: number; limit?: number },
  ): Promise<void> {
    const { jobName, payload } = this.plan.node.config;
    const { priority, lifo } = this.plan.jobOptions;
    const now = Date.now();
    await Promise.all(
      this.plan.targets.map(async (hop) => {
        await this.ctx.queues.get(hop.queueId)!.queue.upsertJobScheduler(
          this.schedulerId,
          {
            ...(cron !== undefined
              ? { pattern: cron }
              : { every: Math.max(1, Math.round(everyMs!)) }),
            ...(window.limit !== undefined ? { limit: window.limit } : {}),
            ...(window.startMs ? { startDate: now + window.startMs } : {}),
            ...(window.stopMs !== undefined ? { endDate: now + window.stopMs } : {}),
          },
          {
            name: jobName,
            data: { payload },
            opts: { ...(priority ? { priority } : {}), ...(lifo ? { lifo } : {}) },
          },
        );
      }),
    );
  }

  private async removeSchedulers(): Promise<void> {
    await Promise.all(
      this.plan.targets.map((hop) =>
        this.ctx.queues.get(hop.queueId)!.queue.removeJobScheduler(this.schedulerId),
      ),
    );
  }
}
