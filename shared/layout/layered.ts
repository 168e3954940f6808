import ELK from 'elkjs/lib/elk.bundled.js';
import type { PipelineDocument } from '../document/schema';
import { NODE_SIZE } from './node-size';

export interface XY {
  x: number;
  y: number;
}

export type NodeSizes = ReadonlyMap<string, { width: number; height: number }>;

const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.spacing.nodeNode': '40',
  'elk.spacing.componentComponent': '60',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

let elk: InstanceType<typeof ELK> | null = null;

/**
 * Left-to-right layered positions for every node (producers on the left, jobs flowing right),
 * computed by elkjs. Measured sizes are used where known, nominal sizes otherwise.
 */
export async function layeredPositions(
  doc: PipelineDocument,
  sizes: NodeSizes = new Map(),
): Promise<Map<string, XY>> {
  elk ??= new ELK();
  const result = await elk.layout({
    id: 'root',
    layoutOptions: LAYOUT_OPTIONS,
    children: doc.nodes.map((n) => ({ id: n.id, ...(sizes.get(n.id) ?? NODE_SIZE[n.kind]) })),
    edges: doc.edges.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  });
  const positions = new Map<string, XY>();
  for (const child of result.children ?? []) {
    positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  }
  return positions;
}
