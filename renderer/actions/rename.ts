import { replaceNodes } from '../editing/edit';
import { changed } from './helpers';
import type { Action, ActionState } from './types';

export interface RenameInput {
  nodeId: string;
  name: string;
}

const single = (s: ActionState): string | undefined =>
  s.selection.nodeIds.size === 1 ? [...s.selection.nodeIds][0] : undefined;

/**
 * F2 starts renaming the selected node in place; the name typed there comes back as input.
 * A name is trimmed and must not be empty (the schema's rule); duplicates are left to the checks.
 */
export const renameAction: Action<RenameInput | void> = {
  id: 'rename',
  label: 'Rename',
  group: 'edit',
  shortcuts: ['F2'],
  enabled: (s) => single(s) !== undefined,
  perform(state, input) {
    if (!input) {
      const nodeId = single(state);
      return nodeId ? { effects: [{ type: 'rename', nodeId }] } : {};
    }
    const node = state.doc.document.nodes.find((n) => n.id === input.nodeId);
    const name = input.name.trim();
    if (!node || name === node.name) return {};
    if (name === '' || name.length > 200) {
      return {
        effects: [{ type: 'toast', tone: 'warning', message: 'A name needs 1 to 200 characters.' }],
      };
    }
    return changed(
      state,
      replaceNodes(state.doc.document, new Map([[node.id, { ...node, name }]])),
    );
  },
};
