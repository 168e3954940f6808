import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { PipelineDocument } from '../../shared/document';
import { blankDocument } from '../editing/blank';
import { initialDocumentState, type DocumentState } from './history';

/**
 * The open document, its file path and its undo history. Editor operations change it through
 * registered actions (renderer/actions/), which are pure functions from one DocumentState to the
 * next; this store only holds the result.
 */
export const documentStore = createStore<DocumentState>()(() =>
  initialDocumentState(blankDocument()),
);

export function useDocumentState<T>(selector: (state: DocumentState) => T): T {
  return useStore(documentStore, selector);
}

export const useDocument = (): PipelineDocument => useDocumentState((s) => s.document);

/** Replaces the open document (New, Open, Import, restore), clearing the undo history. */
export function loadDocument(
  document: PipelineDocument,
  path: string | null,
  options: { dirty?: boolean } = {},
): void {
  documentStore.setState(initialDocumentState(document, path, options), true);
}
