import { useMemo } from 'react';
import { editDocumentAction, type EditDocumentInput } from '../actions/edit-document';
import { editEdgeAction } from '../actions/edit-edge';
import { editNodesAction } from '../actions/edit-nodes';
import { runActionSync } from '../actions/run';
import type { PathKey } from '../editing/edit';
import { editDocument, editEdge } from '../editing/validate-edit';
import { documentStore } from '../state/document-store';
import type { Commit } from './values';

/**
 * Field editors for the inspector. Each returns a `Commit` for a path: it validates the value
 * with the document schema, applies it live through the registered edit action (so typing
 * coalesces into one undo step), and returns the schema's message when the value is refused.
 * A path's `Commit` stays the same function while the edited elements do, so a field whose
 * value did not change skips re-rendering when another one is typed in.
 */
function commitsByPath<P extends readonly PathKey[] | EditDocumentInput['path']>(
  commitFor: (path: P) => Commit,
): (path: P) => Commit {
  const made = new Map<string, Commit>();
  return (path) => {
    const key = JSON.stringify(path);
    let commit = made.get(key);
    if (!commit) made.set(key, (commit = commitFor(path)));
    return commit;
  };
}

export function useNodeEditor(nodeIds: readonly string[]): (path: readonly PathKey[]) => Commit {
  return useMemo(
    () =>
      commitsByPath<readonly PathKey[]>((path) => (value) => {
        // The action checks the value with the schema itself; a refusal comes back as its toast,
        // shown here beneath the field instead.
        const effects = runActionSync(
          editNodesAction,
          { nodeIds, path, value },
          (effect) => effect.type === 'toast',
        );
        const refused = effects.find((e) => e.type === 'toast');
        return refused?.type === 'toast' ? refused.message : null;
      }),
    [nodeIds],
  );
}

export function useEdgeEditor(edgeId: string): (path: readonly PathKey[]) => Commit {
  return useMemo(
    () =>
      commitsByPath<readonly PathKey[]>((path) => (value) => {
        const result = editEdge(documentStore.getState().document, edgeId, path, value);
        if (!result.ok) return result.message;
        const effects = runActionSync(editEdgeAction, { edgeId, path, value });
        const refused = effects.find((e) => e.type === 'toast');
        return refused?.type === 'toast' ? refused.message : null;
      }),
    [edgeId],
  );
}

export function useDocumentEditor(): (path: EditDocumentInput['path']) => Commit {
  return useMemo(
    () =>
      commitsByPath<EditDocumentInput['path']>((path) => (value) => {
        const result = editDocument(documentStore.getState().document, path, value);
        if (!result.ok) return result.message;
        runActionSync(editDocumentAction, { path, value });
        return null;
      }),
    [],
  );
}
