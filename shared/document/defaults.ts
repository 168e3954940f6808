import type {
  Arrival,
  PipelineEdge,
  QueueConfig,
  ServiceDistribution,
  Settings,
  WorkerConfig,
} from './schema';
import { meanCronIntervalMs, parseCron } from '../schedule/cron';

/** Values the semantics use when a field is absent (docs/architecture.md). */
export const DEFAULT_SETTINGS: Required<Settings> = {
  redisUrl: 'redis://127.0.0.1:6379',
  prefix: 'bull',
  cluster: false,
};

export const resolveSettings = (settings: Settings | undefined): Required<Settings> => ({
  ...DEFAULT_SETTINGS,
  ...settings,
});

export const queueAttempts = (config: QueueConfig): number => config.attempts ?? 1;
export const workerFailureRate = (config: WorkerConfig): number => config.failureRate ?? 0;
export const workerWork = (config: WorkerConfig): 'io' | 'cpu' => config.work ?? 'io';
export const workerCapacity = (config: WorkerConfig): number =>
  config.concurrency * config.replicas;
export const edgeOn = (edge: PipelineEdge): 'completed' | 'failed' => edge.on ?? 'completed';
export const edgeProbability = (edge: PipelineEdge): number => edge.probability ?? 1;

/** Mean of a service-time distribution in ms (a normal truncated at 0 is treated as untruncated). */
export function meanServiceMs(service: ServiceDistribution): number {
  switch (service.type) {
    case 'fixed':
      return service.ms;
    case 'exponential':
    case 'normal':
    case 'lognormal':
      return service.meanMs;
    case 'uniform':
      return (service.minMs + service.maxMs) / 2;
  }
}

/** Standard deviation of a service-time distribution in ms. */
export function stdDevServiceMs(service: ServiceDistribution): number {
  switch (service.type) {
    case 'fixed':
      return 0;
    case 'exponential':
      return service.meanMs;
    case 'normal':
    case 'lognormal':
      return service.stdDevMs;
    case 'uniform':
      return (service.maxMs - service.minMs) / Math.sqrt(12);
  }
}

/**
 * Arrival rate in jobs per second `sinceStartMs` after the producer starts: the one ramp rule
 * (docs/architecture.md "Semantics"): the rate moves linearly from `fromPerSec` to `toPerSec`
 * over `overMs`, then stays. Every other model keeps its long-run rate throughout.
 */
export function arrivalRatePerSecAt(arrival: Arrival, sinceStartMs: number): number {
  if (arrival.type !== 'ramp') return meanArrivalRatePerSec(arrival);
  const done = Math.min(1, Math.max(0, sinceStartMs / arrival.overMs));
  return arrival.fromPerSec + (arrival.toPerSec - arrival.fromPerSec) * done;
}

/**
 * Long-run arrival rate in jobs per second. A ramp counts at its final rate: that is what it
 * settles to (`arrivalRatePerSecAt` once the ramp is over). A cron schedule counts at its mean rate over the calendar (0 for an expression that
 * does not parse, which a parsed document never holds).
 */
export function meanArrivalRatePerSec(arrival: Arrival): number {
  switch (arrival.type) {
    case 'constant':
    case 'poisson':
      return arrival.ratePerSec;
    case 'burst':
      return (arrival.size * 1000) / arrival.everyMs;
    case 'ramp':
      return arrivalRatePerSecAt(arrival, Infinity);
    case 'schedule': {
      if (arrival.everyMs !== undefined) return 1000 / arrival.everyMs;
      const parsed = parseCron(arrival.cron ?? '');
      return parsed.ok ? 1000 / meanCronIntervalMs(parsed.cron) : 0;
    }
  }
}
