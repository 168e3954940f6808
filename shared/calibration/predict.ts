import type { PipelineDocument, PipelineEdge } from '../document/schema';
import { buildGraph } from '../document/topology/graph';
import { comparisonRow, type ComparisonRow } from '../metrics/comparison';
import { simulate, type ReplicationOptions } from '../simulation/run';
import type { CalibrationResult } from './observations';

/** Predicted versus measured for an import: the rows a run's comparison table shows. */
export type PredictionRow = ComparisonRow;

/**
 * The imported model with every queue fed exactly as the window fed it: producers replay their
 * jobs' creation times, and a queue fed by edges gets a replaying producer in their place.
 */
function replayModel(
  document: PipelineDocument,
  arrivals: Readonly<Record<string, readonly number[]>>,
): { document: PipelineDocument; arrivalTimes: Record<string, readonly number[]> } {
  const queues = new Set(
    document.nodes.filter((n) => n.kind === 'queue' && arrivals[n.id]).map((n) => n.id),
  );
  const nodes = [...document.nodes];
  const edges = document.edges.filter((e) => !queues.has(e.to) || isProducerEdge(document, e));
  const arrivalTimes: Record<string, readonly number[]> = {};
  for (const node of document.nodes) {
    const times = arrivals[node.id];
    if (!times) continue;
    if (node.kind === 'producer') arrivalTimes[node.id] = times;
    if (node.kind !== 'queue') continue;
    const id = `${node.id}-replayed`;
    nodes.push({
      id,
      kind: 'producer',
      name: `${node.name} (replayed)`,
      position: node.position,
      // The rate is never drawn from: the replayed times stand in for it.
      config: { jobName: 'job', arrival: { type: 'constant', ratePerSec: 1 } },
    });
    edges.push({ id: `${id}-edge`, from: id, to: node.id });
    arrivalTimes[id] = times;
  }
  return { document: { ...document, nodes, edges }, arrivalTimes };
}

const isProducerEdge = (document: PipelineDocument, e: PipelineEdge) =>
  document.nodes.find((n) => n.id === e.from)?.kind === 'producer';

/**
 * Simulates the imported model over the window it was measured in and sets its throughput and
 * mean wait beside what Redis measured, per queue (docs/architecture.md "Calibration"). Every
 * queue gets the jobs the window really saw arrive, when they arrived: a mean wait over a window
 * of seconds depends mostly on which bursts came (±20 % from one 30 s window to the next at 80 %
 * load), so replaying them checks the fitted workers, not the luck of the draw. Replications
 * average out the service times' own noise. What-if runs the fitted arrival models and edges.
 */
export function predictCalibrated(
  { document, report }: CalibrationResult,
  options: ReplicationOptions = {},
): PredictionRow[] {
  const durationMs = report.window.toMs - report.window.fromMs;
  if (durationMs <= 0 || document.nodes.length === 0) return [];
  const replay = replayModel(document, report.arrivals ?? {});
  const jobs = Object.values(replay.arrivalTimes).reduce((n, t) => n + t.length, 0);
  const summary = simulate(replay.document, {
    seed: 1,
    durationMs,
    // Many replications of a short window, fewer of a long one: about 2M simulated jobs at most.
    replications: Math.max(3, Math.min(20, Math.floor(2_000_000 / Math.max(1, jobs)))),
    arrivalTimes: replay.arrivalTimes,
    ...options,
  });
  const rows: PredictionRow[] = [];
  const graph = buildGraph(document);
  const byName = new Map(document.nodes.map((n) => [`${n.kind}\u0000${n.name}`, n] as const));
  for (const measured of report.measured) {
    const queue = byName.get(`queue\u0000${measured.queue}`);
    if (!queue) continue;
    const q = summary.nodes[queue.id];
    if (q?.kind === 'queue' && measured.meanWaitMs !== null) {
      rows.push(
        comparisonRow(queue.id, queue.name, 'mean wait ms', q.waitMs.mean, measured.meanWaitMs),
      );
    }
    const worker = graph.consumers(queue.id)[0];
    const w = worker ? summary.nodes[worker.id] : undefined;
    if (worker && w?.kind === 'worker') {
      rows.push(
        comparisonRow(
          worker.id,
          worker.name,
          'throughput jobs/s',
          w.throughputPerSec,
          measured.throughputPerSec,
        ),
      );
    }
  }
  return rows;
}
