import { describe, expect, it } from 'vitest';
import { calibrate } from '../../../../shared/calibration';
import {
  formatEstimate,
  formatFitted,
  groupByNode,
  histogramSeries,
  measuredFields,
  measuredTitle,
} from '../../../../renderer/calibration/report-view';
import { chainDocument, observe } from '../../shared/calibration/synthetic';

const doc = chainDocument('orders', { type: 'poisson', ratePerSec: 5 }, [
  {
    queue: 'orders',
    config: { attempts: 2 },
    worker: {
      concurrency: 2,
      replicas: 1,
      service: { type: 'exponential', meanMs: 100 },
      failureRate: 0.05,
    },
  },
]);

describe('report view', () => {
  it('words fitted values and their intervals', () => {
    expect(formatFitted('service', { type: 'exponential', meanMs: 80 })).toBe(
      'exponential mean 80 ms',
    );
    expect(formatFitted('service', { type: 'lognormal', meanMs: 80, stdDevMs: 30 })).toBe(
      'lognormal mean 80 ms, sd 30 ms',
    );
    expect(formatFitted('service', { type: 'uniform', minMs: 10, maxMs: 30 })).toBe(
      'uniform 10 ms–30 ms',
    );
    expect(formatFitted('failureRate', 0.125)).toBe('12.5%');
    expect(formatFitted('backoff', { type: 'fixed', delayMs: 1500 })).toBe('fixed 1.5 s');
    expect(formatFitted('rateLimit', { max: 10, durationMs: 1000 })).toBe('10 per 1 s');
    expect(formatFitted('attempts', null)).toBe('not set');
    expect(formatEstimate('service', 80.123, [78.2, 82.04])).toBe(
      '80.1 ms (95 %: 78.2 ms – 82 ms)',
    );
    expect(formatEstimate('arrival', 4.9876)).toBe('4.99/s');
  });

  it('groups a report by node in document order and marks measured fields', async () => {
    const { document, report } = await calibrate(observe(doc, { durationMs: 120_000 }));
    const groups = groupByNode(report, document);
    expect(groups.map((g) => `${g.kind}:${g.name}`)).toEqual([
      'queue:orders',
      'worker:orders worker',
      'producer:orders-2',
    ]);
    expect(groups[1]!.values.map((v) => v.field)).toEqual([
      'replicas',
      'concurrency',
      'service',
      'failureRate',
    ]);
    const worker = document.nodes.find((n) => n.kind === 'worker')!;
    const service = measuredFields(document, worker.id).get('service')!;
    expect(measuredTitle(document, service)).toMatch(
      /^Measured from \d+ observations in redis:\/\/127\.0\.0\.1:6379 \(prefix bull\) · \d+(\.\d+)? ms \(95 %: \d+(\.\d+)? ms – \d+(\.\d+)? ms\) · KS distance 0\.0\d\d$/,
    );
    const h = histogramSeries(report.values.find((v) => v.field === 'service')!.histogram!);
    expect(h.xs).toHaveLength(20);
    expect(h.xs[0]).toBeLessThan(h.xs[1]!);
  });
});
