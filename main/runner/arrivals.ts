import { arrivalRatePerSecAt, type Arrival } from '../../shared/document';
import {
  arrivalAtRate,
  arrivalProcess,
  type ArrivalProcess,
} from '../../shared/simulation/arrivals';
import type { Random } from '../../shared/simulation/random';

type TimedArrival = Exclude<Arrival, { type: 'schedule' }>;

/**
 * When a producer's jobs arrive, as ms offsets from the run's start: the simulator's arrival
 * processes (shared/simulation/arrivals.ts), so a run and a simulation of the same document load
 * the pipeline alike. A rate change restarts the process at that moment with the new rate
 * (a ramp turns constant; a burst keeps its size and spaces bursts to match).
 */
export class ArrivalClock {
  private process: ArrivalProcess;
  /** Offset of the next batch and its size. */
  nextAt: number;
  size: number;
  private model: TimedArrival;
  /** When the current process started: the producer's start, or the last rate change. */
  private origin: number;

  constructor(
    arrival: TimedArrival,
    startMs: number,
    private readonly random: Random,
  ) {
    this.model = arrival;
    this.origin = startMs;
    this.process = arrivalProcess(arrival, startMs, random, Date.now(), undefined);
    this.size = this.process.batch;
    this.nextAt = this.process.next();
  }

  /** The rate asked for at `atMs` since the run's start: the theory's rule, after any change. */
  ratePerSecAt(atMs: number): number {
    if (this.nextAt === Infinity) return 0;
    return arrivalRatePerSecAt(this.model, atMs - this.origin);
  }

  advance(): void {
    this.nextAt = this.process.next();
  }

  /**
   * Back to the designed arrivals from `atMs` (a scenario's rate change ends), restarted there as
   * the simulator's `designArrival` does (not before the producer's own start).
   */
  restore(arrival: TimedArrival, startMs: number, atMs: number): void {
    this.model = arrival;
    this.origin = Math.max(atMs, startMs);
    this.process = arrivalProcess(arrival, this.origin, this.random, Date.now(), undefined);
    this.size = this.process.batch;
    this.nextAt = this.process.next();
  }

  setRate(ratePerSec: number, atMs: number): void {
    // A timed arrival stays timed (only a schedule becomes a schedule).
    const model = arrivalAtRate(this.model, ratePerSec) as TimedArrival | null;
    if (model === null) {
      this.nextAt = Infinity;
      return;
    }
    this.model = model;
    this.origin = atMs;
    this.process = arrivalProcess(this.model, atMs, this.random, Date.now(), undefined);
    this.size = this.process.batch;
    this.nextAt = this.process.next();
  }
}
