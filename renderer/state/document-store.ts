import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import {
  buildGraph,
  type PipelineDocument,
  type PipelineGraph,
  type PipelineNode,
} from '../../shared/document';
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

const indexes = new WeakMap<PipelineDocument['nodes'], Map<string, PipelineNode>>();

/** The document's nodes by id, built once per nodes array. */
export function nodeIndex(doc: PipelineDocument): ReadonlyMap<string, PipelineNode> {
  let index = indexes.get(doc.nodes);
  if (!index) {
    index = new Map(doc.nodes.map((n) => [n.id, n]));
    indexes.set(doc.nodes, index);
  }
  return index;
}

/** One node of the open document; re-renders only when that node changes. */
export const useDocumentNode = (id: string): PipelineNode | undefined =>
  useDocumentState((s) => nodeIndex(s.document).get(id));

/** Replaces the open document (New, Open, Import, restore), clearing the undo history. */
export function loadDocument(
  document: PipelineDocument,
  path: string | null,
  options: { dirty?: boolean } = {},
): void {
  documentStore.setState(initialDocumentState(document, path, options), true);
}

const graphs = new WeakMap<PipelineDocument, PipelineGraph>();

/**
 * The graph of an editor document. Documents here are never changed in place, so the checks
 * and the queueing theory of one edit share one graph (and its flow rates, solved once).
 */
export function documentGraph(doc: PipelineDocument): PipelineGraph {
  let graph = graphs.get(doc);
  if (!graph) {
    graph = buildGraph(doc);
    graphs.set(doc, graph);
  }
  return graph;
}
