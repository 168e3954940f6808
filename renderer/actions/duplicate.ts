import { extractFragment, mergeFragment, PASTE_STEP } from '../editing/fragment';
import { selectionOf } from '../state/selection-store';
import { changed, hasNodeSelection } from './helpers';
import type { Action } from './types';

/** Copies the selected nodes (and the edges between them) beside the originals, selected. */
export const duplicateAction: Action = {
  id: 'duplicate',
  label: 'Duplicate',
  group: 'edit',
  shortcuts: ['Mod+D'],
  enabled: hasNodeSelection,
  perform(state) {
    const doc = state.doc.document;
    const fragment = extractFragment(doc, state.selection.nodeIds);
    if (fragment.nodes.length === 0) return {};
    const merged = mergeFragment(doc, fragment, { x: PASTE_STEP, y: PASTE_STEP });
    return changed(state, merged.document, {
      selection: selectionOf(merged.nodeIds, merged.edgeIds),
    });
  },
};
