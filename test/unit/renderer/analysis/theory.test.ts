import { describe, expect, it } from 'vitest';
import {
  formatCompactCount,
  formatClock,
  formatMs,
  formatPercent,
  formatRho,
} from '../../../../shared/metrics/format';
import { queueingFor, sameModel, slotsNeeded } from '../../../../renderer/analysis/theory';
import {
  edgeWidth,
  maxEdgeRate,
  MAX_EDGE_WIDTH,
  MIN_EDGE_WIDTH,
} from '../../../../renderer/analysis/useEdgeWidth';
import { growingQueues } from '../../../../renderer/analysis/verdicts';
import { simulate } from '../../../../shared/simulation';
import { welcomeDoc } from '../actions/fixtures';

describe('queueing theory while drawing', () => {
  it('treats moves and renames as the same model, and a setting or an edge as another', () => {
    const doc = welcomeDoc();
    const moved = { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: { x: 9, y: 9 } })) };
    const renamed = {
      ...doc,
      name: 'x',
      nodes: doc.nodes.map((n) => ({ ...n, name: `${n.name}!` })),
    };
    expect(sameModel(doc, moved)).toBe(true);
    expect(sameModel(doc, renamed)).toBe(true);
    const faster = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.kind === 'worker' ? { ...n, config: { ...n.config, concurrency: 11 } } : n,
      ),
    };
    expect(sameModel(doc, faster)).toBe(false);
    expect(sameModel(doc, { ...doc, edges: doc.edges.slice(1) })).toBe(false);
    expect(
      sameModel(doc, { ...doc, edges: doc.edges.map((e) => ({ ...e, probability: 0.5 })) }),
    ).toBe(false);
  });

  it('analyses once per model and hands back the same analysis after a move', () => {
    const doc = welcomeDoc();
    const first = queueingFor(doc);
    const moved = { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: { x: 1, y: 2 } })) };
    expect(queueingFor(moved)).toBe(first);
    const sender = first?.workers.get('sender');
    // 20 jobs/s × (1 + retries) × 120 ms over 10 slots.
    expect(sender?.utilisation).toBeCloseTo(0.24, 1);
    // Erlang C for 10 slots at 2.4 busy: 0.0002085… wait at all, so the p95 wait is 0.
    const erlangTop = (2.4 ** 10 / 3_628_800) * (10 / 7.6);
    let below = 0;
    for (let k = 0, term = 1; k < 10; k++, term *= 2.4 / k) below += term;
    expect(first?.queues.get('emails')?.wait).toMatchObject({
      probabilityOfWaiting: expect.closeTo(erlangTop / (below + erlangTop), 12),
      p95WaitMs: 0,
    });
    const overloaded = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.kind === 'worker' ? { ...n, config: { ...n.config, concurrency: 2 } } : n,
      ),
    };
    const after = queueingFor(overloaded);
    expect(after).not.toBe(first);
    expect(after?.workers.get('sender')?.unstable).toBe(true);
    expect(after?.queues.get('emails')?.wait).toBeUndefined();
    expect(slotsNeeded(after!.queues.get('emails')!.offeredLoad)).toBe(3);
  });

  it('analyses a document with an edge from a missing node, leaving that edge out', () => {
    const doc = welcomeDoc();
    const dangling = { ...doc, edges: [...doc.edges, { id: 'x', from: 'ghost', to: 'emails' }] };
    const analysis = queueingFor(dangling);
    expect(analysis?.queues.get('emails')).toMatchObject({
      arrivalRatePerSec: 20,
      servers: 10,
      utilisation: expect.closeTo(0.24, 9),
    });
  });
});

describe('figures as text', () => {
  it('formats counts, percentages, latencies, clock times and ρ', () => {
    expect(formatCompactCount(1234)).toBe('1,234');
    expect(formatCompactCount(12_345)).toBe('12.3k');
    expect(formatCompactCount(4_560_000)).toBe('4.56M');
    expect(formatPercent(0.823)).toBe('82%');
    expect(formatPercent(0.0123)).toBe('1.23%');
    expect(formatMs(0.25)).toBe('0.25 ms');
    expect(formatMs(1500)).toBe('1.5 s');
    expect(formatMs(0)).toBe('0 ms');
    expect(formatClock(42_000)).toBe('0:42');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(formatRho(0.4812)).toBe('0.48');
    expect(formatRho(1.234)).toBe('1.2');
    expect(formatRho(0.000008)).toBe('<0.01');
    expect(formatRho(Infinity)).toBe('∞');
  });

  it('draws edges as wide as their share of the busiest flow', () => {
    expect(edgeWidth(0, 10)).toBe(MIN_EDGE_WIDTH);
    expect(edgeWidth(10, 10)).toBe(MAX_EDGE_WIDTH);
    expect(edgeWidth(5, 0)).toBe(MIN_EDGE_WIDTH);
    expect(edgeWidth(2.5, 10)).toBeCloseTo((MIN_EDGE_WIDTH + MAX_EDGE_WIDTH) / 2, 5);
    const edges = { a: 3, b: 12, c: 0 };
    expect(maxEdgeRate(edges)).toBe(12);
    expect(maxEdgeRate({})).toBe(0);
  });

  it('lists growing queues with the time their backlog crossed the threshold', () => {
    const doc = welcomeDoc();
    const overloaded = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.kind === 'worker' ? { ...n, config: { ...n.config, concurrency: 2 } } : n,
      ),
    };
    const summary = simulate(overloaded, { durationMs: 300_000 });
    const growing = growingQueues(
      summary,
      doc.nodes.map((n) => n.id),
    );
    expect(growing.map((q) => q.name)).toEqual(['emails']);
    expect(growing[0]!.sinceMs).toBeGreaterThan(0);
    expect(growing[0]!.sinceMs).toBeLessThan(300_000);
    expect(growingQueues(simulate(doc, { durationMs: 60_000 }))).toEqual([]);
    expect(growingQueues(null)).toEqual([]);
  });
});
