import type { PipelineDocument, PipelineEdge, PipelineNode } from '../../shared/document';
import type { XY } from './new-node';

export type PathKey = string | number;

/**
 * Returns a copy of `target` with `value` at `path`, copying only the objects along the path.
 * `undefined` removes the key, so optional fields disappear from the file instead of lingering.
 */
export function setIn<T>(target: T, path: readonly PathKey[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [PathKey, ...PathKey[]];
  const source = (target ?? {}) as Record<PathKey, unknown>;
  const child = setIn(source[head], rest, value);
  if (Array.isArray(source)) {
    const copy = [...(source as unknown[])];
    copy[head as number] = child;
    return copy as T;
  }
  const copy: Record<PathKey, unknown> = { ...source };
  if (child === undefined) delete copy[head];
  else copy[head] = child;
  return copy as T;
}

export function getIn(target: unknown, path: readonly PathKey[]): unknown {
  let value = target;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PathKey, unknown>)[key];
  }
  return value;
}

/** Replaces the nodes whose id is in `updates`, keeping every other node object as it was. */
export function replaceNodes(
  doc: PipelineDocument,
  updates: ReadonlyMap<string, PipelineNode>,
): PipelineDocument {
  if (updates.size === 0) return doc;
  return { ...doc, nodes: doc.nodes.map((n) => updates.get(n.id) ?? n) };
}

export function replaceEdge(doc: PipelineDocument, edge: PipelineEdge): PipelineDocument {
  return { ...doc, edges: doc.edges.map((e) => (e.id === edge.id ? edge : e)) };
}

/** Moves nodes; positions are rounded to whole pixels to keep files tidy. */
export function moveNodes(
  doc: PipelineDocument,
  positions: ReadonlyMap<string, XY>,
): PipelineDocument {
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p) return n;
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    if (x === n.position.x && y === n.position.y) return n;
    changed = true;
    return { ...n, position: { x, y } };
  });
  return changed ? { ...doc, nodes } : doc;
}

/** Removes nodes and edges; edges touching a removed node go with it. */
export function removeElements(
  doc: PipelineDocument,
  nodeIds: ReadonlySet<string>,
  edgeIds: ReadonlySet<string>,
): PipelineDocument {
  if (nodeIds.size === 0 && edgeIds.size === 0) return doc;
  const nodes = doc.nodes.filter((n) => !nodeIds.has(n.id));
  const edges = doc.edges.filter(
    (e) => !edgeIds.has(e.id) && !nodeIds.has(e.from) && !nodeIds.has(e.to),
  );
  if (nodes.length === doc.nodes.length && edges.length === doc.edges.length) return doc;
  return { ...doc, nodes, edges };
}
