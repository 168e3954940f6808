import type { PathKey } from '../editing/edit';
import { editNodes } from '../editing/validate-edit';
import { changed } from './helpers';
import type { Action } from './types';

export interface EditNodesInput {
  nodeIds: readonly string[];
  /** Relative to the node, e.g. ['config', 'concurrency']. */
  path: readonly PathKey[];
  /** `undefined` removes an optional field. */
  value: unknown;
}

/**
 * Sets one field on one or several nodes (the inspector). Typing in the same field coalesces
 * into one undo step; an invalid value changes nothing and says why.
 */
export const editNodesAction: Action<EditNodesInput> = {
  id: 'edit-nodes',
  label: 'Edit nodes',
  group: 'canvas',
  perform(state, { nodeIds, path, value }) {
    const result = editNodes(state.doc.document, nodeIds, path, value);
    if (!result.ok)
      return { effects: [{ type: 'toast', tone: 'warning', message: result.message }] };
    return changed(state, result.document, {
      coalesceKey: `edit:${[...nodeIds].sort().join(',')}:${path.join('.')}`,
    });
  },
};
