import { describe, expect, it } from 'vitest';
import { eventBands, replicaSeries } from '../../../../renderer/analysis/scenario-series';
import type { RunSnapshot } from '../../../../shared/metrics/types';
import { Simulation } from '../../../../shared/simulation/engine';
import { spikeDocument } from '../../shared/simulation/documents';

/** The autoscaled worker of the spike (see test/unit/shared/simulation/autoscale-sweep.test.ts). */
function spikeRun() {
  const doc = spikeDocument();
  const w = doc.nodes[2]!;
  if (w.kind !== 'worker' || !w.config.autoscale) throw new Error('worker expected');
  w.config.autoscale = { ...w.config.autoscale, targetPerReplica: 0.5, maxReplicas: 2 };
  const snapshots: RunSnapshot[] = [];
  const summary = new Simulation(doc, {
    durationMs: 120_000,
    snapshotIntervalMs: 250,
    onSnapshot: (s) => snapshots.push(s),
  }).run();
  return { doc, snapshots, summary };
}

describe('the scenario’s series for the Results', () => {
  it('gives an autoscaled worker’s replicas over time against its queue’s backlog', () => {
    const { doc, snapshots, summary } = spikeRun();
    const [series, ...more] = replicaSeries(snapshots, summary, doc);
    expect(more).toEqual([]);
    expect(series).toMatchObject({ workerId: 'w', name: 'w', queueName: 'q' });
    expect(series!.xs.slice(0, 3)).toEqual([0.25, 0.5, 0.75]);
    // One replica until the poll at 33 s, two until the cooldown lets go at 64 s (worked out in
    // documents.ts), one after; a snapshot at an instant shows the replicas after its poll.
    const at = (s: number) => series!.serving[series!.xs.indexOf(s)];
    expect([at(32), at(33), at(63), at(64), at(120)]).toEqual([1, 2, 2, 1, 1]);
    expect(series!.asked).toEqual(series!.serving);
    // Jobs 31 to 35 of the spike wait 100 to 500 ms, one at a time.
    expect(Math.max(...series!.backlog.map((b) => b ?? 0))).toBe(1);
  });

  it('has no series for a worker without an autoscaler, and bands for the events', () => {
    const { doc, snapshots, summary } = spikeRun();
    const w = summary.nodes.w!;
    if (w.kind !== 'worker') throw new Error('worker expected');
    delete w.autoscale;
    expect(replicaSeries(snapshots, summary, doc)).toEqual([]);
    expect(eventBands(summary, 120_000)).toEqual([{ from: 30, to: 60, label: 'spike' }]);
  });
});
