import { edgeOn } from '../defaults';
import type {
  PipelineDocument,
  PipelineEdge,
  PipelineNode,
  ProducerNode,
  QueueNode,
  WorkerNode,
} from '../schema';
import { edgeKindOf, type EdgeKind, type EdgeKindId, type EdgeOn } from './edge-kinds';

/**
 * A document's shape, indexed once and queried by every engine, rule and the editor
 * (docs/architecture.md "Topology"). Only legal edges (see edge-kinds.ts) count as inputs,
 * consumers, targets or routes; `outgoing`/`incoming` list every edge, legal or not.
 */
export interface PipelineGraph {
  readonly doc: PipelineDocument;
  readonly nodes: ReadonlyMap<string, PipelineNode>;
  /** Nodes of each kind, in document order. */
  readonly producers: readonly ProducerNode[];
  readonly queues: readonly QueueNode[];
  readonly workers: readonly WorkerNode[];
  outgoing(nodeId: string): readonly PipelineEdge[];
  incoming(nodeId: string): readonly PipelineEdge[];
  /** What an edge is; undefined when the table has no such edge or an end is missing. */
  kindOf(edge: PipelineEdge): EdgeKind | undefined;
  /** Legal edges of one kind leaving a node, in document order. */
  out(nodeId: string, kind: EdgeKindId): readonly PipelineEdge[];
  /** Legal edges of one kind entering a node, in document order. */
  in(nodeId: string, kind: EdgeKindId): readonly PipelineEdge[];
  /** The distinct queues a worker consumes (exactly one in a valid document). */
  inputQueues(workerId: string): readonly QueueNode[];
  /** The queue → worker edge a worker takes its jobs through: the first, when it has any. */
  inputEdge(workerId: string): PipelineEdge | undefined;
  /** The distinct workers that consume a queue. */
  consumers(queueId: string): readonly WorkerNode[];
  /** A producer's producer → queue edges: one job per arrival along each. */
  targets(producerId: string): readonly PipelineEdge[];
  /** A worker's worker → queue edges for completed or finally failed jobs (both without `on`). */
  routes(workerId: string, on?: EdgeOn): readonly PipelineEdge[];
  /** Legal edges that add jobs to a queue (from producers and workers). */
  feeds(queueId: string): readonly PipelineEdge[];
}

export type Topology = PipelineGraph;

const none: readonly never[] = [];

export function buildGraph(doc: PipelineDocument): PipelineGraph {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n] as const));
  const out = new Map<string, PipelineEdge[]>();
  const inc = new Map<string, PipelineEdge[]>();
  const classify = (edge: PipelineEdge): EdgeKind | undefined => {
    const from = nodes.get(edge.from);
    const to = nodes.get(edge.to);
    // Nothing connects to itself: a loop goes through a queue and a worker.
    if (!from || !to || from === to) return undefined;
    return edgeKindOf(from.kind, to.kind, edgeOn(edge));
  };
  const kinds = new Map<PipelineEdge, EdgeKind | undefined>();
  for (const edge of doc.edges) {
    (out.get(edge.from) ?? out.set(edge.from, []).get(edge.from)!).push(edge);
    (inc.get(edge.to) ?? inc.set(edge.to, []).get(edge.to)!).push(edge);
    kinds.set(edge, classify(edge));
  }
  // An edge of another document (one being drawn, say) is classified on the spot.
  const kindOf = (edge: PipelineEdge) => (kinds.has(edge) ? kinds.get(edge) : classify(edge));
  // Rules and analyses ask for the same node's neighbours again and again: each list is made once.
  const once = <T>(make: (key: string) => T) => {
    const made = new Map<string, T>();
    return (key: string): T => {
      let value = made.get(key);
      if (value === undefined) made.set(key, (value = make(key)));
      return value;
    };
  };
  const outOfKind = once((key) => {
    const [id, kind] = key.split('\u0000') as [string, EdgeKindId];
    return (out.get(id) ?? none).filter((e) => kinds.get(e)?.id === kind);
  });
  const inOfKind = once((key) => {
    const [id, kind] = key.split('\u0000') as [string, EdgeKindId];
    return (inc.get(id) ?? none).filter((e) => kinds.get(e)?.id === kind);
  });
  const allRoutes = once((id) =>
    (out.get(id) ?? none).filter((e) => {
      const kind = kinds.get(e);
      return kind !== undefined && kind.from === 'worker' && kind.to === 'queue';
    }),
  );
  const ofKind = <K extends PipelineNode['kind']>(kind: K) =>
    doc.nodes.filter((n): n is Extract<PipelineNode, { kind: K }> => n.kind === kind);
  const distinct = <N extends PipelineNode>(ids: readonly string[]) => [
    ...new Map(ids.map((id) => [id, nodes.get(id) as N] as const)).values(),
  ];
  const graph: PipelineGraph = {
    doc,
    nodes,
    producers: ofKind('producer'),
    queues: ofKind('queue'),
    workers: ofKind('worker'),
    outgoing: (id) => out.get(id) ?? none,
    incoming: (id) => inc.get(id) ?? none,
    kindOf,
    out: (id, kind) => outOfKind(`${id}\u0000${kind}`),
    in: (id, kind) => inOfKind(`${id}\u0000${kind}`),
    inputQueues: once((id) => distinct<QueueNode>(graph.in(id, 'consume').map((e) => e.from))),
    inputEdge: (id) => graph.in(id, 'consume')[0],
    consumers: once((id) => distinct<WorkerNode>(graph.out(id, 'consume').map((e) => e.to))),
    targets: (id) => graph.out(id, 'enqueue'),
    routes: (id, on) => (on ? graph.out(id, on) : allRoutes(id)),
    feeds: once((id) =>
      (inc.get(id) ?? none).filter((e) => {
        const kind = kinds.get(e);
        return kind !== undefined && kind.to === 'queue';
      }),
    ),
  };
  return graph;
}
