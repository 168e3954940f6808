import { removeElements } from '../editing/edit';
import { EMPTY_SELECTION } from '../state/selection-store';
import { copySelection } from './copy';
import { changed, hasNodeSelection } from './helpers';
import type { Action } from './types';

/** Copy, then delete the copied nodes (and any selected edges). */
export const cutAction: Action = {
  id: 'cut',
  label: 'Cut',
  group: 'edit',
  shortcuts: ['Mod+X'],
  enabled: hasNodeSelection,
  perform(state) {
    const effects = copySelection(state);
    if (effects.length === 0) return {};
    const doc = state.doc.document;
    const next = removeElements(doc, state.selection.nodeIds, state.selection.edgeIds);
    return { ...changed(state, next, { selection: EMPTY_SELECTION }), effects };
  },
};
