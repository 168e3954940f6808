import type { PipelineDocument } from '../../../shared/document';
import type { LatencyStats, RunSnapshot, RunSummary, SummaryStat } from '../../../shared/metrics';

const stat = (l: LatencyStats | undefined): SummaryStat => ({
  mean: l?.mean ?? 0,
  p50: l?.p50 ?? 0,
  p95: l?.p95 ?? 0,
  p99: l?.p99 ?? 0,
  max: l?.max ?? 0,
});

/**
 * A summary from the last snapshot, for a run whose runner died before it could write its own:
 * totals are exact up to that snapshot, latencies and levels are those of its last interval only.
 */
export function summaryFromSnapshot(
  doc: PipelineDocument,
  snapshot: RunSnapshot | undefined,
  durationMs: number,
): RunSummary {
  const perSec = (n: number) => (durationMs > 0 ? (n * 1000) / durationMs : 0);
  const nodes: RunSummary['nodes'] = {};
  for (const node of doc.nodes) {
    const f = snapshot?.nodes[node.id];
    if (node.kind === 'producer') {
      const created = f?.kind === 'producer' ? f.created : 0;
      nodes[node.id] = { kind: 'producer', name: node.name, created, ratePerSec: perSec(created) };
    } else if (node.kind === 'queue') {
      const q = f?.kind === 'queue' ? f : undefined;
      nodes[node.id] = {
        kind: 'queue',
        name: node.name,
        waitMs: stat(q?.waitMs),
        waiting: { mean: q?.waiting ?? 0, max: q?.waiting ?? 0 },
        delayed: { mean: q?.delayed ?? 0, max: q?.delayed ?? 0 },
        ...(q?.waitingChildren !== undefined && {
          waitingChildren: { mean: q.waitingChildren, max: q.waitingChildren },
        }),
        enqueued: q?.enqueued ?? 0,
        verdict: 'stable',
      };
    } else {
      const w = f?.kind === 'worker' ? f : undefined;
      nodes[node.id] = {
        kind: 'worker',
        name: node.name,
        completed: w?.completed ?? 0,
        failed: w?.failed ?? 0,
        retried: w?.retried ?? 0,
        throughputPerSec: perSec(w?.completed ?? 0),
        utilisation: w?.utilisation ?? 0,
        serviceMs: stat(w?.serviceMs),
      };
    }
  }
  return {
    format: 'pipewright-summary/v1',
    mode: 'run',
    document: doc.name,
    durationMs,
    nodes,
    endToEndMs: stat(snapshot?.endToEndMs),
  };
}
