import { canUndo, undo } from '../state/history';
import { selectionIn } from './helpers';
import type { Action } from './types';

export const undoAction: Action = {
  id: 'undo',
  label: 'Undo',
  group: 'edit',
  shortcuts: ['Mod+Z'],
  shortcutInFields: true,
  enabled: (s) => canUndo(s.doc),
  perform(state) {
    const doc = undo(state.doc);
    return { doc, selection: selectionIn(doc.document, state.selection) };
  },
};
