/**
 * Decides whether a queue's backlog is stable or growing without bound, from a piecewise-constant
 * backlog level observed at any cadence (every change, every snapshot, every poll of a real run).
 *
 * The level is averaged into at most 64 equal time buckets (when the run outlasts them, pairs are
 * merged and the width doubles), so memory is fixed however long the run. The verdict is
 * "growing" when, over the measured span, the last quarter's mean backlog is at or above the
 * threshold, is at least 10 % above the third quarter's, and the lowest bucket of the last quarter
 * is above the lowest of the third (the floor rises: a queue that empties between bursts is not
 * growing). `growingSinceMs` is when the backlog last crossed the threshold upwards and stayed above.
 */

const MAX_BUCKETS = 64;
const INITIAL_WIDTH_MS = 10;

export interface BacklogVerdict {
  verdict: 'stable' | 'growing';
  /** Time (ms since the run started) the backlog crossed the threshold, for a growing queue. */
  growingSinceMs?: number;
}

export class BacklogTrend {
  private readonly buckets = new Float64Array(MAX_BUCKETS);
  private widthMs = INITIAL_WIDTH_MS;
  private startMs: number;
  private lastMs: number;
  private level = 0;
  private aboveSinceMs: number | undefined;
  private firstCrossMs: number | undefined;

  constructor(
    /** Backlog (jobs) above which a rising queue counts as growing. */
    readonly thresholdJobs: number,
    startMs = 0,
  ) {
    this.startMs = startMs;
    this.lastMs = startMs;
  }

  /** The backlog is `level` from `tMs` on. */
  observe(tMs: number, level: number): void {
    this.integrate(tMs);
    const threshold = this.thresholdJobs;
    if (level >= threshold && this.level < threshold) {
      this.aboveSinceMs = tMs;
      if (this.firstCrossMs === undefined) this.firstCrossMs = tMs;
    } else if (level < threshold) {
      this.aboveSinceMs = undefined;
    }
    this.level = level;
  }

  /** Starts measuring afresh at `tMs` (end of the warm-up), keeping the current level. */
  restart(tMs: number): void {
    this.integrate(tMs);
    this.buckets.fill(0);
    this.widthMs = INITIAL_WIDTH_MS;
    this.startMs = tMs;
    this.lastMs = tMs;
    this.firstCrossMs = this.aboveSinceMs;
  }

  verdict(endMs: number): BacklogVerdict {
    this.integrate(endMs);
    const span = endMs - this.startMs;
    if (span <= 0) return { verdict: 'stable' };
    const n = Math.min(MAX_BUCKETS, Math.ceil(span / this.widthMs));
    if (n < 4) return { verdict: 'stable' };
    const means: number[] = [];
    for (let i = 0; i < n; i++) {
      const covered = Math.min(this.widthMs, span - i * this.widthMs);
      means.push(covered > 0 ? this.buckets[i]! / covered : 0);
    }
    const q3 = means.slice(Math.floor(n / 2), Math.floor((3 * n) / 4));
    const q4 = means.slice(Math.floor((3 * n) / 4));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const growing =
      mean(q4) >= this.thresholdJobs &&
      mean(q4) > 1.1 * mean(q3) &&
      Math.min(...q4) > Math.min(...q3);
    if (!growing) return { verdict: 'stable' };
    const since = this.aboveSinceMs ?? this.firstCrossMs;
    return since === undefined
      ? { verdict: 'growing' }
      : { verdict: 'growing', growingSinceMs: since };
  }

  /** Adds the current level over [lastMs, tMs] to the buckets. */
  private integrate(tMs: number): void {
    let from = this.lastMs;
    if (tMs <= from) return;
    while (from < tMs) {
      let index = Math.floor((from - this.startMs) / this.widthMs);
      while (index >= MAX_BUCKETS) {
        this.halve();
        index = Math.floor((from - this.startMs) / this.widthMs);
      }
      const bucketEnd = this.startMs + (index + 1) * this.widthMs;
      // Guard against rounding leaving `from` on a bucket edge it cannot pass.
      const to = Math.min(tMs, bucketEnd > from ? bucketEnd : from + this.widthMs);
      this.buckets[index]! += this.level * (to - from);
      from = to;
    }
    this.lastMs = tMs;
  }

  /** Merges bucket pairs, doubling the width. */
  private halve(): void {
    for (let i = 0; i < MAX_BUCKETS / 2; i++) {
      this.buckets[i] = this.buckets[2 * i]! + this.buckets[2 * i + 1]!;
    }
    this.buckets.fill(0, MAX_BUCKETS / 2);
    this.widthMs *= 2;
  }
}
