import { describe, expect, it } from 'vitest';
import { formatMs, formatRate } from '../../../../shared/metrics/format';
import {
  arrivalSummary,
  producerSummary,
  queueSummary,
  workerSummary,
} from '../../../../renderer/canvas/format';

describe('key settings at a glance', () => {
  it('writes durations and rates at a human scale', () => {
    expect([formatMs(850), formatMs(1500), formatMs(120_000), formatMs(7_200_000)]).toEqual([
      '850 ms',
      '1.5 s',
      '2 min',
      '2 h',
    ]);
    expect([formatRate(20), formatRate(0.1), formatRate(0.001), formatRate(0)]).toEqual([
      '20/s',
      '6/min',
      '3.6/h',
      '0/s',
    ]);
  });

  it('summarises every arrival type', () => {
    expect(arrivalSummary({ type: 'poisson', ratePerSec: 20 })).toBe('poisson 20/s');
    expect(arrivalSummary({ type: 'constant', ratePerSec: 2.5 })).toBe('constant 2.5/s');
    expect(arrivalSummary({ type: 'burst', size: 100, everyMs: 60_000 })).toBe('100 every 1 min');
    expect(arrivalSummary({ type: 'ramp', fromPerSec: 2, toPerSec: 8, overMs: 600_000 })).toBe(
      'ramp 2→8/s in 10 min',
    );
    expect(arrivalSummary({ type: 'schedule', cron: '0 3 * * *' })).toBe('cron 0 3 * * *');
    expect(arrivalSummary({ type: 'schedule', everyMs: 5000 })).toBe('every 5 s');
    expect(
      producerSummary({ jobName: 'x', arrival: { type: 'poisson', ratePerSec: 1 }, limit: 50 }),
    ).toEqual(['poisson 1/s', 'job “x” · max 50']);
  });

  it('shows a queue’s retries and rate limit', () => {
    expect(queueSummary({ attempts: 3, backoff: { type: 'exponential', delayMs: 1000 } })).toEqual([
      '3 attempts · exp 1 s',
      'no rate limit',
    ]);
    expect(queueSummary({ rateLimit: { max: 10, durationMs: 1000 } })).toEqual([
      'no retries',
      '≤ 10 jobs / 1 s',
    ]);
  });

  it('shows a worker’s concurrency × replicas, mean service time and failure rate', () => {
    const service = { type: 'lognormal' as const, meanMs: 120, stdDevMs: 60 };
    expect(workerSummary({ concurrency: 8, replicas: 1, service })).toEqual([
      '8 × 1 replica',
      '~120 ms/job',
    ]);
    expect(
      workerSummary({
        concurrency: 10,
        replicas: 3,
        service: { type: 'fixed', ms: 50 },
        failureRate: 0.02,
      }),
    ).toEqual(['10 × 3 replicas', '50 ms/job · 2% fail']);
  });
});
