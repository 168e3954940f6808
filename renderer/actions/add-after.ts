import type { NodeKind, PipelineDocument } from '../../shared/document';
import { checkConnection, nextKind } from '../../shared/document';
import { idFromName, numbered, uniqueName } from '../editing/names';
import { createNode } from '../editing/new-node';
import { NODE_SIZE } from '../editing/node-size';
import { anchorOf, freeSpot, placeAfter } from '../editing/placement';
import { selectionOf } from '../state/selection-store';
import { changed } from './helpers';
import type { Action, Effect } from './types';

export interface AddAfterInput {
  kind: NodeKind;
  /** The name typed with the kind in quick add ("queue emails"); a default name when absent. */
  name?: string;
}

/** A new node of `kind`, named `wanted` when given (kept unique, its id derived from it). */
function namedNode(doc: PipelineDocument, kind: NodeKind, wanted: string | undefined) {
  const node = createNode(doc, kind, { x: 0, y: 0 });
  const name = wanted?.trim().slice(0, 200);
  if (!name) return node;
  const names = new Set(doc.nodes.map((n) => n.name));
  const ids = new Set(doc.nodes.map((n) => n.id));
  return { ...node, name: uniqueName(name, names), id: uniqueName(idFromName(name), ids) };
}

/**
 * Quick add's node: placed after the selection (to the right of the selected node reaching
 * furthest right, on a spot overlapping nothing) and wired from it when that edge is legal, in one
 * undo step. A producer added with a queue selected goes before it and feeds it. With nothing
 * selected, it goes in the middle of the view. The new node is selected and scrolled into view,
 * so a chain is built with select → Ctrl+K → "worker sender" → Enter, again and again.
 */
export const addAfterSelectionAction: Action<AddAfterInput> = {
  id: 'add-after-selection',
  label: 'Add node after the selection',
  group: 'insert',
  perform(state, { kind, name }) {
    const doc = state.doc.document;
    const anchor = anchorOf(doc, state.selection.nodeIds);
    const node = namedNode(doc, kind, name);
    const size = NODE_SIZE[kind];
    // A producer only ever feeds: with a queue selected, it goes before it.
    const before = anchor !== undefined && nextKind(kind) === anchor.kind && kind === 'producer';
    node.position = anchor
      ? placeAfter(doc, anchor, kind, before ? 'before' : 'after')
      : freeSpot(doc, kind, {
          x: state.viewCenter.x - size.width / 2,
          y: state.viewCenter.y - size.height / 2,
        });
    let next: PipelineDocument = { ...doc, nodes: [...doc.nodes, node] };
    const effects: Effect[] = [{ type: 'reveal', nodeIds: [node.id] }];
    if (anchor) {
      const [from, to] = before ? [node.id, anchor.id] : [anchor.id, node.id];
      const check = checkConnection(next, from, to);
      if (check.ok) {
        const id = numbered('e', new Set(next.edges.map((e) => e.id)), '');
        next = { ...next, edges: [...next.edges, { id, from, to }] };
      } else {
        effects.push({
          type: 'toast',
          tone: 'info',
          message: `Added "${node.name}" beside "${anchor.name}" without an edge: ${check.reason}`,
        });
      }
    }
    return { ...changed(state, next, { selection: selectionOf([node.id]) }), effects };
  },
};
