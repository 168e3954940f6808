import type { PipelineEdge, PipelineNode } from '../schema';
import type { PipelineGraph } from './graph';

/** How messages name things: by the names the user gave them. */
export const nodeLabel = (node: PipelineNode): string =>
  `${node.kind} ${JSON.stringify(node.name)}`;

/** `"signup" → "emails"` (names of the ends, or their ids when a node is missing). */
export function edgeLabel(edge: PipelineEdge, graph: PipelineGraph): string {
  const end = (id: string) => JSON.stringify(graph.nodes.get(id)?.name ?? id);
  return `${end(edge.from)} → ${end(edge.to)}`;
}
