import { describe, expect, it } from 'vitest';
import {
  EDGE_COLOR,
  FLOW_COLOR,
  HANDLE,
  applyDimensionChanges,
  connectionToEdge,
  createAdapterCache,
  edgeLabel,
  positionChanges,
  selectionAfterChanges,
  toFlowEdges,
  toFlowNodes,
  type Size,
} from '../../../../renderer/canvas/adapter';
import { moveNodes } from '../../../../renderer/editing/edit';
import { EMPTY_SELECTION, selectionOf } from '../../../../renderer/state/selection-store';
import { welcomeDoc } from '../actions/fixtures';

describe('canvas adapter: document → React Flow', () => {
  it('makes one typed node per document node, with no settings in node.data', () => {
    const doc = welcomeDoc();
    const nodes = toFlowNodes(doc, selectionOf(['emails']));
    expect(nodes.map((n) => [n.id, n.type, n.selected])).toEqual([
      ['signup', 'producer', false],
      ['emails', 'queue', true],
      ['sender', 'worker', false],
      ['dead-letters', 'queue', false],
    ]);
    expect(nodes[1]!.position).toEqual({ x: 250, y: 0 });
    // Components read settings from the document store and live figures from theirs, by id.
    expect(nodes[1]!.data).toEqual({});
  });

  it('maps edges to handles: completed from "out", failed from the worker\'s "failed" handle', () => {
    const edges = toFlowEdges(welcomeDoc(), selectionOf([], ['e3']));
    expect(
      edges.map((e) => [e.id, e.source, e.sourceHandle, e.target, e.targetHandle, e.selected]),
    ).toEqual([
      ['e1', 'signup', HANDLE.out, 'emails', HANDLE.in, false],
      ['e2', 'emails', HANDLE.out, 'sender', HANDLE.in, false],
      ['e3', 'sender', HANDLE.failed, 'dead-letters', HANDLE.in, true],
    ]);
    expect(edges[2]!.className).toBe('edge-failed');
  });

  it('draws a flow\'s children and parent edges from "out", in the flow colour', () => {
    const doc = {
      edges: [
        { id: 'c', from: 'split', to: 'parts', on: 'children' as const, children: 20 },
        { id: 'p', from: 'split', to: 'assemble', on: 'parent' as const },
        { id: 'n', from: 'split', to: 'audit' },
      ],
    };
    const edges = toFlowEdges(doc, EMPTY_SELECTION);
    expect(edges.map((e) => [e.id, e.sourceHandle, e.className])).toEqual([
      ['c', HANDLE.out, 'edge-children'],
      ['p', HANDLE.out, 'edge-parent'],
      ['n', HANDLE.out, undefined],
    ]);
    expect(edges.map((e) => (e.markerEnd as { color: string }).color)).toEqual([
      FLOW_COLOR,
      FLOW_COLOR,
      EDGE_COLOR,
    ]);
  });

  it('keeps the objects of unchanged nodes and edges, so React Flow re-renders only what changed', () => {
    const cache = createAdapterCache();
    const doc = welcomeDoc();
    const first = toFlowNodes(doc, EMPTY_SELECTION, new Map(), cache);
    const firstEdges = toFlowEdges(doc, EMPTY_SELECTION, cache);
    const moved = moveNodes(doc, new Map([['emails', { x: 300, y: 10 }]]));
    const second = toFlowNodes(moved, EMPTY_SELECTION, new Map(), cache);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]!.position).toEqual({ x: 300, y: 10 });
    expect(toFlowEdges(moved, EMPTY_SELECTION, cache)[0]).toBe(firstEdges[0]);
    const selected = toFlowNodes(moved, selectionOf(['sender']), new Map(), cache);
    expect(selected[0]).toBe(first[0]);
    expect(selected[2]).not.toBe(second[2]);
  });

  it('hands React Flow the very same arrays when only settings or names changed', () => {
    const cache = createAdapterCache();
    const doc = welcomeDoc();
    const nodes = toFlowNodes(doc, EMPTY_SELECTION, new Map(), cache);
    const edges = toFlowEdges(doc, EMPTY_SELECTION, cache);
    const edited = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.id === 'sender' ? { ...n, name: 'x', config: { ...n.config } } : n,
      ),
    } as typeof doc;
    expect(toFlowNodes(edited, EMPTY_SELECTION, new Map(), cache)).toBe(nodes);
    expect(toFlowEdges(edited, EMPTY_SELECTION, cache)).toBe(edges);
    expect(toFlowNodes(edited, selectionOf(['sender']), new Map(), cache)).not.toBe(nodes);
  });

  it('forgets deleted elements and passes measured sizes on', () => {
    const cache = createAdapterCache();
    const doc = welcomeDoc();
    toFlowNodes(doc, EMPTY_SELECTION, new Map(), cache);
    const sizes = new Map<string, Size>([['signup', { width: 190, height: 70 }]]);
    const smaller = { ...doc, nodes: doc.nodes.slice(0, 2) };
    const nodes = toFlowNodes(smaller, EMPTY_SELECTION, sizes, cache);
    expect(cache.nodes.size).toBe(2);
    expect(nodes[0]!.measured).toEqual({ width: 190, height: 70 });
    expect(nodes[1]!.measured).toBeUndefined();
  });

  it('labels edges with what they carry and their probability', () => {
    expect(edgeLabel({ id: 'a', from: 'w', to: 'q' })).toBeNull();
    expect(edgeLabel({ id: 'a', from: 'w', to: 'q', on: 'failed' })).toBe('on failed');
    expect(edgeLabel({ id: 'a', from: 'w', to: 'q', probability: 0.25 })).toBe('p = 0.25');
    expect(edgeLabel({ id: 'a', from: 'w', to: 'q', probability: 1 })).toBeNull();
    expect(edgeLabel({ id: 'a', from: 'w', to: 'q', on: 'failed', probability: 1 / 3 })).toBe(
      'on failed · p = 0.333',
    );
    expect(edgeLabel({ id: 'a', from: 'w', to: 'q', on: 'children', children: 50 })).toBe(
      'children × 50',
    );
    expect(
      edgeLabel({
        id: 'a',
        from: 'w',
        to: 'q',
        on: 'children',
        children: { type: 'uniform', min: 2, max: 8 },
      }),
    ).toBe('children × 2–8');
    expect(edgeLabel({ id: 'a', from: 'w', to: 'q', on: 'parent' })).toBe('parent (join)');
  });
});

describe('canvas adapter: React Flow → document', () => {
  it('reads a connection as an edge request, failed when drawn from the failed handle', () => {
    expect(connectionToEdge({ source: 'w', target: 'q', sourceHandle: HANDLE.failed })).toEqual({
      from: 'w',
      to: 'q',
      on: 'failed',
    });
    expect(connectionToEdge({ source: 'q', target: 'w', sourceHandle: HANDLE.out }).on).toBe(
      'completed',
    );
  });

  it('collects drag positions and measured sizes from a batch of changes', () => {
    expect(positionChanges([{ type: 'select', id: 'a', selected: true }])).toBeNull();
    const positions = positionChanges([
      { type: 'position', id: 'a', position: { x: 1, y: 2 }, dragging: true },
      { type: 'position', id: 'b', dragging: false },
    ]);
    expect([...positions!]).toEqual([['a', { x: 1, y: 2 }]]);
    const sizes = new Map<string, Size>();
    const change = { type: 'dimensions' as const, id: 'a', dimensions: { width: 10, height: 20 } };
    expect(applyDimensionChanges([change], sizes)).toBe(true);
    expect(applyDimensionChanges([change], sizes)).toBe(false);
    expect(sizes.get('a')).toEqual({ width: 10, height: 20 });
  });

  it('applies select changes to the selection, and reports no change when there is none', () => {
    const start = selectionOf(['a'], ['e1']);
    const next = selectionAfterChanges(
      start,
      [
        { type: 'select', id: 'a', selected: false },
        { type: 'select', id: 'b', selected: true },
      ],
      [{ type: 'select', id: 'e1', selected: false }],
    );
    expect([...next!.nodeIds]).toEqual(['b']);
    expect(next!.edgeIds.size).toBe(0);
    expect(selectionAfterChanges(start, [{ type: 'remove', id: 'a' }], [])).toBeNull();
  });
});
