import type { PipelineDocument } from '../../shared/document';
import { mergeFragment } from '../editing/fragment';
import type { XY } from '../editing/new-node';
import { selectionOf } from '../state/selection-store';
import { changed } from './helpers';
import type { Action } from './types';

export interface InsertFragmentInput {
  fragment: Pick<PipelineDocument, 'nodes' | 'edges'>;
  /** Where the fragment's centre goes; the middle of the view by default. */
  at?: XY;
}

/** Inserts a ready-made group of nodes (quick-add fragments, examples), centred, selected. */
export const insertFragmentAction: Action<InsertFragmentInput> = {
  id: 'insert-fragment',
  label: 'Insert nodes',
  group: 'insert',
  perform(state, { fragment, at }) {
    if (fragment.nodes.length === 0) return {};
    const xs = fragment.nodes.map((n) => n.position.x);
    const ys = fragment.nodes.map((n) => n.position.y);
    const centre = {
      x: (Math.min(...xs) + Math.max(...xs)) / 2,
      y: (Math.min(...ys) + Math.max(...ys)) / 2,
    };
    const target = at ?? state.viewCenter;
    const offset = { x: Math.round(target.x - centre.x), y: Math.round(target.y - centre.y) };
    const merged = mergeFragment(state.doc.document, fragment, offset);
    return {
      ...changed(state, merged.document, {
        selection: selectionOf(merged.nodeIds, merged.edgeIds),
      }),
      effects: [{ type: 'reveal', nodeIds: merged.nodeIds }],
    };
  },
};
