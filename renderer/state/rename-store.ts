import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

/** The node whose name is being edited in place on the canvas, if any. */
export interface RenameState {
  renamingNodeId: string | null;
}

export const renameStore = createStore<RenameState>()(() => ({ renamingNodeId: null }));

export function useIsRenaming(nodeId: string): boolean {
  return useStore(renameStore, (s) => s.renamingNodeId === nodeId);
}

export const startRenaming = (nodeId: string): void =>
  renameStore.setState({ renamingNodeId: nodeId });
export const stopRenaming = (): void => renameStore.setState({ renamingNodeId: null });
