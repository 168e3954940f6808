import type { PipelineDocument } from '../../shared/document';
import { commit, type CommitOptions } from '../state/history';
import { selectionOf, type Selection } from '../state/selection-store';
import type { ActionResult, ActionState } from './types';

/** A result that makes `next` the document as one undo step (or coalesced into the last). */
export function changed(
  state: ActionState,
  next: PipelineDocument,
  options: Omit<CommitOptions, 'now'> & { selection?: Selection } = {},
): ActionResult {
  if (next === state.doc.document) return options.selection ? { selection: options.selection } : {};
  const { selection, ...commitOptions } = options;
  return {
    doc: commit(state.doc, next, { ...commitOptions, now: state.now }),
    ...(selection ? { selection } : {}),
  };
}

export const hasNodeSelection = (state: ActionState): boolean => state.selection.nodeIds.size > 0;

export const hasAnySelection = (state: ActionState): boolean =>
  state.selection.nodeIds.size > 0 || state.selection.edgeIds.size > 0;

/** The selection with ids that no longer exist in `doc` removed. */
export function selectionIn(doc: PipelineDocument, selection: Selection): Selection {
  const nodeIds = new Set(doc.nodes.map((n) => n.id));
  const edgeIds = new Set(doc.edges.map((e) => e.id));
  return selectionOf(
    [...selection.nodeIds].filter((id) => nodeIds.has(id)),
    [...selection.edgeIds].filter((id) => edgeIds.has(id)),
  );
}
