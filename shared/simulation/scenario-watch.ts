/**
 * What one scenario event did, measured while the simulation runs (docs/architecture.md
 * "Scenarios"). A watch opens at the event's start and follows the backlog (waiting + delayed) of
 * the event's queues — the job flow tells it each time one of them changes — and the jobs its
 * workers finish, until the backlog is back at its level before the event (drained) or the run
 * ends. It reads the stations through the small shapes below, so it imports none of them.
 */

/** What a watch reads of a queue. */
export interface WatchedQueue {
  readonly waiting: { readonly size: number };
  readonly delayed: number;
}

/** What a watch reads of a worker: totals since the start, and its dead-letter edges. */
export interface WatchedWorker {
  readonly completed: number;
  readonly failed: number;
  readonly retried: number;
  readonly failedRoutes: readonly { readonly edge: number }[];
}

/** The workers' totals at one moment. */
interface Counts {
  attempts: number;
  retries: number;
  ended: number;
  failed: number;
  deadLettered: number;
}

export class EventWatch {
  readonly startMs: number;
  readonly baseline: number;
  peak: number;
  peakAtMs: number;
  /** When the backlog was back at the baseline after the end (NaN: not yet). */
  drainedAtMs = NaN;
  firstFailedAtMs = NaN;
  lastFailedAtMs = NaN;
  private readonly before: Counts;
  private after: Counts | null = null;
  /** The backlog since `prevMs`. */
  private prev: number;
  private prevMs: number;

  constructor(
    t: number,
    /** When the event ends (Infinity: it lasts to the end). */
    readonly endMs: number,
    private readonly queues: readonly WatchedQueue[],
    private readonly workers: readonly WatchedWorker[],
    private readonly edgeCounts: Float64Array,
    /** Called once when the watch closes, to stop being told about changes. */
    private readonly detach: (watch: EventWatch) => void,
  ) {
    this.startMs = t;
    this.baseline = this.backlog();
    this.peak = this.baseline;
    this.peakAtMs = t;
    this.prev = this.baseline;
    this.prevMs = t;
    this.before = this.counts();
  }

  get closed(): boolean {
    return this.after !== null;
  }

  backlog(): number {
    let sum = 0;
    for (const q of this.queues) sum += q.waiting.size + q.delayed;
    return sum;
  }

  /**
   * A watched queue's backlog may have changed at `t`. The level since the last call held over
   * [prevMs, t); if that span reaches past the event's end at or below the baseline, it drained
   * at the later of the two. Otherwise the new level may be a peak, or the drain.
   */
  observe(t: number): void {
    if (this.after) return;
    if (t > this.endMs && this.prev <= this.baseline) {
      this.close(Math.max(this.endMs, this.prevMs));
      return;
    }
    const now = this.backlog();
    if (now > this.peak) {
      this.peak = now;
      this.peakAtMs = t;
    }
    if (t >= this.endMs && now <= this.baseline) {
      this.close(t);
      return;
    }
    this.prev = now;
    this.prevMs = t;
  }

  /** A job failed its last attempt on a watched worker. */
  failedForGood(t: number): void {
    if (Number.isNaN(this.firstFailedAtMs)) this.firstFailedAtMs = t;
    this.lastFailedAtMs = t;
  }

  /** The run ends at `t`: a backlog at the baseline since before then drained; others did not. */
  finish(t: number): void {
    if (this.after) return;
    this.observe(t);
    if (!this.after) this.stop();
  }

  /** Counts over the window so far (start to drain, or to now while it is open). */
  window(): Counts {
    const end = this.after ?? this.counts();
    return {
      attempts: end.attempts - this.before.attempts,
      retries: end.retries - this.before.retries,
      ended: end.ended - this.before.ended,
      failed: end.failed - this.before.failed,
      deadLettered: end.deadLettered - this.before.deadLettered,
    };
  }

  private close(drainedAt: number): void {
    this.drainedAtMs = drainedAt;
    this.stop();
  }

  private stop(): void {
    this.after = this.counts();
    this.detach(this);
  }

  private counts(): Counts {
    const c: Counts = { attempts: 0, retries: 0, ended: 0, failed: 0, deadLettered: 0 };
    for (const w of this.workers) {
      c.attempts += w.completed + w.failed + w.retried;
      c.retries += w.retried;
      c.ended += w.completed + w.failed;
      c.failed += w.failed;
      for (const r of w.failedRoutes) c.deadLettered += this.edgeCounts[r.edge]!;
    }
    return c;
  }
}
