import { selectionOf } from '../state/selection-store';
import type { Action } from './types';

export const selectAllAction: Action = {
  id: 'select-all',
  label: 'Select all',
  group: 'edit',
  shortcuts: ['Mod+A'],
  enabled: (s) => s.doc.document.nodes.length > 0,
  perform: (state) => ({
    selection: selectionOf(
      state.doc.document.nodes.map((n) => n.id),
      state.doc.document.edges.map((e) => e.id),
    ),
  }),
};
