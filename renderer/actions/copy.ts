import { serializeDocument } from '../../shared/document';
import { extractFragment } from '../editing/fragment';
import { hasNodeSelection } from './helpers';
import type { Action, ActionState, Effect } from './types';

/** The clipboard write for the selected nodes and the edges between them, if any. */
export function copySelection(state: ActionState): Effect[] {
  const fragment = extractFragment(state.doc.document, state.selection.nodeIds);
  if (fragment.nodes.length === 0) return [];
  return [{ type: 'clipboard-write', text: serializeDocument(fragment) }];
}

/** Puts the selected nodes and the edges between them on the clipboard as pipewright/v1 JSON. */
export const copyAction: Action = {
  id: 'copy',
  label: 'Copy',
  group: 'edit',
  shortcuts: ['Mod+C'],
  enabled: hasNodeSelection,
  perform: (state) => ({ effects: copySelection(state) }),
};
