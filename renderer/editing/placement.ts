import type { NodeKind, PipelineDocument, PipelineNode } from '../../shared/document';
import type { XY } from './new-node';
import { NODE_SIZE } from './node-size';

/** Space between a node and the one placed after it, and around every node (flow units). */
export const PLACE_GAP_X = 96;
export const PLACE_MARGIN = 24;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const boxOf = (n: PipelineNode): Box => ({ ...n.position, ...NODE_SIZE[n.kind] });

const overlaps = (a: Box, b: Box, margin: number): boolean =>
  a.x < b.x + b.width + margin &&
  b.x < a.x + a.width + margin &&
  a.y < b.y + b.height + margin &&
  b.y < a.y + a.height + margin;

/**
 * The free spot nearest to `wanted` for a node of `kind`: the same x, and the first y in the
 * order wanted, one row below, one above, two below, … where it overlaps no node (with a margin).
 */
export function freeSpot(doc: PipelineDocument, kind: NodeKind, wanted: XY): XY {
  const size = NODE_SIZE[kind];
  const boxes = doc.nodes.map(boxOf);
  const step = size.height + PLACE_MARGIN;
  for (let i = 0; i < 200; i++) {
    const row = i === 0 ? 0 : i % 2 === 1 ? (i + 1) / 2 : -i / 2;
    const at = { x: Math.round(wanted.x), y: Math.round(wanted.y + row * step) };
    if (!boxes.some((b) => overlaps({ ...at, ...size }, b, PLACE_MARGIN))) return at;
  }
  return { x: Math.round(wanted.x), y: Math.round(wanted.y) };
}

/** The node the new one follows: of the selected nodes, the one reaching furthest right. */
export function anchorOf(
  doc: PipelineDocument,
  selected: ReadonlySet<string>,
): PipelineNode | undefined {
  let anchor: PipelineNode | undefined;
  for (const n of doc.nodes) {
    if (!selected.has(n.id)) continue;
    const right = n.position.x + NODE_SIZE[n.kind].width;
    if (!anchor || right > anchor.position.x + NODE_SIZE[anchor.kind].width) anchor = n;
  }
  return anchor;
}

/**
 * Where a node of `kind` added after `anchor` goes (as n8n and Node-RED place it): to its right
 * (or, `before`, to its left: a producer feeding a selected queue), centred on its row, moved
 * down or up to the nearest spot that overlaps nothing.
 */
export function placeAfter(
  doc: PipelineDocument,
  anchor: PipelineNode,
  kind: NodeKind,
  side: 'after' | 'before' = 'after',
): XY {
  const from = NODE_SIZE[anchor.kind];
  const size = NODE_SIZE[kind];
  const x =
    side === 'after'
      ? anchor.position.x + from.width + PLACE_GAP_X
      : anchor.position.x - PLACE_GAP_X - size.width;
  return freeSpot(doc, kind, { x, y: anchor.position.y + (from.height - size.height) / 2 });
}
