import { describe, expect, it } from 'vitest';
import type { ServiceDistribution } from '../../../../shared/document';
import { distributionCurve, percentile95 } from '../../../../renderer/inspector/distribution-shape';
import { arrivalOfType, serviceOfType } from '../../../../renderer/inspector/arrival-defaults';
import { serviceSchema, arrivalSchema } from '../../../../shared/document';

const peakAt = (s: ServiceDistribution) => {
  const { points } = distributionCurve(s);
  return points.reduce((best, p) => (p.y > best.y ? p : best)).x;
};

describe('service-time preview', () => {
  it('draws a peak-normalised curve whose shape follows the distribution', () => {
    const exp = distributionCurve({ type: 'exponential', meanMs: 100 });
    expect(exp.points[0]!.y).toBe(1); // highest at zero
    expect(exp.points.at(-1)!.y).toBeLessThan(0.05);
    expect(peakAt({ type: 'normal', meanMs: 200, stdDevMs: 20 })).toBeCloseTo(200, -1);
    const logn = peakAt({ type: 'lognormal', meanMs: 120, stdDevMs: 60 });
    expect(logn).toBeGreaterThan(50);
    expect(logn).toBeLessThan(120); // the mode sits left of the mean
    const uniform = distributionCurve({ type: 'uniform', minMs: 100, maxMs: 200 });
    expect(uniform.points.filter((p) => p.y === 1).every((p) => p.x >= 100 && p.x <= 200)).toBe(
      true,
    );
  });

  it('shows fixed and zero-spread times as a spike at the value', () => {
    expect(distributionCurve({ type: 'fixed', ms: 50 })).toMatchObject({
      spike: true,
      mean: 50,
      p95: 50,
    });
    expect(distributionCurve({ type: 'normal', meanMs: 80, stdDevMs: 0 }).spike).toBe(true);
  });

  it('knows the 95th percentile', () => {
    expect(percentile95({ type: 'exponential', meanMs: 100 })).toBeCloseTo(299.57, 1);
    expect(percentile95({ type: 'normal', meanMs: 100, stdDevMs: 10 })).toBeCloseTo(116.45, 1);
    expect(percentile95({ type: 'uniform', minMs: 0, maxMs: 100 })).toBe(95);
  });

  it('keeps mean and spread, and valid settings, when the distribution or arrival type changes', () => {
    const from: ServiceDistribution = { type: 'lognormal', meanMs: 120, stdDevMs: 60 };
    for (const type of ['fixed', 'exponential', 'uniform', 'normal', 'lognormal'] as const) {
      const next = serviceOfType(type, from);
      expect(serviceSchema.safeParse(next).success, type).toBe(true);
    }
    expect(serviceOfType('uniform', from)).toEqual({ type: 'uniform', minMs: 60, maxMs: 180 });
    for (const type of ['constant', 'poisson', 'burst', 'ramp', 'schedule'] as const) {
      expect(
        arrivalSchema.safeParse(arrivalOfType(type, { type: 'poisson', ratePerSec: 20 })).success,
        type,
      ).toBe(true);
    }
    expect(arrivalOfType('schedule', { type: 'poisson', ratePerSec: 20 })).toEqual({
      type: 'schedule',
      everyMs: 50,
    });
  });
});
