import type { PipelineDocument } from '../../shared/document';
import type { LatencyStats, RunSnapshot } from '../../shared/metrics/types';

/**
 * Time series for the Metrics panel, built from the snapshot history for the nodes in focus:
 * backlog per queue (and a flow's parents waiting for their children), throughput per worker (and rate per producer), latency percentiles.
 */

export interface Focus {
  producers: string[];
  queues: string[];
  workers: string[];
}

export interface SeriesSpec {
  label: string;
  /** Index of the node in focus order, for a stable colour. */
  colorIndex: number;
  dash?: number[];
  values: Array<number | null>;
}

export interface MetricSeries {
  /** Seconds since the start. */
  xs: number[];
  backlog: SeriesSpec[];
  throughput: SeriesSpec[];
  latency: SeriesSpec[];
  latencyTitle: string;
}

/** At most this many nodes per chart: more lines than that cannot be told apart. */
export const MAX_PER_CHART = 8;

/**
 * The nodes the charts are about: the selected ones and their neighbours (a queue's workers, a
 * worker's queue, a producer's queues); with nothing selected, every queue and worker.
 */
export function focusNodes(
  doc: PipelineDocument,
  selected: ReadonlySet<string>,
  available: ReadonlySet<string>,
): Focus {
  const kind = new Map(doc.nodes.map((n) => [n.id, n.kind] as const));
  const wanted = new Set<string>();
  for (const id of selected) {
    if (!available.has(id)) continue;
    wanted.add(id);
    for (const e of doc.edges) {
      const k = kind.get(id);
      if (k === 'queue' && e.from === id && kind.get(e.to) === 'worker') wanted.add(e.to);
      if (k === 'worker' && e.to === id && kind.get(e.from) === 'queue') wanted.add(e.from);
      if (k === 'producer' && e.from === id && kind.get(e.to) === 'queue') wanted.add(e.to);
    }
  }
  if (wanted.size === 0) {
    for (const n of doc.nodes) if (n.kind !== 'producer' && available.has(n.id)) wanted.add(n.id);
  }
  const pick = (k: string) =>
    doc.nodes
      .filter((n) => n.kind === k && wanted.has(n.id) && available.has(n.id))
      .slice(0, MAX_PER_CHART)
      .map((n) => n.id);
  return { producers: pick('producer'), queues: pick('queue'), workers: pick('worker') };
}

const latencyOrNull = (stats: LatencyStats | undefined, key: 'p50' | 'p95' | 'p99') =>
  stats && stats.count > 0 ? stats[key] : null;

export function buildMetricSeries(
  snapshots: readonly RunSnapshot[],
  focus: Focus,
  nameOf: (id: string) => string,
): MetricSeries {
  const xs = snapshots.map((s) => s.t / 1000);
  const column = (pick: (s: RunSnapshot) => number | null) => snapshots.map(pick);
  const backlog = focus.queues.map((id, i): SeriesSpec => ({
    label: nameOf(id),
    colorIndex: i,
    values: column((s) => {
      const f = s.nodes[id];
      return f?.kind === 'queue' ? f.waiting : null;
    }),
  }));
  // A flow's parent queue: its parents waiting for their children, dashed in the queue's colour.
  focus.queues.forEach((id, i) => {
    const values = column((s) => {
      const f = s.nodes[id];
      return f?.kind === 'queue' ? (f.waitingChildren ?? null) : null;
    });
    if (values.some((v) => v !== null)) {
      backlog.push({
        label: `${nameOf(id)} (waiting for children)`,
        colorIndex: i,
        dash: [4, 3],
        values,
      });
    }
  });
  const throughput: SeriesSpec[] = [
    ...focus.workers.map((id, i): SeriesSpec => ({
      label: nameOf(id),
      colorIndex: focus.queues.length + i,
      values: column((s) => {
        const f = s.nodes[id];
        return f?.kind === 'worker' ? f.throughputPerSec : null;
      }),
    })),
    ...focus.producers.map((id, i): SeriesSpec => ({
      label: `${nameOf(id)} (created)`,
      colorIndex: focus.queues.length + focus.workers.length + i,
      dash: [4, 3],
      values: column((s) => {
        const f = s.nodes[id];
        return f?.kind === 'producer' ? f.ratePerSec : null;
      }),
    })),
  ];
  // One node: its three percentiles in three colours (green, blue, red: low to high).
  const percentiles = [
    { key: 'p50', color: 2 },
    { key: 'p95', color: 0 },
    { key: 'p99', color: 3 },
  ] as const;
  let latency: SeriesSpec[];
  let latencyTitle: string;
  const statsOf = (s: RunSnapshot, id: string): LatencyStats | undefined => {
    const f = s.nodes[id];
    if (f?.kind === 'queue') return f.waitMs;
    if (f?.kind === 'worker') return f.serviceMs;
    return undefined;
  };
  const ids = focus.queues.length > 0 ? focus.queues : focus.workers;
  latencyTitle = focus.queues.length > 0 ? 'Wait time' : 'Service time';
  if (ids.length === 1) {
    const id = ids[0]!;
    latencyTitle += ` of ${nameOf(id)}`;
    latency = percentiles.map((p) => ({
      label: p.key,
      colorIndex: p.color,
      values: column((s) => latencyOrNull(statsOf(s, id), p.key)),
    }));
  } else {
    latencyTitle += ' p95';
    latency = ids.map((id, i) => ({
      label: nameOf(id),
      colorIndex: focus.queues.length > 0 ? i : focus.queues.length + i,
      values: column((s) => latencyOrNull(statsOf(s, id), 'p95')),
    }));
  }
  return { xs, backlog, throughput, latency, latencyTitle };
}
