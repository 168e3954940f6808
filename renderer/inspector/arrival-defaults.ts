import type {
  Arrival,
  ServiceDistribution,
  ARRIVAL_TYPES,
  SERVICE_TYPES,
} from '../../shared/document';
import { meanArrivalRatePerSec, meanServiceMs, stdDevServiceMs } from '../../shared/document';

export type ArrivalType = (typeof ARRIVAL_TYPES)[number];
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const ARRIVAL_LABELS: Record<ArrivalType, string> = {
  constant: 'Constant rate',
  poisson: 'Random (Poisson)',
  burst: 'Bursts',
  ramp: 'Ramp',
  schedule: 'Schedule (every / cron)',
};

export const SERVICE_LABELS: Record<ServiceType, string> = {
  fixed: 'Fixed',
  exponential: 'Exponential',
  uniform: 'Uniform',
  normal: 'Normal',
  lognormal: 'Log-normal',
};

/** Switching the arrival type keeps the rate the user had, as far as the new type can. */
export function arrivalOfType(type: ArrivalType, from: Arrival): Arrival {
  const rate = meanArrivalRatePerSec(from) ?? 1;
  const r = Number(rate.toPrecision(3)) || 1;
  switch (type) {
    case 'constant':
    case 'poisson':
      return { type, ratePerSec: r };
    case 'burst':
      return { type, size: 10, everyMs: Math.max(1, Math.round(10_000 / r)) };
    case 'ramp':
      return { type, fromPerSec: 0, toPerSec: r, overMs: 60_000 };
    case 'schedule':
      return { type, everyMs: Math.max(1, Math.round(1000 / r)) };
  }
}

/** Switching the distribution keeps its mean and spread where the new one has them. */
export function serviceOfType(type: ServiceType, from: ServiceDistribution): ServiceDistribution {
  const mean = Math.round(meanServiceMs(from)) || 100;
  const sd = Math.round(stdDevServiceMs(from)) || Math.round(mean / 2);
  switch (type) {
    case 'fixed':
      return { type, ms: mean };
    case 'exponential':
      return { type, meanMs: mean };
    case 'uniform':
      return { type, minMs: Math.max(0, mean - sd), maxMs: mean + sd };
    case 'normal':
    case 'lognormal':
      return { type, meanMs: mean, stdDevMs: sd };
  }
}
