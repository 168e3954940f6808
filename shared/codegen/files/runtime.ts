/**
 * Files of the generated project that do not depend on the pipeline: the simulated work the
 * generated handlers call, and the arrival processes of the load script. Kept as text, checked
 * by the golden tests (formatted, compiling).
 */

export const SIMULATE_TS = `/**
 * Simulated work, used by the handlers as Pipewright generates them: each waits for a service
 * time sampled from the pipeline's distribution and fails at its modelled rate. Replace the
 * handlers with real work; this file can go once none of them uses it.
 */

/** A service-time distribution, in milliseconds. A normal distribution is truncated at 0. */
export type ServiceTime =
  | { type: 'fixed'; ms: number }
  | { type: 'exponential'; meanMs: number }
  | { type: 'uniform'; minMs: number; maxMs: number }
  | { type: 'normal'; meanMs: number; stdDevMs: number }
  | { type: 'lognormal'; meanMs: number; stdDevMs: number };

/** A standard normal sample (Box–Muller). */
function standardNormal(): number {
  const u = 1 - Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * Math.random());
}

/** One service time from the distribution. */
export function sampleServiceMs(service: ServiceTime): number {
  switch (service.type) {
    case 'fixed':
      return service.ms;
    case 'exponential':
      return -service.meanMs * Math.log(1 - Math.random());
    case 'uniform':
      return service.minMs + (service.maxMs - service.minMs) * Math.random();
    case 'normal': {
      if (service.stdDevMs === 0) return service.meanMs;
      for (;;) {
        const ms = service.meanMs + service.stdDevMs * standardNormal();
        if (ms >= 0) return ms;
      }
    }
    case 'lognormal': {
      const sigma2 = Math.log(1 + (service.stdDevMs / service.meanMs) ** 2);
      const mu = Math.log(service.meanMs) - sigma2 / 2;
      return Math.exp(mu + Math.sqrt(sigma2) * standardNormal());
    }
  }
}

/**
 * Spends one sampled service time: waiting (\`io\`, like a call to another service) or keeping
 * the CPU busy (\`cpu\`). CPU-bound handlers block the event loop; run them in a sandboxed
 * processor (https://docs.bullmq.io/guide/workers/sandboxed-processors) when they are real.
 */
export async function simulateWork(service: ServiceTime, work: 'io' | 'cpu'): Promise<void> {
  const ms = sampleServiceMs(service);
  if (work === 'io') {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return;
  }
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Busy on purpose: this is what CPU-bound work does to a worker.
  }
}

/** The failure a handler throws at its modelled failure rate. */
export class SimulatedFailure extends Error {
  constructor(rate: number) {
    super(
      \`simulated failure (the pipeline models \${+(rate * 100).toFixed(2)}% of attempts failing)\`,
    );
    this.name = 'SimulatedFailure';
  }
}
`;

export const ARRIVALS_TS = `import type { Queues } from './queues';

/** How a producer's jobs arrive, as the pipeline models it. */
export type Arrival =
  | { type: 'constant'; ratePerSec: number }
  | { type: 'poisson'; ratePerSec: number }
  | { type: 'burst'; size: number; everyMs: number }
  | { type: 'ramp'; fromPerSec: number; toPerSec: number; overMs: number }
  | { type: 'schedule'; everyMs: number }
  | { type: 'schedule'; cron: string };

/** A producer's modelled load: what the load script sends for it. */
export interface ProducerLoad {
  /** The producer's file name in src/producers/, to pick it on the command line. */
  name: string;
  arrival: Arrival;
  /** At most this many jobs in all. */
  limit?: number;
  /** When to start and stop sending, in ms after the load starts. */
  startMs?: number;
  stopMs?: number;
  /** Adds one job to every queue the producer feeds. */
  enqueue(queues: Queues): Promise<void>;
}

/** Batches of arrivals: \`size\` jobs at \`atMs\` after the producer starts. */
type Batches = () => { atMs: number; size: number };

/**
 * Arrival times as the Pipewright simulator models them: constant arrivals are evenly spaced,
 * poisson gaps are exponential, a burst sends \`size\` jobs at once every \`everyMs\`, a ramp moves
 * its rate linearly and then holds it. A scheduled producer is run by its Job Scheduler
 * (src/schedulers.ts); here it sends one job at once, so you can watch it go through.
 */
export function arrivalBatches(arrival: Arrival): Batches {
  let k = 0;
  switch (arrival.type) {
    case 'constant':
      return () => ({ atMs: (++k * 1000) / arrival.ratePerSec, size: 1 });
    case 'poisson': {
      let atMs = 0;
      return () => {
        atMs -= (1000 / arrival.ratePerSec) * Math.log(1 - Math.random());
        return { atMs, size: 1 };
      };
    }
    case 'burst':
      return () => ({ atMs: k++ * arrival.everyMs, size: arrival.size });
    case 'ramp':
      return rampBatches(arrival.fromPerSec, arrival.toPerSec, arrival.overMs);
    case 'schedule':
      return () => ({ atMs: k++ === 0 ? 0 : Infinity, size: 1 });
  }
}

/** Job k arrives when the integrated rate reaches k (a deterministic ramp, like \`constant\`). */
function rampBatches(fromPerSec: number, toPerSec: number, overMs: number): Batches {
  const a = fromPerSec / 1000;
  const b = (toPerSec - fromPerSec) / 1000 / overMs;
  const duringRamp = (overMs * (fromPerSec + toPerSec)) / 2000;
  let k = 0;
  return () => {
    k++;
    if (k <= duringRamp) {
      const tau = (2 * k) / (a + Math.sqrt(Math.max(0, a * a + 2 * b * k)));
      return { atMs: Math.min(tau, overMs), size: 1 };
    }
    const atMs = toPerSec === 0 ? Infinity : overMs + ((k - duringRamp) * 1000) / toPerSec;
    return { atMs, size: 1 };
  };
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

/** Sends one producer's load until its limit or stop time, or until \`signal\` aborts. */
async function runProducer(load: ProducerLoad, queues: Queues, signal: AbortSignal) {
  const next = arrivalBatches(load.arrival);
  const started = performance.now();
  const startMs = load.startMs ?? 0;
  const stopMs = load.stopMs ?? Infinity;
  const limit = load.limit ?? Infinity;
  let sent = 0;
  while (!signal.aborted && sent < limit) {
    const batch = next();
    const atMs = startMs + batch.atMs;
    if (atMs >= stopMs || atMs === Infinity) break;
    await sleep(started + atMs - performance.now(), signal);
    if (signal.aborted) break;
    const size = Math.min(batch.size, limit - sent);
    await Promise.all(Array.from({ length: size }, () => load.enqueue(queues)));
    sent += size;
  }
  return sent;
}

/**
 * Runs the producers' modelled load until each one is done or \`signal\` aborts; resolves to the
 * number of jobs each producer sent.
 */
export async function runLoad(
  loads: readonly ProducerLoad[],
  queues: Queues,
  signal: AbortSignal,
): Promise<Record<string, number>> {
  const sent = await Promise.all(loads.map((load) => runProducer(load, queues, signal)));
  return Object.fromEntries(loads.map((load, i) => [load.name, sent[i] ?? 0]));
}
`;
