import type { PathKey } from '../editing/edit';
import { editEdge } from '../editing/validate-edit';
import { changed } from './helpers';
import type { Action } from './types';

export interface EditEdgeInput {
  edgeId: string;
  path: readonly PathKey[];
  value: unknown;
}

/** Sets one field of an edge (`on`, `probability`), validated by the edge schema. */
export const editEdgeAction: Action<EditEdgeInput> = {
  id: 'edit-edge',
  label: 'Edit edge',
  group: 'canvas',
  perform(state, { edgeId, path, value }) {
    const doc = state.doc.document;
    const edge = doc.edges.find((e) => e.id === edgeId);
    const from = edge && doc.nodes.find((n) => n.id === edge.from);
    if (path[0] === 'on' && value === 'failed' && from?.kind !== 'worker') {
      const message = 'Only an edge leaving a worker can carry failed jobs.';
      return { effects: [{ type: 'toast', tone: 'warning', message }] };
    }
    const result = editEdge(doc, edgeId, path, value);
    if (!result.ok)
      return { effects: [{ type: 'toast', tone: 'warning', message: result.message }] };
    return changed(state, result.document, { coalesceKey: `edge:${edgeId}:${path.join('.')}` });
  },
};
