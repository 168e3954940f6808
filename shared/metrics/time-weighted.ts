/**
 * The time-weighted average of a piecewise-constant level (queue length, busy slots): each value
 * counts for as long as it held. `area()` is the integral since the window start, so callers can
 * take the mean over any sub-interval as a difference of areas.
 */
export class TimeWeightedAverage {
  private value: number;
  private lastMs: number;
  private startMs: number;
  private integral = 0;
  private peak: number;

  constructor(startMs = 0, value = 0) {
    this.value = value;
    this.lastMs = startMs;
    this.startMs = startMs;
    this.peak = value;
  }

  /** The level changes to `value` at time `tMs` (times must not go backwards). */
  set(tMs: number, value: number): void {
    if (tMs > this.lastMs) {
      this.integral += this.value * (tMs - this.lastMs);
      this.lastMs = tMs;
    }
    this.value = value;
    if (value > this.peak) this.peak = value;
  }

  /** The level changes by `delta` at time `tMs`. */
  add(tMs: number, delta: number): void {
    this.set(tMs, this.value + delta);
  }

  /** Current level. */
  get current(): number {
    return this.value;
  }

  /** Largest level seen since the window start. */
  get max(): number {
    return this.peak;
  }

  /** Integral of the level over [window start, tMs]. */
  area(tMs: number): number {
    return this.integral + (tMs > this.lastMs ? this.value * (tMs - this.lastMs) : 0);
  }

  /** Mean level over [window start, tMs]; the current level when the window is empty. */
  mean(tMs: number): number {
    const span = tMs - this.startMs;
    return span > 0 ? this.area(tMs) / span : this.value;
  }

  /** Starts a new window at `tMs` (e.g. at the end of the warm-up), keeping the current level. */
  restart(tMs: number): void {
    this.lastMs = Math.max(this.lastMs, tMs);
    this.startMs = tMs;
    this.integral = 0;
    this.peak = this.value;
  }
}
