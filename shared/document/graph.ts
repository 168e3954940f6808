import type { PipelineDocument, PipelineEdge, PipelineNode, QueueNode, WorkerNode } from './schema';

/** Adjacency of a document, built once and queried by every engine. */
export interface PipelineGraph {
  readonly nodes: ReadonlyMap<string, PipelineNode>;
  outgoing(nodeId: string): readonly PipelineEdge[];
  incoming(nodeId: string): readonly PipelineEdge[];
  /** The queues a worker consumes (exactly one in a valid document). */
  inputQueues(workerId: string): readonly QueueNode[];
  /** The workers that consume a queue. */
  consumers(queueId: string): readonly WorkerNode[];
}

export function buildGraph(doc: PipelineDocument): PipelineGraph {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n] as const));
  const out = new Map<string, PipelineEdge[]>();
  const inc = new Map<string, PipelineEdge[]>();
  for (const edge of doc.edges) {
    (out.get(edge.from) ?? out.set(edge.from, []).get(edge.from)!).push(edge);
    (inc.get(edge.to) ?? inc.set(edge.to, []).get(edge.to)!).push(edge);
  }
  const none: PipelineEdge[] = [];
  const ofKind = <K extends PipelineNode['kind']>(ids: string[], kind: K) =>
    ids
      .map((id) => nodes.get(id))
      .filter((n): n is Extract<PipelineNode, { kind: K }> => n?.kind === kind);
  // Rules and analyses ask for the same node's neighbours again and again: each list is made once.
  const once = <T>(make: (id: string) => T) => {
    const made = new Map<string, T>();
    return (id: string): T => {
      let value = made.get(id);
      if (value === undefined) made.set(id, (value = make(id)));
      return value;
    };
  };
  return {
    nodes,
    outgoing: (id) => out.get(id) ?? none,
    incoming: (id) => inc.get(id) ?? none,
    inputQueues: once((id) =>
      ofKind(
        (inc.get(id) ?? none).map((e) => e.from),
        'queue',
      ),
    ),
    consumers: once((id) =>
      ofKind(
        (out.get(id) ?? none).map((e) => e.to),
        'worker',
      ),
    ),
  };
}
