import type { PipelineDocument, PipelineEdge, PipelineNode } from '../../shared/document';

/**
 * A document as sent to the validation worker: whole the first time, then as what changed since
 * the previous one. Documents share unchanged nodes, so an edit to one field sends one node, not
 * a structured clone of all 500 on the UI thread.
 */
export type DocumentDelta =
  | { full: PipelineDocument }
  | {
      /** The document without its nodes and edges (name, settings…): small. */
      rest: Omit<PipelineDocument, 'nodes' | 'edges'>;
      nodes: [number, PipelineNode][];
      /** Sent whole whenever the edge list changed at all. */
      edges?: PipelineEdge[];
    };

function restOf(doc: PipelineDocument): Omit<PipelineDocument, 'nodes' | 'edges'> {
  const { nodes: _nodes, edges: _edges, ...rest } = doc;
  return rest;
}

/** Describes `doc` against the last document described (the other side must apply every delta). */
export function createDeltaWriter(): (doc: PipelineDocument) => DocumentDelta {
  let last: PipelineDocument | null = null;
  return (doc) => {
    const before = last;
    last = doc;
    if (!before || before.nodes.length !== doc.nodes.length) return { full: doc };
    const nodes: [number, PipelineNode][] = [];
    doc.nodes.forEach((node, i) => {
      if (node !== before.nodes[i]) nodes.push([i, node]);
    });
    if (nodes.length > doc.nodes.length / 2) return { full: doc };
    return {
      rest: restOf(doc),
      nodes,
      ...(doc.edges === before.edges ? {} : { edges: doc.edges }),
    };
  };
}

/** Rebuilds documents from the deltas of one writer, in the order they were written. */
export function createDeltaReader(): (delta: DocumentDelta) => PipelineDocument {
  let last: PipelineDocument | null = null;
  return (delta) => {
    if ('full' in delta) {
      last = delta.full;
      return last;
    }
    if (!last) throw new Error('A document delta arrived before any whole document');
    const nodes = last.nodes.slice();
    for (const [i, node] of delta.nodes) nodes[i] = node;
    last = { ...delta.rest, nodes, edges: delta.edges ?? last.edges };
    return last;
  };
}
