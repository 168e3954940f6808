import { canRedo, redo } from '../state/history';
import { selectionIn } from './helpers';
import type { Action } from './types';

export const redoAction: Action = {
  id: 'redo',
  label: 'Redo',
  group: 'edit',
  shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
  shortcutInFields: true,
  enabled: (s) => canRedo(s.doc),
  perform(state) {
    const doc = redo(state.doc);
    return { doc, selection: selectionIn(doc.document, state.selection) };
  },
};
