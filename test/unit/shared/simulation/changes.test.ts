import { describe, expect, it } from 'vitest';
import type { NodeSummary, RunSnapshot } from '../../../../shared/metrics/types';
import { simulate, type TimedChange } from '../../../../shared/simulation';
import { edge, pipeline, producer, queue, worker } from './documents';

/**
 * Live changes replayed by the simulator. Arrivals are `constant` and service `fixed`, so every
 * figure below can be worked out by hand; the working is in each test.
 */

/** p → q → w: one job every 100 ms, each taking `serviceMs` on one slot. */
const steady = (serviceMs: number, concurrency = 1) =>
  pipeline(
    'steady',
    [
      producer('p', { type: 'constant', ratePerSec: 10 }),
      queue('q'),
      worker('w', { type: 'fixed', ms: serviceMs }, concurrency),
    ],
    [edge('p', 'q'), edge('q', 'w')],
  );

const node = <K extends NodeSummary['kind']>(
  nodes: Record<string, NodeSummary>,
  id: string,
  kind: K,
) => {
  const n = nodes[id]!;
  if (n.kind !== kind) throw new Error(`${id} is a ${n.kind}`);
  return n as Extract<NodeSummary, { kind: K }>;
};

describe('timed changes', () => {
  it('follows a rate change mid-run: 10/s for 30 s, then 20/s for 30 s', () => {
    const changes: TimedChange[] = [
      { atMs: 30_000, nodeId: 'p', change: { type: 'rate', ratePerSec: 20 } },
    ];
    const summary = simulate(steady(10), { durationMs: 60_000, changes });
    // 0 … 29 900 ms: 300 jobs; from 30 000 every 50 ms up to 59 950: 600 jobs.
    const p = node(summary.nodes, 'p', 'producer');
    expect(p.created).toBe(900);
    expect(p.ratePerSec).toBeCloseTo(15, 10);
    // Each finishes 10 ms after it arrives (no job waits), the last at 59 960 ms.
    const w = node(summary.nodes, 'w', 'worker');
    expect(w.completed).toBe(900);
    expect(w.throughputPerSec).toBeCloseTo(15, 10);
    // 900 × 10 ms busy over 60 000 slot-ms.
    expect(w.utilisation).toBeCloseTo(0.15, 10);
    // Without the change the design's 10/s holds.
    const design = simulate(steady(10), { durationMs: 60_000 });
    expect(node(design.nodes, 'p', 'producer').created).toBe(600);
  });

  it('stops a producer at rate 0 and starts it again', () => {
    const summary = simulate(steady(10), {
      durationMs: 60_000,
      changes: [
        { atMs: 20_050, nodeId: 'p', change: { type: 'rate', ratePerSec: 0 } },
        { atMs: 40_000, nodeId: 'p', change: { type: 'rate', ratePerSec: 5 } },
      ],
    });
    // 0 … 20 000: 201 jobs; none until 40 000; then every 200 ms up to 59 800: 100 jobs.
    expect(node(summary.nodes, 'p', 'producer').created).toBe(301);
  });

  it('holds jobs while a queue is paused and serves the backlog on resume', () => {
    const summary = simulate(steady(1), {
      durationMs: 60_000,
      changes: [
        { atMs: 10_050, nodeId: 'q', change: { type: 'pause' } },
        { atMs: 25_050, nodeId: 'q', change: { type: 'resume' } },
      ],
    });
    // Jobs k = 0 … 149 arrive at 10 100 + 100k, all during the pause; on resume they start one
    // after another at 25 050 + k (1 ms each): waits 14 950 − 99k, summing to 1 136 175 ms. The
    // job of 25 100 waits behind them until 25 200 (100 ms), the job of 25 200 until 25 201
    // (1 ms); every other of the 600 jobs starts on arrival.
    const q = node(summary.nodes, 'q', 'queue');
    expect(q.waitMs.max).toBe(14_950);
    expect(q.waitMs.mean).toBeCloseTo((1_136_175 + 100 + 1) / 600, 6);
    expect(node(summary.nodes, 'w', 'worker').completed).toBe(600);
  });

  it('takes a worker down (0 replicas) and brings it back, utilisation over the slots it had', () => {
    const snapshots: RunSnapshot[] = [];
    const summary = simulate(steady(10), {
      durationMs: 60_000,
      snapshotIntervalMs: 5_000,
      onSnapshot: (s) => snapshots.push(s),
      changes: [
        { atMs: 20_050, nodeId: 'w', change: { type: 'replicas', replicas: 0 } },
        { atMs: 30_050, nodeId: 'w', change: { type: 'replicas', replicas: 1 } },
      ],
    });
    const w = node(summary.nodes, 'w', 'worker');
    // The 100 jobs of 20 100 … 30 000 wait for the replica and run at 30 050 + 10k (all done by
    // 31 050, before the backlog could meet new arrivals' starts); all 600 complete.
    expect(w.completed).toBe(600);
    // 6 000 busy ms over 50 000 slot-ms (no slot for 10 s).
    expect(w.utilisation).toBeCloseTo(0.12, 10);
    // The interval 25 000 … 30 000 lies wholly in the down time.
    const down = snapshots.find((s) => s.t === 30_000)!.nodes.w!;
    expect(down).toMatchObject({ kind: 'worker', capacity: 0, active: 0, throughputPerSec: 0 });
    expect(node(summary.nodes, 'q', 'queue').waitMs.max).toBe(30_050 - 20_100);
  });

  it('lets busy jobs finish when concurrency drops, then keeps to the lower capacity', () => {
    // 10 jobs/s of 350 ms on 4 slots: at most 4 busy. From 10 020 on, 1 slot (2.86 jobs/s).
    const summary = simulate(steady(350, 4), {
      durationMs: 20_000,
      changes: [{ atMs: 10_020, nodeId: 'w', change: { type: 'concurrency', concurrency: 1 } }],
    });
    const w = node(summary.nodes, 'w', 'worker');
    // Until then jobs start on arrival: the 97 of 0 … 9 600 are done by 9 950; at 10 020 the jobs
    // of 9 700, 9 800, 9 900 and 10 000 are busy and all finish (10 050 … 10 350), but only the
    // last one's slot stays: the jobs of 10 100, 10 200, … then start one at a time at
    // 10 350 + 350k and finish by 20 000 for k ≤ 26: 27 more.
    expect(w.completed).toBe(97 + 4 + 27);
    // Busy: 101 whole jobs of 350 ms, then the one slot from 10 350 to 20 000; slot time:
    // 4 slots for 10 020 ms, 1 for 9 980 ms.
    expect(w.utilisation).toBeCloseTo((101 * 350 + 9_650) / (4 * 10_020 + 9_980), 10);
  });

  it('turns failures on at the time of the change', () => {
    const doc = steady(10);
    const summary = simulate(doc, {
      durationMs: 60_000,
      changes: [{ atMs: 30_000, nodeId: 'w', change: { type: 'failureRate', failureRate: 1 } }],
    });
    // Jobs finishing before 30 000 (arrivals up to 29 900) complete; the rest fail.
    const w = node(summary.nodes, 'w', 'worker');
    expect(w.completed).toBe(300);
    expect(w.failed).toBe(300);
  });

  it('refuses a change it cannot replay, naming it', () => {
    const doc = steady(10);
    const run = (change: TimedChange) => () => simulate(doc, { changes: [change] });
    expect(run({ atMs: 1, nodeId: 'w', change: { type: 'pause' } })).toThrow(
      'changes[0] (pause of "w"): a pause change needs a queue node',
    );
    expect(run({ atMs: 1, nodeId: 'nope', change: { type: 'rate', ratePerSec: 1 } })).toThrow(
      'changes[0] (rate of "nope"): a rate change needs a producer node',
    );
    expect(run({ atMs: -5, nodeId: 'q', change: { type: 'pause' } })).toThrow(
      'atMs must be a number >= 0, got -5',
    );
    expect(run({ atMs: 1, nodeId: 'w', change: { type: 'replicas', replicas: 1.5 } })).toThrow(
      'replicas must be an integer >= 0, got 1.5',
    );
  });
});
