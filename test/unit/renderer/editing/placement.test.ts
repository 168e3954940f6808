import { describe, expect, it } from 'vitest';
import type { PipelineNode } from '../../../../shared/document';
import { NODE_SIZE } from '../../../../renderer/editing/node-size';
import {
  PLACE_GAP_X,
  PLACE_MARGIN,
  anchorOf,
  freeSpot,
  placeAfter,
} from '../../../../renderer/editing/placement';
import { welcomeDoc } from '../actions/fixtures';

const node = (doc: ReturnType<typeof welcomeDoc>, id: string): PipelineNode =>
  doc.nodes.find((n) => n.id === id)!;

/** True when two nodes' boxes (nominal sizes) share any point. */
const overlap = (a: PipelineNode, b: PipelineNode) => {
  const sa = NODE_SIZE[a.kind];
  const sb = NODE_SIZE[b.kind];
  return (
    a.position.x < b.position.x + sb.width &&
    b.position.x < a.position.x + sa.width &&
    a.position.y < b.position.y + sb.height &&
    b.position.y < a.position.y + sa.height
  );
};

describe('quick-add placement', () => {
  it('puts a node to the right of the anchor, centred on its row, when that spot is free', () => {
    const doc = welcomeDoc();
    // Only the worker at x 500 is near: dead-letters (750, 100) is in the way of the first spot.
    const spot = placeAfter({ ...doc, nodes: doc.nodes.slice(0, 3) }, node(doc, 'sender'), 'queue');
    expect(spot).toEqual({ x: 500 + NODE_SIZE.worker.width + PLACE_GAP_X, y: 4 });
  });

  it('moves down (then up) to the nearest row that overlaps no node', () => {
    const doc = welcomeDoc();
    const sender = node(doc, 'sender');
    const spot = placeAfter(doc, sender, 'queue');
    expect(spot.x).toBe(792);
    const placed = { ...node(doc, 'dead-letters'), id: 'new', position: spot };
    expect(doc.nodes.some((n) => overlap(n, placed))).toBe(false);
    // dead-letters spans y 100..184: the first free row is above it, one step up from y 4.
    expect(spot.y).toBe(4 - (NODE_SIZE.queue.height + PLACE_MARGIN));
  });

  it('never overlaps, however crowded the column', () => {
    const doc = welcomeDoc();
    const column = Array.from({ length: 8 }, (_, i) => ({
      ...node(doc, 'dead-letters'),
      id: `q${i}`,
      name: `q${i}`,
      position: { x: 780, y: -400 + i * 100 },
    }));
    const crowded = { ...doc, nodes: [...doc.nodes, ...column] };
    const spot = freeSpot(crowded, 'queue', { x: 792, y: 4 });
    const placed = { ...column[0]!, id: 'new', position: spot };
    expect(crowded.nodes.filter((n) => overlap(n, placed))).toEqual([]);
    expect(spot.x).toBe(792);
  });

  it('follows the selected node that reaches furthest right', () => {
    const doc = welcomeDoc();
    expect(anchorOf(doc, new Set(['signup', 'sender', 'emails']))?.id).toBe('sender');
    expect(anchorOf(doc, new Set())).toBeUndefined();
  });

  it('puts a producer before its queue', () => {
    const doc = welcomeDoc();
    const spot = placeAfter(doc, node(doc, 'dead-letters'), 'producer', 'before');
    expect(spot.x).toBe(750 - PLACE_GAP_X - NODE_SIZE.producer.width);
  });
});
