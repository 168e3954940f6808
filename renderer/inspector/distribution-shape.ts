import type { ServiceDistribution } from '../../shared/document';
import { meanServiceMs } from '../../shared/document';

export interface Curve {
  /** Points (x in ms, y density scaled so the peak is 1). */
  points: Array<{ x: number; y: number }>;
  maxX: number;
  mean: number;
  /** 95th percentile in ms. */
  p95: number;
  /** A fixed time is a spike, not a curve. */
  spike: boolean;
}

const Z95 = 1.6448536269514722;

function lognormalParams(mean: number, sd: number) {
  const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

function density(s: ServiceDistribution, x: number): number {
  switch (s.type) {
    case 'fixed':
      return 0;
    case 'exponential':
      return Math.exp(-x / s.meanMs) / s.meanMs;
    case 'uniform':
      return s.maxMs > s.minMs && x >= s.minMs && x <= s.maxMs ? 1 / (s.maxMs - s.minMs) : 0;
    case 'normal': {
      if (s.stdDevMs === 0) return 0;
      const z = (x - s.meanMs) / s.stdDevMs;
      return Math.exp(-0.5 * z * z);
    }
    case 'lognormal': {
      if (x <= 0 || s.stdDevMs === 0) return 0;
      const { mu, sigma } = lognormalParams(s.meanMs, s.stdDevMs);
      const z = (Math.log(x) - mu) / sigma;
      return Math.exp(-0.5 * z * z) / x;
    }
  }
}

export function percentile95(s: ServiceDistribution): number {
  switch (s.type) {
    case 'fixed':
      return s.ms;
    case 'exponential':
      return -s.meanMs * Math.log(0.05);
    case 'uniform':
      return s.minMs + 0.95 * (s.maxMs - s.minMs);
    case 'normal':
      return Math.max(0, s.meanMs + Z95 * s.stdDevMs);
    case 'lognormal': {
      if (s.stdDevMs === 0) return s.meanMs;
      const { mu, sigma } = lognormalParams(s.meanMs, s.stdDevMs);
      return Math.exp(mu + Z95 * sigma);
    }
  }
}

/** The shape of a service-time distribution, sampled for a small preview chart. */
export function distributionCurve(s: ServiceDistribution, samples = 64): Curve {
  const mean = meanServiceMs(s);
  const p95 = percentile95(s);
  const spike =
    s.type === 'fixed' ||
    ((s.type === 'normal' || s.type === 'lognormal') && s.stdDevMs === 0) ||
    (s.type === 'uniform' && s.maxMs === s.minMs);
  const reach = s.type === 'uniform' ? s.maxMs * 1.15 : Math.max(p95 * 1.35, mean * 2);
  const maxX = reach > 0 ? reach : 1;
  if (spike) return { points: [], maxX, mean, p95, spike };
  const points = Array.from({ length: samples + 1 }, (_, i) => {
    const x = (i / samples) * maxX;
    return { x, y: density(s, x) };
  });
  const peak = Math.max(...points.map((p) => p.y));
  for (const p of points) p.y = peak > 0 ? p.y / peak : 0;
  return { points, maxX, mean, p95, spike };
}
