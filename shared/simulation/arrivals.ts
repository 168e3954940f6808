import type { Arrival } from '../document/schema';
import { nextCronTime, type CronSchedule } from '../schedule/cron';
import type { Random } from './random';

/**
 * A producer's arrival times (ms of simulated time), one batch at a time. Every process starts at
 * the producer's `startMs`:
 * - constant: one job every 1/rate, the first at the start;
 * - poisson: exponential gaps with the given rate;
 * - burst: `size` jobs at the start and every `everyMs` after it;
 * - ramp: the rate moves linearly from `fromPerSec` to `toPerSec` over `overMs` and then stays;
 *   job k (from 0) arrives when the integrated rate reaches k (deterministic, like `constant`);
 * - schedule every: one job at the start and every `everyMs` (a BullMQ Job Scheduler fires at once);
 * - schedule cron: at each fire time, with simulated time 0 at wall-clock `epochMs` (UTC).
 */
export interface ArrivalProcess {
  /** Jobs per batch. */
  readonly batch: number;
  /** Time of the next batch (Infinity when there is none). */
  next(): number;
}

export function arrivalProcess(
  arrival: Arrival,
  startMs: number,
  random: Random,
  epochMs: number,
  cron: CronSchedule | undefined,
): ArrivalProcess {
  switch (arrival.type) {
    case 'constant':
      return periodic(startMs, 1000 / arrival.ratePerSec, 1);
    case 'poisson': {
      const mean = 1000 / arrival.ratePerSec;
      let t = startMs;
      return {
        batch: 1,
        next: () => (t += -mean * Math.log(random.next())),
      };
    }
    case 'burst':
      return periodic(startMs, arrival.everyMs, arrival.size);
    case 'ramp':
      return ramp(startMs, arrival.fromPerSec, arrival.toPerSec, arrival.overMs);
    case 'schedule': {
      if (arrival.everyMs !== undefined) return periodic(startMs, arrival.everyMs, 1);
      if (!cron) throw new Error('a cron schedule needs its parsed expression');
      let afterEpoch = epochMs + startMs - 1;
      return {
        batch: 1,
        next: () => {
          afterEpoch = nextCronTime(cron, afterEpoch);
          return afterEpoch - epochMs;
        },
      };
    }
  }
}

/** Given arrival times, one job each (a calibrated model replaying what it measured). */
export function replayedArrivals(times: readonly number[]): ArrivalProcess {
  let k = 0;
  return { batch: 1, next: () => times[k++] ?? Infinity };
}

/** Batches at start + k × period, k = 0, 1, … (no drift from repeated adds). */
function periodic(startMs: number, periodMs: number, batch: number): ArrivalProcess {
  let k = 0;
  return { batch, next: () => startMs + k++ * periodMs };
}

function ramp(startMs: number, fromPerSec: number, toPerSec: number, overMs: number) {
  const a = fromPerSec / 1000; // jobs per ms at the start
  const b = (toPerSec - fromPerSec) / 1000 / overMs; // change of rate per ms
  const duringRamp = (overMs * (fromPerSec + toPerSec)) / 2000; // jobs arriving during the ramp
  let k = -1;
  return {
    batch: 1,
    next: (): number => {
      k++;
      if (k === 0) return startMs;
      if (k <= duringRamp) {
        // Solve a·τ + b·τ²/2 = k with the cancellation-free form of the quadratic root.
        const root = Math.sqrt(Math.max(0, a * a + 2 * b * k));
        const tau = (2 * k) / (a + root);
        return startMs + Math.min(tau, overMs);
      }
      if (toPerSec === 0) return Infinity;
      return startMs + overMs + ((k - duringRamp) * 1000) / toPerSec;
    },
  };
}

/**
 * A producer's arrivals after a live rate change to `ratePerSec` (null: it stops producing). The
 * runner and the simulator's replay both use it, so a replayed run loads the pipeline alike: a
 * ramp turns constant, a burst keeps its size and spaces bursts to match, a fixed-interval
 * schedule fires at the new interval. A cron schedule has no rate (the caller refuses it).
 */
export function arrivalAtRate(arrival: Arrival, ratePerSec: number): Arrival | null {
  if (ratePerSec <= 0) return null;
  switch (arrival.type) {
    case 'burst':
      return { ...arrival, everyMs: (arrival.size * 1000) / ratePerSec };
    case 'poisson':
      return { type: 'poisson', ratePerSec };
    case 'schedule':
      return { type: 'schedule', everyMs: 1000 / ratePerSec };
    default:
      return { type: 'constant', ratePerSec };
  }
}
