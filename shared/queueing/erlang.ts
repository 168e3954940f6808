/**
 * Closed-form queueing results for one station with c identical servers. Rates are per second,
 * times in ms. Formulas: Erlang C for M/M/c; Allen–Cunneen's scaling of the M/M/c wait for
 * general arrivals and service (exact in the mean for M/G/1: Pollaczek–Khinchine).
 */

/** Erlang C: probability that an arriving job waits, for c servers and offered load a = λ/μ. */
export function erlangC(servers: number, offeredLoad: number): number {
  const a = offeredLoad;
  const c = servers;
  if (a <= 0) return 0;
  if (a >= c) return 1;
  // Erlang B by its stable recursion, then C = B / (1 − ρ(1 − B)).
  let b = 1;
  for (let k = 1; k <= c; k++) {
    b = (a * b) / (k + a * b);
    // Past the load, B only shrinks; once negligible, C is negligible too.
    if (k > a && b < 1e-18) return 0;
  }
  const rho = a / c;
  return b / (1 - rho * (1 - b));
}

export interface StationWait {
  /** Probability that a job has to wait. */
  probabilityOfWaiting: number;
  meanWaitMs: number;
  /** 95th percentile of the wait (0 when at least 95 % start at once). */
  p95WaitMs: number;
  /** Mean wait + mean service. */
  meanTimeInSystemMs: number;
  /** Mean number of jobs waiting (Little's law: λ · mean wait). */
  meanWaiting: number;
}

/**
 * M/M/c with arrival rate λ (per s), mean service (ms) and c servers; undefined when unstable
 * (ρ ≥ 1). The wait is 0 with probability 1 − C and otherwise exponential with rate cμ − λ.
 */
export function mmcWait(
  arrivalRatePerSec: number,
  meanServiceMs: number,
  servers: number,
): StationWait | undefined {
  return ggcWait(arrivalRatePerSec, meanServiceMs, servers, 1, 1);
}

/**
 * G/G/c by Allen–Cunneen: Wq ≈ Wq(M/M/c) · (ca² + cs²) / 2, with ca² and cs² the squared
 * coefficients of variation of the gaps between arrivals and of service. The wait distribution
 * keeps the M/M/c shape (an atom at 0 of 1 − C, an exponential tail scaled to the mean).
 */
export function ggcWait(
  arrivalRatePerSec: number,
  meanServiceMs: number,
  servers: number,
  arrivalScv: number,
  serviceScv: number,
): StationWait | undefined {
  const lambda = arrivalRatePerSec / 1000; // per ms
  const offered = lambda * meanServiceMs;
  if (!(offered < servers)) return undefined;
  if (lambda === 0 || meanServiceMs === 0) {
    return {
      probabilityOfWaiting: 0,
      meanWaitMs: 0,
      p95WaitMs: 0,
      meanTimeInSystemMs: meanServiceMs,
      meanWaiting: 0,
    };
  }
  const c = erlangC(servers, offered);
  const mmcMean = (c * meanServiceMs) / (servers - offered);
  const meanWaitMs = (mmcMean * (arrivalScv + serviceScv)) / 2;
  // Tail P(W > t) = C · exp(−t · C / mean).
  const p95WaitMs = c <= 0.05 || meanWaitMs === 0 ? 0 : (meanWaitMs / c) * Math.log(c / 0.05);
  return {
    probabilityOfWaiting: c,
    meanWaitMs,
    p95WaitMs,
    meanTimeInSystemMs: meanWaitMs + meanServiceMs,
    meanWaiting: lambda * meanWaitMs,
  };
}

/** Pollaczek–Khinchine mean wait of an M/G/1 queue (ms); undefined when ρ ≥ 1. */
export function pollaczekKhinchineWaitMs(
  arrivalRatePerSec: number,
  meanServiceMs: number,
  serviceScv: number,
): number | undefined {
  const rho = (arrivalRatePerSec / 1000) * meanServiceMs;
  if (!(rho < 1)) return undefined;
  return (rho * meanServiceMs * (1 + serviceScv)) / (2 * (1 - rho));
}
