import type { Arrival, ServiceDistribution } from '../document/schema';
import { meanServiceMs, stdDevServiceMs } from '../document/defaults';

/** Variability figures of the document's distributions, for the queueing approximations. */

/** Squared coefficient of variation (variance / mean²) of a service distribution; 0 for mean 0. */
export function serviceScv(service: ServiceDistribution): number {
  const mean = meanServiceMs(service);
  if (mean === 0) return 0;
  return (stdDevServiceMs(service) / mean) ** 2;
}

/**
 * Squared coefficient of variation of the gaps between a producer's arrivals: 1 for Poisson, 0
 * for evenly spaced ones, size − 1 for bursts of `size` (size − 1 zero gaps, then one long one).
 */
export function arrivalScv(arrival: Arrival): number {
  switch (arrival.type) {
    case 'poisson':
      return 1;
    case 'burst':
      return arrival.size - 1;
    case 'constant':
    case 'ramp':
    case 'schedule':
      return 0;
  }
}

/**
 * Whitt's linking equation (QNA): SCV of the departures of a c-server station with utilisation ρ,
 * arrival SCV ca² and service SCV cs². Poisson in, exponential service → Poisson out (Burke).
 */
export function departureScv(rho: number, arrival: number, service: number, servers: number) {
  const r2 = Math.min(1, rho) ** 2;
  return 1 + (1 - r2) * (arrival - 1) + (r2 * (service - 1)) / Math.sqrt(servers);
}
