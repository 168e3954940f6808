import { describe, expect, it } from 'vitest';
import type { PipelineEdge, PipelineNode } from '../../../../shared/document/schema';
import { compileModel, simulate, Simulation } from '../../../../shared/simulation';
import type { QueueFigures, QueueSummary, WorkerSummary } from '../../../../shared/metrics/types';
import { edge, pipeline, producer, queue, worker } from './documents';

/**
 * BullMQ flows in the simulator (docs/architecture.md "Flows"): fan-out, waiting-children, the
 * failure policies and nesting.
 */

const harmonic = (n: number) => {
  let h = 0;
  for (let k = 1; k <= n; k++) h += 1 / k;
  return h;
};

/**
 * producer → in → split (instant) ⇒ N children on `parts` (exponential, enough slots never to
 * queue) and a parent on `join`, run by `assemble` (fixed service, enough slots).
 */
function forkJoin(
  n: number,
  childMeanMs: number,
  parentMs: number,
  ratePerSec: number,
  extra: { nodes?: PipelineNode[]; edges?: PipelineEdge[]; children?: Partial<PipelineEdge> } = {},
) {
  return pipeline(
    'fork-join',
    [
      producer('p', { type: 'poisson', ratePerSec }),
      queue('in'),
      worker('split', { type: 'fixed', ms: 0 }, 1000),
      queue('parts'),
      worker('part', { type: 'exponential', meanMs: childMeanMs }, 5000),
      queue('join'),
      worker('assemble', { type: 'fixed', ms: parentMs }, 1000),
      ...(extra.nodes ?? []),
    ],
    [
      edge('p', 'in'),
      edge('in', 'split'),
      edge('split', 'parts', { on: 'children', children: n, ...extra.children }),
      edge('split', 'join', { on: 'parent' }),
      edge('parts', 'part'),
      edge('join', 'assemble'),
      ...(extra.edges ?? []),
    ],
  );
}

const queueOf = (s: ReturnType<typeof simulate>, id: string) => s.nodes[id] as QueueSummary;
const workerOf = (s: ReturnType<typeof simulate>, id: string) => s.nodes[id] as WorkerSummary;

describe('flows in the simulator', () => {
  it.each([1, 4, 10])(
    'a fan-out of %i exponential children then a parent: mean sojourn H_N × mean + parent service, within 2 per cent',
    (n) => {
      const mean = 100;
      const parentMs = 50;
      const summary = simulate(forkJoin(n, mean, parentMs, 50), { durationMs: 2_000_000, seed: 7 });
      const expected = harmonic(n) * mean + parentMs;
      const measured = summary.endToEndMs.mean;
      if (process.env['FLOWS_FIGURES']) console.log({ n, expected, measured });
      expect(Math.abs(measured - expected) / expected).toBeLessThan(0.02);
      // Every arrival made one parent and N children, all done.
      const jobs = workerOf(summary, 'split').completed;
      expect(workerOf(summary, 'part').completed / jobs).toBeCloseTo(n, 1);
      expect(workerOf(summary, 'assemble').completed / jobs).toBeCloseTo(1, 2);
      // Nobody queued: the children had slots enough.
      expect(queueOf(summary, 'parts').waitMs.mean).toBe(0);
      // Little's law on waiting-children: λ × E[max of N] parents wait at once on average.
      const waitingChildren = queueOf(summary, 'join').waitingChildren!;
      expect(waitingChildren.mean).toBeCloseTo(0.05 * harmonic(n) * mean, 0);
      expect(queueOf(summary, 'parts').waitingChildren).toBeUndefined();
    },
  );

  it('draws N uniformly from min..max: E[N] children per parent', () => {
    const summary = simulate(
      forkJoin(0, 10, 1, 50, { children: { children: { type: 'uniform', min: 2, max: 6 } } }),
      { durationMs: 400_000, seed: 3 },
    );
    const ratio = workerOf(summary, 'part').completed / workerOf(summary, 'split').completed;
    expect(ratio).toBeGreaterThan(3.95);
    expect(ratio).toBeLessThan(4.05);
  });

  it('parents wait in waiting-children, counted in snapshots, and run after the last child', () => {
    const doc = forkJoin(3, 1000, 10, 1);
    const seen: QueueFigures[] = [];
    const sim = new Simulation(
      {
        ...doc,
        nodes: doc.nodes.map((n) =>
          n.id === 'p' ? { ...n, config: { ...n.config, limit: 1 } } : n,
        ) as PipelineNode[],
      },
      {
        durationMs: 60_000,
        snapshotIntervalMs: 100,
        onSnapshot: (s) => seen.push(s.nodes['join'] as QueueFigures),
        trace: (e) => events.push(e),
      },
    );
    const events: Array<{ type: string; t: number; queueId: string }> = [];
    sim.run();
    expect(Math.max(...seen.map((s) => s.waitingChildren!))).toBe(1);
    expect(seen.at(-1)!.waitingChildren).toBe(0);
    const lastChild = Math.max(
      ...events.filter((e) => e.queueId === 'parts' && e.type === 'completed').map((e) => e.t),
    );
    const parentStart = events.find((e) => e.queueId === 'join' && e.type === 'started')!;
    expect(parentStart.t).toBe(lastChild);
  });

  describe('a child that fails for good', () => {
    // Every child fails: the policy alone decides what the parent does.
    const failing = (childFailure?: PipelineEdge['childFailure']) => {
      const doc = forkJoin(3, 10, 5, 10, { children: childFailure ? { childFailure } : {} });
      return {
        ...doc,
        nodes: doc.nodes.map((n) =>
          n.id === 'part' && n.kind === 'worker'
            ? { ...n, config: { ...n.config, failureRate: 1 } }
            : n,
        ),
      };
    };
    const run = (childFailure?: PipelineEdge['childFailure']) =>
      simulate(failing(childFailure), { durationMs: 100_000, seed: 1 });

    it('leaves its parent waiting-children by default (BullMQ keeps it there)', () => {
      const summary = run();
      expect(workerOf(summary, 'part').failed).toBeGreaterThan(2000);
      expect(workerOf(summary, 'assemble').completed).toBe(0);
      const join = queueOf(summary, 'join');
      expect(join.waitingChildren!.max).toBe(workerOf(summary, 'split').completed);
      expect(summary.endToEndMs.mean).toBe(0); // no chain ever ended
    });

    it('fails the parent with failParentOnFailure, once, without running it', () => {
      const sim = new Simulation(failing('failParentOnFailure'), { durationMs: 100_000 });
      const summary = sim.run();
      expect(workerOf(summary, 'assemble').completed).toBe(0);
      const join = sim.queues[compileModel(failing()).order.find((o) => o.id === 'join')!.index]!;
      // One failed parent per fan-out, not one per failed child.
      expect(join.failed).toBe(workerOf(summary, 'split').completed);
      expect(join.waitingChildren).toBeLessThanOrEqual(1); // one may be in flight at the end
    });

    it.each(['ignoreDependencyOnFailure', 'removeDependencyOnFailure'] as const)(
      'lets the parent go on without it with %s',
      (policy) => {
        const sim = new Simulation(failing(policy), { durationMs: 100_000 });
        const summary = sim.run();
        const made = workerOf(summary, 'split').completed;
        expect(Math.abs(workerOf(summary, 'assemble').completed - made)).toBeLessThanOrEqual(2);
        const counted =
          policy === 'ignoreDependencyOnFailure' ? sim.ignoredChildren : sim.removedChildren;
        expect(counted).toBe(workerOf(summary, 'part').failed);
      },
    );

    it('sends a failed parent up a nested flow: failParentOnFailure on both levels', () => {
      const doc = nested({ inner: 'failParentOnFailure', outer: 'failParentOnFailure' }, 1);
      const sim = new Simulation(doc, { durationMs: 50_000 });
      const summary = sim.run();
      expect(workerOf(summary, 'assemble').completed).toBe(0);
      expect(workerOf(summary, 'subAssemble').completed).toBe(0);
      const outerJoin = sim.queues.find((q) => q.model.node.id === 'join')!;
      expect(outerJoin.failed).toBe(workerOf(summary, 'split').completed);
    });
  });

  /**
   * Nesting: each outer child (on `parts`, instant) fans out M grandchildren on `leaves` and a
   * sub-parent on `subJoin`; the outer parent waits for every sub-parent.
   */
  function nested(
    policies: { inner?: PipelineEdge['childFailure']; outer?: PipelineEdge['childFailure'] } = {},
    leafFailureRate = 0,
  ) {
    return forkJoin(2, 1, 20, 20, {
      children: policies.outer ? { childFailure: policies.outer } : {},
      nodes: [
        queue('leaves'),
        worker('leaf', { type: 'exponential', meanMs: 100 }, 5000, {
          failureRate: leafFailureRate,
        }),
        queue('subJoin'),
        worker('subAssemble', { type: 'fixed', ms: 30 }, 1000),
      ],
      edges: [
        edge('part', 'leaves', {
          on: 'children',
          children: 3,
          ...(policies.inner ? { childFailure: policies.inner } : {}),
        }),
        edge('part', 'subJoin', { on: 'parent' }),
        edge('leaves', 'leaf'),
        edge('subJoin', 'subAssemble'),
      ],
    });
  }

  it('nests: a child that fans out keeps its parent waiting for its own flow', () => {
    const doc = nested();
    doc.nodes = doc.nodes.map((n) =>
      n.id === 'part' && n.kind === 'worker'
        ? { ...n, config: { ...n.config, service: { type: 'fixed', ms: 0 } } }
        : n,
    );
    const summary = simulate(doc, { durationMs: 1_000_000, seed: 5 });
    const jobs = workerOf(summary, 'split').completed;
    expect(workerOf(summary, 'leaf').completed / jobs).toBeCloseTo(6, 1);
    expect(workerOf(summary, 'subAssemble').completed / jobs).toBeCloseTo(2, 1);
    expect(workerOf(summary, 'assemble').completed / jobs).toBeCloseTo(1, 2);
    // The outer parent waits for the later of two sub-parents, each the max of 3 Exp(100) + 30 ms,
    // then runs 20 ms: the max of 6 exponentials (H_6 × 100) + 30 + 20.
    const expected = harmonic(6) * 100 + 30 + 20;
    if (process.env['FLOWS_FIGURES'])
      console.log({ nested: true, expected, measured: summary.endToEndMs.mean });
    expect(Math.abs(summary.endToEndMs.mean - expected) / expected).toBeLessThan(0.02);
  });
});
