import { mergeFragment, readFragment } from '../editing/fragment';
import { selectionOf } from '../state/selection-store';
import { changed } from './helpers';
import type { Action } from './types';

/**
 * Pastes pipewright/v1 JSON from the clipboard: nodes keep their layout, get fresh ids and names
 * where they clash, and are shifted while they would cover existing nodes exactly.
 */
export const pasteAction: Action<string> = {
  id: 'paste',
  label: 'Paste',
  group: 'edit',
  shortcuts: ['Mod+V'],
  needs: 'clipboard',
  perform(state, text) {
    const read = readFragment(text);
    if (!read.ok) {
      const first = read.errors[0];
      const detail = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : '';
      return {
        effects: [
          {
            type: 'toast',
            tone: 'warning',
            message: `Nothing to paste: the clipboard does not hold Pipewright nodes (${detail}).`,
          },
        ],
      };
    }
    const merged = mergeFragment(state.doc.document, read.fragment);
    return {
      ...changed(state, merged.document, {
        selection: selectionOf(merged.nodeIds, merged.edgeIds),
      }),
      effects: [{ type: 'reveal', nodeIds: merged.nodeIds }],
    };
  },
};
