import { describe, expect, it } from 'vitest';
import { analyseQueueing } from '../../../../shared/queueing';
import { simulate } from '../../../../shared/simulation';
import type { WorkerSummary } from '../../../../shared/metrics/types';
import { reportFlow } from '../validation/flow-fixtures';

/** Queueing theory beside a flow: the load holds, the fork-join wait is not modelled (and says so). */
describe('queueing theory with flows', () => {
  const doc = () => {
    const d = reportFlow({ children: { type: 'uniform', min: 2, max: 6 } });
    d.nodes = d.nodes.map((n) => {
      if (n.kind === 'producer')
        return { ...n, config: { ...n.config, arrival: { type: 'poisson', ratePerSec: 5 } } };
      if (n.id === 'render' && n.kind === 'worker')
        return {
          ...n,
          config: { ...n.config, concurrency: 4, service: { type: 'exponential', meanMs: 100 } },
        };
      return n;
    }) as typeof d.nodes;
    return d;
  };

  it('counts E[N] children and one parent per fan-out in the load', () => {
    const analysis = analyseQueueing(doc());
    const parts = analysis.queues.get('parts')!;
    expect(parts.arrivalRatePerSec).toBeCloseTo(5 * 4, 9);
    expect(parts.utilisation).toBeCloseTo((20 * 0.1) / 4, 9);
    expect(analysis.queues.get('assemble')!.arrivalRatePerSec).toBeCloseTo(5, 9);
    expect(analysis.workers.get('render')!.arrivalRatePerSec).toBeCloseTo(20, 9);
    // The simulator agrees on the load.
    const summary = simulate(doc(), { durationMs: 600_000, seed: 2 });
    const render = summary.nodes['render'] as WorkerSummary;
    expect(Math.abs(render.utilisation - parts.utilisation) / parts.utilisation).toBeLessThan(0.03);
  });

  it('gives no wait for the queues a flow feeds, saying why, instead of a wrong number', () => {
    const analysis = analyseQueueing(doc());
    const parts = analysis.queues.get('parts')!;
    const join = analysis.queues.get('assemble')!;
    expect(parts.wait).toBeUndefined();
    expect(parts.notModelled).toContain('children of a flow arrive in batches');
    expect(join.wait).toBeUndefined();
    expect(join.notModelled).toContain('fork-join');
    expect(join.approximate).toBe(true);
    // The queue before the fan-out is an ordinary M/D/c station.
    const reports = analysis.queues.get('reports')!;
    expect(reports.notModelled).toBeUndefined();
    expect(reports.wait).toBeDefined();
  });
});
