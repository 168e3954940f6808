import type { MonitorInfo, MonitorSnapshot } from '../../shared/api/contract';
import {
  FORMAT,
  buildGraph,
  workerCapacity,
  type PipelineDocument,
  type QueueNode,
} from '../../shared/document';
import { emptyLatency, type NodeFigures, type RunSnapshot } from '../../shared/metrics/types';
import { idFromName, uniqueName } from '../editing/names';

/** Which document node shows which monitored queue: queues match by their BullMQ name. */
export function matchMonitoredQueues(
  doc: PipelineDocument,
  queueNames: readonly string[],
): Map<string, string> {
  const byName = new Map<string, string>();
  const wanted = new Set(queueNames);
  for (const node of doc.nodes) {
    if (node.kind === 'queue' && wanted.has(node.name) && !byName.has(node.name)) {
      byName.set(node.name, node.id);
    }
  }
  return byName;
}

/**
 * A monitored Redis's figures as a run snapshot of `doc`, so the same badges, charts and tables
 * show them. Queues take their counts; a worker that alone consumes a watched queue takes that
 * queue's throughput and busy jobs (its capacity from the document). Queues the document does
 * not have are left out; `monitorDocument` draws a pipeline that has them all.
 */
export function monitorToRunSnapshot(
  doc: PipelineDocument,
  snapshot: MonitorSnapshot,
): RunSnapshot {
  const match = matchMonitoredQueues(doc, Object.keys(snapshot.queues));
  const graph = buildGraph(doc);
  const nodes: Record<string, NodeFigures> = {};
  for (const [name, figures] of Object.entries(snapshot.queues)) {
    const id = match.get(name);
    if (id === undefined) continue;
    nodes[id] = {
      kind: 'queue',
      waiting: figures.waiting,
      active: figures.active,
      delayed: figures.delayed,
      completed: figures.completed,
      failed: figures.failed,
      enqueued: figures.enqueued,
      enqueuedPerSec: figures.enqueuedPerSec,
      paused: figures.paused,
      waitMs: figures.waitMs,
    };
    const consumers = graph.consumers(id);
    const worker = consumers.length === 1 ? consumers[0] : undefined;
    if (worker) {
      const capacity = workerCapacity(worker.config);
      nodes[worker.id] = {
        kind: 'worker',
        active: figures.active,
        capacity,
        utilisation: capacity > 0 ? Math.min(1, figures.active / capacity) : 0,
        throughputPerSec: figures.throughputPerSec,
        completed: figures.completed,
        failed: figures.failed,
        retried: 0,
        serviceMs: emptyLatency(),
      };
    }
  }
  return { t: snapshot.t, nodes, edges: {}, endToEndMs: emptyLatency() };
}

const PREFIX_PATTERN = /^[^:{}\s]{1,64}$/;

/** A pipeline with one queue per discovered queue, laid out in a grid, to watch them on. */
export function monitorDocument(info: MonitorInfo): PipelineDocument {
  const taken = new Set<string>();
  const columns = Math.max(1, Math.ceil(Math.sqrt(info.queues.length)));
  const nodes: QueueNode[] = info.queues.map((name, i) => {
    const id = uniqueName(idFromName(name), taken);
    taken.add(id);
    return {
      id,
      kind: 'queue',
      name: name.slice(0, 200),
      position: { x: (i % columns) * 260, y: Math.floor(i / columns) * 140 },
      config: {},
    };
  });
  return {
    format: FORMAT,
    name: `Monitor · ${info.prefix}`.slice(0, 200),
    description: `Queues discovered under "${info.prefix}" at ${info.url} (read-only monitor).`,
    ...(PREFIX_PATTERN.test(info.prefix) ? { settings: { prefix: info.prefix } } : {}),
    nodes,
    edges: [],
  };
}
