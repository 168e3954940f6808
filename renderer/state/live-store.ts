import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { NodeFigures, RunSnapshot } from '../../shared/metrics/types';

/**
 * Live figures of a simulation or a run, keyed by node id — never inside React Flow's node.data
 * (docs/architecture.md "Snapshots"). Figures equal to the previous tick keep their object, so a badge
 * re-renders only when its own node's figures changed.
 */
export interface LiveState {
  /** Time of the last snapshot, or null when nothing is running. */
  t: number | null;
  nodes: Readonly<Record<string, NodeFigures>>;
  edges: Readonly<Record<string, number>>;
}

export const liveStore = createStore<LiveState>()(() => ({ t: null, nodes: {}, edges: {} }));

export function useNodeFigures(nodeId: string): NodeFigures | undefined {
  return useStore(liveStore, (s) => s.nodes[nodeId]);
}

export function useEdgeRate(edgeId: string): number | undefined {
  return useStore(liveStore, (s) => s.edges[edgeId]);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) =>
    deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** Applies one snapshot, sharing unchanged per-node figures with the previous state. */
export function applySnapshot(snapshot: RunSnapshot): void {
  const previous = liveStore.getState().nodes;
  const nodes: Record<string, NodeFigures> = {};
  for (const [id, figures] of Object.entries(snapshot.nodes)) {
    const old = previous[id];
    nodes[id] = old !== undefined && deepEqual(old, figures) ? old : figures;
  }
  liveStore.setState({ t: snapshot.t, nodes, edges: snapshot.edges }, true);
}

export function clearLiveFigures(): void {
  liveStore.setState({ t: null, nodes: {}, edges: {} }, true);
}
