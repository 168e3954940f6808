import { checkConnection } from '../../shared/document';
import { mergeFragment } from '../editing/fragment';
import { numbered } from '../editing/names';
import { createNode } from '../editing/new-node';
import { NODE_SIZE } from '../editing/node-size';
import { selectionOf } from '../state/selection-store';
import { changed } from './helpers';
import type { Action, AddNodeInput } from './types';

/**
 * Adds a producer, queue or worker with a unique default name and sensible settings, at the
 * given point (a palette drop) or in the middle of the view, and selects it. With `link`, it is
 * connected to an existing node in the same undo step.
 */
export const addNodeAction: Action<AddNodeInput> = {
  id: 'add-node',
  label: 'Add node',
  group: 'insert',
  perform(state, input) {
    const size = NODE_SIZE[input.kind];
    const at = input.position ?? {
      x: state.viewCenter.x - size.width / 2,
      y: state.viewCenter.y - size.height / 2,
    };
    const doc = state.doc.document;
    const node = createNode(doc, input.kind, at);
    const merged = mergeFragment(doc, { nodes: [node], edges: [] });
    let next = merged.document;
    if (input.link) {
      const { nodeId, direction, on = 'completed' } = input.link;
      const [from, to] = direction === 'from' ? [nodeId, node.id] : [node.id, nodeId];
      const check = checkConnection(next, from, to, on);
      if (!check.ok)
        return { effects: [{ type: 'toast', tone: 'warning', message: check.reason }] };
      const id = numbered('e', new Set(next.edges.map((e) => e.id)), '');
      const edge = on === 'failed' ? { id, from, to, on } : { id, from, to };
      next = { ...next, edges: [...next.edges, edge] };
    }
    return changed(state, next, { selection: selectionOf(merged.nodeIds) });
  },
};
