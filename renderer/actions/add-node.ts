import { mergeFragment } from '../editing/fragment';
import { createNode } from '../editing/new-node';
import { NODE_SIZE } from '../editing/node-size';
import { selectionOf } from '../state/selection-store';
import { changed } from './helpers';
import type { Action, AddNodeInput } from './types';

/**
 * Adds a producer, queue or worker with a unique default name and sensible settings, at the
 * given point (a palette drop) or in the middle of the view, and selects it.
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
    return changed(state, merged.document, { selection: selectionOf(merged.nodeIds) });
  },
};
