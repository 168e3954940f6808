import type { PipelineDocument, PipelineEdge } from '../../shared/document';
import { edgeOn } from '../../shared/document';

const name = (doc: PipelineDocument, id: string) =>
  `“${doc.nodes.find((n) => n.id === id)?.name ?? id}”`;

const list = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/**
 * What an edge out of a worker does in a BullMQ flow (docs/architecture.md "Flows"), said under
 * its "Carries" choice: how to make one from plain edges, and which half of the flow is still
 * missing. A flow is drawn as edges, so this is where a user learns to draw one.
 */
export function flowHelp(doc: PipelineDocument, edge: PipelineEdge): string | undefined {
  const on = edgeOn(edge);
  if (on === 'failed') return undefined;
  const worker = name(doc, edge.from);
  const siblings = doc.edges.filter((e) => e.from === edge.from && e.id !== edge.id);
  const children = siblings.filter((e) => edgeOn(e) === 'children').map((e) => name(doc, e.to));
  const parent = siblings.find((e) => edgeOn(e) === 'parent');
  switch (on) {
    case 'completed':
      return 'For a BullMQ flow (fan-out, then join), set one edge from this worker to Children and another to Parent.';
    case 'children':
      return parent
        ? `Each job of ${worker} adds these children; its parent runs on ${name(doc, parent.to)} once all of them are done.`
        : `Now select another edge from ${worker} to a queue and set it to Parent: the job that runs once these children are done.`;
    case 'parent':
      return children.length > 0
        ? `Runs on ${name(doc, edge.to)} once all its children on ${list(children)} are done.`
        : `Now select another edge from ${worker} to a queue and set it to Children: the jobs this parent waits for.`;
  }
}
