import { hasAnySelection } from './helpers';
import type { Action } from './types';

/** Zooms to the selected nodes, and to both ends of each selected edge. */
export const zoomToSelectionAction: Action = {
  id: 'zoom-to-selection',
  label: 'Zoom to selection',
  group: 'view',
  shortcuts: ['Shift+2'],
  inQuickAdd: true,
  enabled: hasAnySelection,
  perform(state) {
    const ids = new Set(state.selection.nodeIds);
    for (const edge of state.doc.document.edges) {
      if (state.selection.edgeIds.has(edge.id)) ids.add(edge.from).add(edge.to);
    }
    if (ids.size === 0) return {};
    return { effects: [{ type: 'fit-view', nodeIds: [...ids] }] };
  },
};
