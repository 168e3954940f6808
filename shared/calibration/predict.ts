import { buildGraph } from '../document/topology/graph';
import { comparisonRow, type ComparisonRow } from '../metrics/comparison';
import { simulate, type ReplicationOptions } from '../simulation/run';
import type { CalibrationResult } from './observations';

/** Predicted versus measured for an import: the rows a run's comparison table shows. */
export type PredictionRow = ComparisonRow;

/**
 * Simulates the imported model over the window it was measured in and sets its throughput and
 * mean wait beside what Redis measured, per queue (docs/architecture.md "Calibration").
 */
export function predictCalibrated(
  { document, report }: CalibrationResult,
  options: ReplicationOptions = {},
): PredictionRow[] {
  const durationMs = report.window.toMs - report.window.fromMs;
  if (durationMs <= 0 || document.nodes.length === 0) return [];
  const summary = simulate(document, { seed: 1, durationMs, ...options });
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
