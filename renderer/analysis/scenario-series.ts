import type { PipelineDocument } from '../../shared/document';
import { buildGraph } from '../../shared/document/topology';
import type { RunSnapshot, RunSummary } from '../../shared/metrics/types';

/** Replicas over time against backlog, per autoscaled worker, from the snapshot history. */
export interface ReplicaSeries {
  workerId: string;
  name: string;
  queueName: string;
  /** Seconds since the start. */
  xs: number[];
  /** Replicas serving, and serving + starting. */
  serving: Array<number | null>;
  asked: Array<number | null>;
  /** Waiting + delayed jobs of the worker's input queue. */
  backlog: Array<number | null>;
}

/** One series per worker whose summary has an autoscaler, in document order. */
export function replicaSeries(
  snapshots: readonly RunSnapshot[],
  summary: RunSummary,
  doc: PipelineDocument,
): ReplicaSeries[] {
  const graph = buildGraph(doc);
  const xs = snapshots.map((s) => s.t / 1000);
  return doc.nodes.flatMap((n) => {
    const figures = summary.nodes[n.id];
    if (n.kind !== 'worker' || figures?.kind !== 'worker' || !figures.autoscale) return [];
    const queueId = graph.inputEdge(n.id)?.from;
    const queue = doc.nodes.find((q) => q.id === queueId);
    const worker = (s: RunSnapshot) => {
      const f = s.nodes[n.id];
      return f?.kind === 'worker' && f.replicas !== undefined ? f : null;
    };
    return [
      {
        workerId: n.id,
        name: n.name,
        queueName: queue?.name ?? 'queue',
        xs,
        serving: snapshots.map((s) => worker(s)?.replicas ?? null),
        asked: snapshots.map((s) => {
          const f = worker(s);
          return f ? f.replicas! + (f.startingReplicas ?? 0) : null;
        }),
        backlog: snapshots.map((s) => {
          const q = queueId === undefined ? undefined : s.nodes[queueId];
          return q?.kind === 'queue' ? q.waiting + q.delayed : null;
        }),
      },
    ];
  });
}

/** The scenario's events as spans of a time chart, in seconds (to the end: to `endMs`). */
export function eventBands(
  summary: RunSummary,
  endMs: number,
): Array<{ from: number; to: number; label: string }> {
  return (summary.scenario ?? []).map((e) => ({
    from: e.atMs / 1000,
    to: (e.endMs ?? endMs) / 1000,
    label: e.name ?? e.id,
  }));
}
