import type { PathKey } from '../editing/edit';
import { editDocument } from '../editing/validate-edit';
import { changed } from './helpers';
import type { Action } from './types';

export interface EditDocumentInput {
  path: readonly ['name' | 'description' | 'settings', ...PathKey[]];
  value: unknown;
}

/** Sets the pipeline's name, description or a setting. */
export const editDocumentAction: Action<EditDocumentInput> = {
  id: 'edit-document',
  label: 'Edit pipeline',
  group: 'canvas',
  perform(state, { path, value }) {
    const result = editDocument(state.doc.document, path, value);
    if (!result.ok)
      return { effects: [{ type: 'toast', tone: 'warning', message: result.message }] };
    return changed(state, result.document, { coalesceKey: `document:${path.join('.')}` });
  },
};
