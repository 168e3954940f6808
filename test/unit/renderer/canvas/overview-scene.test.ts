import { describe, expect, it } from 'vitest';
import { getBezierPath, Position, type Edge, type InternalNode, type Node } from '@xyflow/react';
import { buildScene, nodeAt } from '../../../../renderer/canvas/overview/overview-scene';

/** A measured React Flow node with handles the way the canvas lays them out. */
function measured(id: string, type: string, x: number, y: number): InternalNode {
  const handle = (hid: string, position: Position, hx: number, hy: number) => ({
    id: hid,
    position,
    x: hx,
    y: hy,
    width: 10,
    height: 10,
    type: 'source' as const,
    nodeId: id,
  });
  return {
    id,
    type,
    position: { x, y },
    data: {},
    measured: { width: 200, height: 80 },
    internals: {
      positionAbsolute: { x, y },
      z: 0,
      userNode: { id, type, position: { x, y }, data: {} },
      handleBounds: {
        source: [handle('out', Position.Right, 195, 35), handle('failed', Position.Bottom, 95, 75)],
        target: [{ ...handle('in', Position.Left, -5, 35), type: 'target' as const }],
      },
    },
  } as InternalNode;
}

const lookup = new Map([
  ['q', measured('q', 'queue', 0, 0)],
  ['w', measured('w', 'worker', 400, 0)],
  ['dlq', measured('dlq', 'queue', 400, 300)],
  ['unmeasured', { ...measured('unmeasured', 'queue', 0, 0), measured: {} } as InternalNode],
]);
const nodes = [...lookup.keys()].map((id) => ({ id }) as Node);
const edges: Edge[] = [
  { id: 'e1', source: 'q', target: 'w', sourceHandle: 'out', targetHandle: 'in' },
  { id: 'e2', source: 'w', target: 'dlq', sourceHandle: 'failed', targetHandle: 'in' },
  { id: 'e3', source: 'w', target: 'unmeasured', sourceHandle: 'out', targetHandle: 'in' },
];

const asPath = ([x0, y0, x1, y1, x2, y2, x3, y3]: readonly number[]) =>
  `M${x0},${y0} C${x1},${y1} ${x2},${y2} ${x3},${y3}`;

describe('the overview scene', () => {
  const scene = buildScene(lookup, nodes, edges, new Map([['w', 'sender']]));

  it('has a box per measured node, named as the user named it', () => {
    expect(scene.nodes.map((n) => [n.id, n.kind, n.name, n.x, n.y, n.width, n.height])).toEqual([
      ['q', 'queue', 'q', 0, 0, 200, 80],
      ['w', 'worker', 'sender', 400, 0, 200, 80],
      ['dlq', 'queue', 'dlq', 400, 300, 200, 80],
    ]);
  });

  it('runs each edge between its handles as React Flow draws it', () => {
    expect(scene.edges.map((e) => e.id)).toEqual(['e1', 'e2']);
    const [straight, failed] = scene.edges;
    // From the right edge of q's out handle to the left edge of w's in handle, level.
    expect(straight!.failed).toBe(false);
    expect(straight!.curve).toEqual([205, 40, 300, 40, 300, 40, 395, 40]);
    expect(asPath(straight!.curve)).toBe(
      getBezierPath({
        sourceX: 205,
        sourceY: 40,
        sourcePosition: Position.Right,
        targetX: 395,
        targetY: 40,
        targetPosition: Position.Left,
      })[0],
    );
    // The failed route leaves downwards from the bottom handle and enters the dead-letter queue
    // from the left.
    expect(failed!.failed).toBe(true);
    const [x0, y0, x1, y1, x2, y2, x3, y3] = failed!.curve;
    expect([x0, y0]).toEqual([500, 85]);
    expect(x1).toBe(500);
    expect(y1).toBeGreaterThan(y0);
    expect(y2).toBe(340);
    expect(x2).toBeLessThan(x3);
    expect([x3, y3]).toEqual([395, 340]);
    expect(asPath(failed!.curve)).toBe(
      getBezierPath({
        sourceX: 500,
        sourceY: 85,
        sourcePosition: Position.Bottom,
        targetX: 395,
        targetY: 340,
        targetPosition: Position.Left,
      })[0],
    );
  });

  it('finds the topmost node under a point', () => {
    expect(nodeAt(scene, 450, 40)?.id).toBe('w');
    expect(nodeAt(scene, 300, 40)).toBeUndefined();
    const stacked = { ...scene, nodes: [...scene.nodes, { ...scene.nodes[0]!, id: 'top' }] };
    expect(nodeAt(stacked, 10, 10)?.id).toBe('top');
  });
});
