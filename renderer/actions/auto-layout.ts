import { moveNodes } from '../editing/edit';
import { layeredPositions, type NodeSizes } from '../editing/layout';
import { changed } from './helpers';
import type { Action } from './types';

/** Lays the whole pipeline out left to right in layers (elkjs), as one undo step. */
export const autoLayoutAction: Action<NodeSizes | void> = {
  id: 'auto-layout',
  label: 'Auto-layout',
  group: 'view',
  shortcuts: ['Mod+Shift+L'],
  inQuickAdd: true,
  enabled: (s) => s.doc.document.nodes.length > 0,
  async perform(state, sizes) {
    const doc = state.doc.document;
    if (doc.nodes.length === 0) return {};
    const positions = await layeredPositions(doc, sizes ?? undefined);
    return { ...changed(state, moveNodes(doc, positions)), effects: [{ type: 'fit-view' }] };
  },
};
