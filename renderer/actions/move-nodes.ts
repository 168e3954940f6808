import { moveNodes } from '../editing/edit';
import type { XY } from '../editing/new-node';
import { changed } from './helpers';
import type { Action } from './types';

export interface MoveNodesInput {
  positions: ReadonlyMap<string, XY>;
  /** One id per drag gesture: every move of one drag becomes a single undo step. */
  gesture: string;
}

export const moveNodesAction: Action<MoveNodesInput> = {
  id: 'move-nodes',
  label: 'Move',
  group: 'canvas',
  perform: (state, { positions, gesture }) =>
    changed(state, moveNodes(state.doc.document, positions), {
      coalesceKey: `move:${gesture}`,
      windowMs: Infinity,
    }),
};
