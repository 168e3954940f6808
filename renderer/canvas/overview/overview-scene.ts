import { Position, type Edge, type InternalNode, type Node } from '@xyflow/react';
import { HANDLE } from '../adapter';

/**
 * What the overview draws, in flow coordinates: each node's box and each edge's bezier, from
 * React Flow's own measurements (node boxes, handle bounds), so the overview lines up exactly
 * with the nodes and edges drawn when zoomed in.
 */
export interface SceneNode {
  id: string;
  kind: string;
  /** The node's name as the user wrote it. */
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SceneEdge {
  id: string;
  failed: boolean;
  /** Start, first control point, second control point, end: x0, y0, x1, y1, x2, y2, x3, y3. */
  curve: [number, number, number, number, number, number, number, number];
}

export interface Scene {
  nodes: SceneNode[];
  edges: SceneEdge[];
}

type Handle = NonNullable<InternalNode['internals']['handleBounds']>['source'];

function handlePoint(
  node: InternalNode,
  handles: Handle | undefined,
  id: string | null | undefined,
  fallback: Position,
): { x: number; y: number; position: Position } {
  const { x, y } = node.internals.positionAbsolute;
  const handle = handles?.find((h) => (id ? h.id === id : true));
  if (!handle) {
    const w = node.measured.width ?? 0;
    const h = node.measured.height ?? 0;
    return fallback === Position.Left
      ? { x, y: y + h / 2, position: fallback }
      : { x: x + w, y: y + h / 2, position: fallback };
  }
  const cx = x + handle.x + handle.width / 2;
  const cy = y + handle.y + handle.height / 2;
  switch (handle.position) {
    case Position.Left:
      return { x: x + handle.x, y: cy, position: handle.position };
    case Position.Right:
      return { x: x + handle.x + handle.width, y: cy, position: handle.position };
    case Position.Top:
      return { x: cx, y: y + handle.y, position: handle.position };
    case Position.Bottom:
      return { x: cx, y: y + handle.y + handle.height, position: handle.position };
  }
}

// React Flow's bezier edge (getBezierPath): the control point leaves the handle along its side,
// by half the distance when the target lies ahead, and curves round when it lies behind.
const offset = (distance: number, curvature = 0.25) =>
  distance >= 0 ? 0.5 * distance : curvature * 25 * Math.sqrt(-distance);

function control(position: Position, x1: number, y1: number, x2: number, y2: number) {
  switch (position) {
    case Position.Left:
      return [x1 - offset(x1 - x2), y1] as const;
    case Position.Right:
      return [x1 + offset(x2 - x1), y1] as const;
    case Position.Top:
      return [x1, y1 - offset(y1 - y2)] as const;
    case Position.Bottom:
      return [x1, y1 + offset(y2 - y1)] as const;
  }
}

/** The scene of the measured nodes and the edges between them. */
export function buildScene(
  nodeLookup: ReadonlyMap<string, InternalNode>,
  nodes: readonly Node[],
  edges: readonly Edge[],
  names: ReadonlyMap<string, string>,
): Scene {
  const sceneNodes: SceneNode[] = [];
  for (const { id } of nodes) {
    const node = nodeLookup.get(id);
    const width = node?.measured.width;
    const height = node?.measured.height;
    if (!node || !width || !height) continue;
    const { x, y } = node.internals.positionAbsolute;
    sceneNodes.push({
      id,
      kind: node.type ?? 'node',
      name: names.get(id) ?? id,
      x,
      y,
      width,
      height,
    });
  }
  const sceneEdges: SceneEdge[] = [];
  for (const edge of edges) {
    const source = nodeLookup.get(edge.source);
    const target = nodeLookup.get(edge.target);
    if (!source?.measured.width || !target?.measured.width) continue;
    const s = handlePoint(
      source,
      source.internals.handleBounds?.source ?? undefined,
      edge.sourceHandle,
      Position.Right,
    );
    const t = handlePoint(
      target,
      target.internals.handleBounds?.target ?? undefined,
      edge.targetHandle,
      Position.Left,
    );
    const [c1x, c1y] = control(s.position, s.x, s.y, t.x, t.y);
    const [c2x, c2y] = control(t.position, t.x, t.y, s.x, s.y);
    sceneEdges.push({
      id: edge.id,
      failed: edge.sourceHandle === HANDLE.failed,
      curve: [s.x, s.y, c1x, c1y, c2x, c2y, t.x, t.y],
    });
  }
  return { nodes: sceneNodes, edges: sceneEdges };
}

/** The topmost node under a point (flow coordinates), if any. */
export function nodeAt(scene: Scene, x: number, y: number): SceneNode | undefined {
  for (let i = scene.nodes.length - 1; i >= 0; i--) {
    const n = scene.nodes[i]!;
    if (x >= n.x && x <= n.x + n.width && y >= n.y && y <= n.y + n.height) return n;
  }
  return undefined;
}
