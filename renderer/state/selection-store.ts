import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

/** What is selected on the canvas: node and edge ids of the open document. */
export interface Selection {
  nodeIds: ReadonlySet<string>;
  edgeIds: ReadonlySet<string>;
}

export const EMPTY_SELECTION: Selection = { nodeIds: new Set(), edgeIds: new Set() };

export const selectionStore = createStore<Selection>()(() => EMPTY_SELECTION);

export function useSelection<T>(selector: (selection: Selection) => T): T {
  return useStore(selectionStore, selector);
}

export const selectionOf = (
  nodeIds: Iterable<string>,
  edgeIds: Iterable<string> = [],
): Selection => ({
  nodeIds: new Set(nodeIds),
  edgeIds: new Set(edgeIds),
});

export const isSelectionEmpty = (s: Selection): boolean =>
  s.nodeIds.size === 0 && s.edgeIds.size === 0;

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean =>
  a.size === b.size && [...a].every((id) => b.has(id));

/** Sets the selection, keeping the old object when nothing changed (no needless re-renders). */
export function setSelection(next: Selection): void {
  const current = selectionStore.getState();
  if (sameSet(current.nodeIds, next.nodeIds) && sameSet(current.edgeIds, next.edgeIds)) return;
  selectionStore.setState(next, true);
}

/** Drops ids that no longer exist (after undo, delete, load). */
export function pruneSelection(nodeIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): void {
  const current = selectionStore.getState();
  setSelection({
    nodeIds: new Set([...current.nodeIds].filter((id) => nodeIds.has(id))),
    edgeIds: new Set([...current.edgeIds].filter((id) => edgeIds.has(id))),
  });
}
