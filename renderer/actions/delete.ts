import { removeElements } from '../editing/edit';
import { EMPTY_SELECTION } from '../state/selection-store';
import { changed, hasAnySelection } from './helpers';
import type { Action } from './types';

/** Deletes the selected nodes and edges; edges touching a deleted node go too. */
export const deleteAction: Action = {
  id: 'delete',
  label: 'Delete',
  group: 'edit',
  shortcuts: ['Delete', 'Backspace'],
  enabled: hasAnySelection,
  perform(state) {
    const next = removeElements(
      state.doc.document,
      state.selection.nodeIds,
      state.selection.edgeIds,
    );
    return changed(state, next, { selection: EMPTY_SELECTION });
  },
};
