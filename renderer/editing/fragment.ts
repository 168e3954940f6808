import {
  FORMAT,
  parseDocumentText,
  type DocumentError,
  type PipelineDocument,
  type PipelineEdge,
  type PipelineNode,
} from '../../shared/document';
import { uniqueName } from './names';
import type { XY } from './new-node';

/**
 * Copy and paste carry a whole `pipewright/v1` document holding the copied nodes and the edges
 * between them, so a fragment can be pasted into another document, another window, or a file.
 */
export function extractFragment(
  doc: PipelineDocument,
  nodeIds: ReadonlySet<string>,
): PipelineDocument {
  const nodes = doc.nodes.filter((n) => nodeIds.has(n.id));
  const edges = doc.edges.filter((e) => nodeIds.has(e.from) && nodeIds.has(e.to));
  return { format: FORMAT, name: `Copied from ${doc.name}`.slice(0, 200), nodes, edges };
}

export type FragmentReadResult =
  { ok: true; fragment: PipelineDocument } | { ok: false; errors: DocumentError[] };

/** Reads clipboard text as a fragment; anything that is not a pipeline is refused, never thrown. */
export function readFragment(text: string): FragmentReadResult {
  if (text.trim() === '') {
    return { ok: false, errors: [{ path: '', message: 'the clipboard is empty' }] };
  }
  const parsed = parseDocumentText(text);
  return parsed.ok ? { ok: true, fragment: parsed.document } : parsed;
}

export interface MergeResult {
  document: PipelineDocument;
  nodeIds: string[];
  edgeIds: string[];
}

export const PASTE_STEP = 40;

/**
 * Adds a fragment's nodes and edges to `doc` with fresh ids and names where they clash, shifted
 * by `offset` (and further, step by step, while a node would land exactly on an existing one).
 */
export function mergeFragment(
  doc: PipelineDocument,
  fragment: Pick<PipelineDocument, 'nodes' | 'edges'>,
  offset: XY = { x: 0, y: 0 },
): MergeResult {
  const occupied = new Set(doc.nodes.map((n) => `${n.position.x},${n.position.y}`));
  let dx = offset.x;
  let dy = offset.y;
  const lands = () =>
    fragment.nodes.some((n) =>
      occupied.has(`${Math.round(n.position.x + dx)},${Math.round(n.position.y + dy)}`),
    );
  for (let i = 0; i < 50 && lands(); i++) {
    dx += PASTE_STEP;
    dy += PASTE_STEP;
  }
  const takenIds = new Set(doc.nodes.map((n) => n.id));
  const takenNames = new Set(doc.nodes.map((n) => n.name));
  const idMap = new Map<string, string>();
  const nodes: PipelineNode[] = fragment.nodes.map((node) => {
    const id = uniqueName(node.id, takenIds);
    const name = uniqueName(node.name, takenNames);
    takenIds.add(id);
    takenNames.add(name);
    idMap.set(node.id, id);
    const position = { x: Math.round(node.position.x + dx), y: Math.round(node.position.y + dy) };
    return { ...node, id, name, position } as PipelineNode;
  });
  const takenEdgeIds = new Set(doc.edges.map((e) => e.id));
  const edges: PipelineEdge[] = [];
  for (const edge of fragment.edges) {
    const from = idMap.get(edge.from);
    const to = idMap.get(edge.to);
    if (from === undefined || to === undefined) continue;
    const id = uniqueName(edge.id, takenEdgeIds);
    takenEdgeIds.add(id);
    edges.push({ ...edge, id, from, to });
  }
  return {
    document: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
    edgeIds: edges.map((e) => e.id),
  };
}
