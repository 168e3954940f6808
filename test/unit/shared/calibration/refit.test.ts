import { describe, expect, it } from 'vitest';
import {
  calibrate,
  driftSinceImport,
  EMPTY_DRIFT_WATCH,
  trackDrift,
  type DriftFlag,
} from '../../../../shared/calibration';
import { deploymentKeys, figuresOn } from '../../../../shared/calibration/refit';
import type { PipelineDocument } from '../../../../shared/document';
import { chainDocument, observe } from './synthetic';

const pipeline = (meanA: number, meanB: number) =>
  chainDocument('orders', { type: 'poisson', ratePerSec: 8 }, [
    {
      queue: 'orders',
      worker: { concurrency: 4, replicas: 1, service: { type: 'exponential', meanMs: meanA } },
    },
    {
      queue: 'mail',
      worker: { concurrency: 4, replicas: 1, service: { type: 'exponential', meanMs: meanB } },
    },
  ]);

const fit = async (meanA: number, meanB: number, seed: number) =>
  (
    await calibrate(observe(pipeline(meanA, meanB), { durationMs: 120_000, seed }), {
      layout: false,
    })
  ).document;

/** The imported document as a user may keep it: every node and edge id changed, names too. */
function renumbered(doc: PipelineDocument): PipelineDocument {
  const id = (old: string) => `n${[...doc.nodes, ...doc.edges].findIndex((x) => x.id === old)}`;
  return {
    ...doc,
    nodes: doc.nodes.map((n) => ({
      ...n,
      id: id(n.id),
      name: n.kind === 'queue' ? n.name : `my ${n.name}`,
    })),
    edges: doc.edges.map((e) => ({ ...e, id: id(e.id), from: id(e.from), to: id(e.to) })),
    calibration: {
      ...doc.calibration!,
      fields: doc.calibration!.fields.map((f) => ({ ...f, nodeId: id(f.nodeId) })),
    },
  };
}

describe('driftSinceImport', () => {
  it('flags the worker whose service time moved, on the monitored document’s own ids', async () => {
    const imported = renumbered(await fit(100, 50, 1));
    const flags = driftSinceImport(imported, await fit(100, 100, 2));
    expect(flags.map((f) => [f.nodeId, f.field])).toHaveLength(1);
    const worker = imported.nodes.find((n) => n.id === flags[0]!.nodeId)!;
    expect([worker.kind, worker.name, flags[0]!.field]).toEqual([
      'worker',
      'my mail worker',
      'service',
    ]);
    expect(flags[0]!.message).toMatch(
      /^mean service time moved from \d+(\.\d)? ms to \d+(\.\d)? ms/,
    );
  });

  it('flags nothing on a refit of the unchanged deployment, nor without a calibration', async () => {
    const imported = await fit(100, 50, 1);
    expect(driftSinceImport(imported, await fit(100, 50, 3))).toEqual([]);
    const { calibration: _, ...plain } = imported;
    expect(driftSinceImport(plain, await fit(100, 200, 3))).toEqual([]);
  });

  it('matches nodes by queue name, worker queue, producer job name and edge ends', async () => {
    const doc = await fit(100, 50, 1);
    const keys = [...deploymentKeys(doc).values()].sort();
    expect(keys).toEqual([
      'edge producer orders orders > queue orders completed',
      'edge queue mail > worker mail completed',
      'edge queue orders > worker orders completed',
      'edge worker orders > queue mail completed',
      'producer orders orders',
      'queue mail',
      'queue orders',
      'worker mail',
      'worker orders',
    ]);
    // A refit of a deployment whose queues the document lacks gives it no figures.
    const other = {
      ...doc,
      nodes: doc.nodes.map((n) => (n.kind === 'queue' ? { ...n, name: `x${n.name}` } : n)),
    };
    expect(figuresOn(other, doc)).toEqual([]);
  });
});

describe('trackDrift', () => {
  const flag = (nodeId: string, after: number): DriftFlag => ({
    nodeId,
    field: 'service',
    before: 10,
    after,
    changePercent: (after - 10) * 10,
    message: `moved to ${after}`,
  });

  it('flags a figure found in `confirmAfter` refits in a row, with the latest figures', () => {
    let watch = trackDrift(EMPTY_DRIFT_WATCH, [flag('w', 20)]);
    expect(watch.flags).toEqual([]);
    watch = trackDrift(watch, [flag('w', 21)]);
    expect(watch.flags).toEqual([flag('w', 21)]);
    watch = trackDrift(watch, [flag('w', 22), flag('v', 30)]);
    expect(watch.flags).toEqual([flag('w', 22)]);
  });

  it('clears a flag as soon as a refit agrees, and restarts its count', () => {
    let watch = trackDrift(trackDrift(EMPTY_DRIFT_WATCH, [flag('w', 20)]), [flag('w', 20)]);
    expect(watch.flags).toHaveLength(1);
    watch = trackDrift(watch, []);
    expect(watch).toEqual({ flags: [], streak: {} });
    watch = trackDrift(watch, [flag('w', 20)]);
    expect(watch.flags).toEqual([]);
    expect(trackDrift(EMPTY_DRIFT_WATCH, [flag('w', 20)], 1).flags).toHaveLength(1);
  });
});
