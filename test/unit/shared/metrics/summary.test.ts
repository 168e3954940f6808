import { describe, expect, it } from 'vitest';
import { LogHistogram } from '../../../../shared/metrics/histogram';
import { meanCi95, studentT975 } from '../../../../shared/metrics/stats';
import {
  buildSummary,
  combineReplications,
  levelStat,
  type SummaryInput,
} from '../../../../shared/metrics/summary';
import { TimeWeightedAverage } from '../../../../shared/metrics/time-weighted';

const histogramOf = (...values: number[]) => {
  const h = new LogHistogram();
  for (const v of values) h.record(v);
  return h;
};

function input(scale: number, growing: boolean): SummaryInput {
  const waiting = new TimeWeightedAverage(0, 0);
  waiting.set(500, 4 * scale);
  return {
    mode: 'simulate',
    document: 'Doc',
    durationMs: 1000,
    seed: scale,
    nodes: {
      p: { kind: 'producer', name: 'src', created: 100 * scale },
      q: {
        kind: 'queue',
        name: 'jobs',
        wait: histogramOf(10 * scale, 20 * scale),
        waiting: levelStat(waiting, 1000),
        delayed: { mean: 0, max: 0 },
        enqueued: 100 * scale,
        backlog: growing
          ? { verdict: 'growing', growingSinceMs: 200 * scale }
          : { verdict: 'stable' },
      },
      w: {
        kind: 'worker',
        name: 'work',
        completed: 90 * scale,
        failed: scale,
        retried: 0,
        utilisation: 0.5,
        service: histogramOf(5),
      },
    },
    endToEnd: histogramOf(30 * scale),
  };
}

describe('summary', () => {
  it('builds a pipewright-summary/v1 object with rates per second', () => {
    const s = buildSummary(input(1, true));
    expect(Object.keys(s)).toEqual([
      'format',
      'mode',
      'document',
      'durationMs',
      'seed',
      'nodes',
      'endToEndMs',
    ]);
    expect(s.nodes.p).toEqual({ kind: 'producer', name: 'src', created: 100, ratePerSec: 100 });
    expect(s.nodes.q).toMatchObject({
      kind: 'queue',
      waiting: { mean: 2, max: 4 },
      enqueued: 100,
      verdict: 'growing',
      growingSinceMs: 200,
    });
    expect(s.nodes.w).toMatchObject({ completed: 90, throughputPerSec: 90, utilisation: 0.5 });
    expect(s.endToEndMs.max).toBe(30);
  });

  it('combines replications into means and Student-t half-widths', () => {
    const runs = [1, 2, 3].map((k) => buildSummary(input(k, k >= 2)));
    const s = combineReplications(runs);
    expect(s.replications).toBe(3);
    expect(s.seed).toBe(1);
    const q = s.nodes.q!;
    expect(q).toMatchObject({ kind: 'queue', name: 'jobs', enqueued: 200, verdict: 'growing' });
    expect(q.kind === 'queue' && q.growingSinceMs).toBe(500);
    // Values 100, 200, 300: sd 100, t(2) = 4.303 → 4.303 · 100 / √3.
    if (q.kind !== 'queue' || q.ci95 === undefined) throw new Error('expected a queue with ci95');
    // The half-widths have the numbers' keys and nesting (Ci95Of<QueueSummary>), no text.
    expect(Object.keys(q.ci95).sort()).toEqual(['delayed', 'enqueued', 'waitMs', 'waiting']);
    expect(Object.keys(q.ci95.waitMs).sort()).toEqual(['max', 'mean', 'p50', 'p95', 'p99']);
    expect(q.ci95.enqueued).toBeCloseTo((4.303 * 100) / Math.sqrt(3), 9);
    expect(q.ci95.waiting.mean).toBeCloseTo((4.303 * 2) / Math.sqrt(3), 9);
    expect(s.endToEndMs.max).toBeCloseTo(60, 9);
    expect(s.endToEndCi95!.max).toBeGreaterThan(0);
    expect(combineReplications([runs[0]!])).toBe(runs[0]);
    expect(() => combineReplications([])).toThrow(/at least one/);
  });

  it('gives the textbook t quantiles', () => {
    expect(studentT975(1)).toBe(12.706);
    expect(studentT975(30)).toBe(2.042);
    expect(studentT975(60)).toBeCloseTo(2.0003, 3);
    expect(studentT975(1000)).toBeCloseTo(1.9623, 3);
    expect(meanCi95([5])).toEqual({ mean: 5, halfWidth: 0 });
    expect(meanCi95([])).toEqual({ mean: 0, halfWidth: 0 });
  });
});
