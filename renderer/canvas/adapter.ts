import {
  MarkerType,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import type { NodeKind, PipelineDocument, PipelineEdge, PipelineNode } from '../../shared/document';
import { edgeChildren, edgeOn, edgeProbability } from '../../shared/document';
import type { EdgeOn } from '../../shared/document';
import type { XY } from '../editing/new-node';
import type { Selection } from '../state/selection-store';

/**
 * The one place where the document meets React Flow (docs/architecture.md): document nodes and edges become
 * React Flow nodes and edges, and React Flow's changes and connections become document edits.
 * A React Flow node carries only what React Flow needs (id, kind, position, selection, size);
 * node components read their settings from the document store, and live figures and diagnostics
 * from their own stores, all by node id. So editing a setting, a metrics tick or a new finding
 * never hands React Flow new nodes, and only the node concerned re-renders.
 */

export type FlowNodeData = Record<string, never>;
export type FlowNode = Node<FlowNodeData, NodeKind>;
export type FlowEdgeData = { edge: PipelineEdge };
export type FlowEdge = Edge<FlowEdgeData, 'pipeline'>;

/** Handle ids. Workers have two outputs: completed jobs and failed jobs. */
export const HANDLE = { in: 'in', out: 'out', failed: 'failed' } as const;

/** Arrowhead colours (SVG markers cannot read CSS variables); mid-tones that read on both themes. */
export const EDGE_COLOR = '#8a94a6';
export const FAILED_COLOR = '#e5484d';
/** A flow's children and parent edges (docs/architecture.md "Flows"): the same hue as canvas.css. */
export const FLOW_COLOR = '#8e4ec6';

/**
 * How an edge is drawn: its arrowhead (colour; size, which SVG scales with the stroke, so a
 * heavier line gets a smaller one) and its class in canvas.css.
 */
function edgeLook(on: EdgeOn): { color: string; size?: number; className?: string } {
  switch (on) {
    case 'failed':
      return { color: FAILED_COLOR, className: 'edge-failed' };
    case 'children':
      return { color: FLOW_COLOR, size: 10, className: 'edge-children' };
    case 'parent':
      return { color: FLOW_COLOR, className: 'edge-parent' };
    case 'completed':
      return { color: EDGE_COLOR };
  }
}

export interface Size {
  width: number;
  height: number;
}

/** Remembers what each flow object was built from, so unchanged ones keep their identity. */
export interface AdapterCache {
  nodes: Map<
    string,
    {
      position: PipelineNode['position'];
      kind: NodeKind;
      selected: boolean;
      size?: Size;
      flow: FlowNode;
    }
  >;
  edges: Map<string, { source: PipelineEdge; selected: boolean; flow: FlowEdge }>;
  /** The last arrays handed out, returned again when nothing in them changed. */
  lastNodes: FlowNode[];
  lastEdges: FlowEdge[];
}

export const createAdapterCache = (): AdapterCache => ({
  nodes: new Map(),
  edges: new Map(),
  lastNodes: [],
  lastEdges: [],
});

const NO_DATA: FlowNodeData = {};

/** `next` if any element differs from `previous`, else `previous` (same array, same identity). */
function sameOrNew<T>(previous: T[], next: T[]): T[] {
  return previous.length === next.length && next.every((x, i) => x === previous[i])
    ? previous
    : next;
}

export function toFlowNodes(
  doc: PipelineDocument,
  selection: Selection,
  sizes: ReadonlyMap<string, Size> = new Map(),
  cache: AdapterCache = createAdapterCache(),
): FlowNode[] {
  const seen = new Set<string>();
  const out = doc.nodes.map((node) => {
    seen.add(node.id);
    const selected = selection.nodeIds.has(node.id);
    const size = sizes.get(node.id);
    const hit = cache.nodes.get(node.id);
    if (
      hit &&
      hit.position === node.position &&
      hit.kind === node.kind &&
      hit.selected === selected &&
      hit.size === size
    ) {
      return hit.flow;
    }
    const flow: FlowNode = {
      id: node.id,
      type: node.kind,
      position: { x: node.position.x, y: node.position.y },
      data: NO_DATA,
      selected,
      ...(size ? { measured: { width: size.width, height: size.height } } : {}),
    };
    const entry = { position: node.position, kind: node.kind, selected, flow };
    cache.nodes.set(node.id, size ? { ...entry, size } : entry);
    return flow;
  });
  for (const id of cache.nodes.keys()) if (!seen.has(id)) cache.nodes.delete(id);
  cache.lastNodes = sameOrNew(cache.lastNodes, out);
  return cache.lastNodes;
}

export function toFlowEdges(
  doc: Pick<PipelineDocument, 'edges'>,
  selection: Selection,
  cache: AdapterCache = createAdapterCache(),
): FlowEdge[] {
  const seen = new Set<string>();
  const out = doc.edges.map((edge) => {
    seen.add(edge.id);
    const selected = selection.edgeIds.has(edge.id);
    const hit = cache.edges.get(edge.id);
    if (hit && hit.source === edge && hit.selected === selected) return hit.flow;
    const on = edgeOn(edge);
    const failed = on === 'failed';
    const { color, size = 16, className } = edgeLook(on);
    const flow: FlowEdge = {
      id: edge.id,
      type: 'pipeline',
      source: edge.from,
      target: edge.to,
      sourceHandle: failed ? HANDLE.failed : HANDLE.out,
      targetHandle: HANDLE.in,
      data: { edge },
      selected,
      markerEnd: {
        type: MarkerType.ArrowClosed,
        width: size,
        height: size,
        color,
      },
      ...(className ? { className } : {}),
    };
    cache.edges.set(edge.id, { source: edge, selected, flow });
    return flow;
  });
  for (const id of cache.edges.keys()) if (!seen.has(id)) cache.edges.delete(id);
  cache.lastEdges = sameOrNew(cache.lastEdges, out);
  return cache.lastEdges;
}

/**
 * The label an edge shows: `on failed`, a flow's `children × N` (or `× min–max`, uniform) or
 * `parent (join)` — the parent job that runs once its children are done —, a routing
 * probability, or nothing.
 */
export function edgeLabel(edge: PipelineEdge): string | null {
  const parts: string[] = [];
  const on = edgeOn(edge);
  if (on === 'failed') parts.push('on failed');
  if (on === 'parent') parts.push('parent (join)');
  if (on === 'children') {
    const n = edgeChildren(edge);
    parts.push(`children × ${typeof n === 'number' ? n : `${n.min}–${n.max}`}`);
  }
  const p = edgeProbability(edge);
  if (edge.probability !== undefined && p !== 1) parts.push(`p = ${Number(p.toFixed(3))}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** A React Flow connection as a document edge request (which end is which, completed or failed). */
export function connectionToEdge(
  connection: Pick<Connection, 'source' | 'target' | 'sourceHandle'>,
): { from: string; to: string; on: EdgeOn } {
  return {
    from: connection.source,
    to: connection.target,
    on: connection.sourceHandle === HANDLE.failed ? 'failed' : 'completed',
  };
}

/** Positions from a batch of React Flow changes (a drag), or null if none moved. */
export function positionChanges(changes: readonly NodeChange[]): Map<string, XY> | null {
  let positions: Map<string, XY> | null = null;
  for (const change of changes) {
    if (change.type === 'position' && change.position) {
      (positions ??= new Map()).set(change.id, change.position);
    }
  }
  return positions;
}

/** Measured node sizes from a batch of changes, merged into `sizes`; true if any changed. */
export function applyDimensionChanges(
  changes: readonly NodeChange[],
  sizes: Map<string, Size>,
): boolean {
  let changed = false;
  for (const change of changes) {
    if (change.type !== 'dimensions' || !change.dimensions) continue;
    const old = sizes.get(change.id);
    const { width, height } = change.dimensions;
    if (old && old.width === width && old.height === height) continue;
    sizes.set(change.id, { width, height });
    changed = true;
  }
  return changed;
}

/** The selection after React Flow's select changes for nodes and/or edges, or null if unchanged. */
export function selectionAfterChanges(
  selection: Selection,
  nodeChanges: readonly NodeChange[],
  edgeChanges: readonly EdgeChange[],
): Selection | null {
  const nodeIds = new Set(selection.nodeIds);
  const edgeIds = new Set(selection.edgeIds);
  let changed = false;
  for (const c of nodeChanges) {
    if (c.type !== 'select') continue;
    changed = true;
    if (c.selected) nodeIds.add(c.id);
    else nodeIds.delete(c.id);
  }
  for (const c of edgeChanges) {
    if (c.type !== 'select') continue;
    changed = true;
    if (c.selected) edgeIds.add(c.id);
    else edgeIds.delete(c.id);
  }
  return changed ? { nodeIds, edgeIds } : null;
}
