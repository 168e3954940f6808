import { useCallback, useMemo, useState } from 'react';
import { useDocument } from '../state/document-store';
import { useSelection } from '../state/selection-store';

const EMPTY: ReadonlySet<string> = new Set();
import {
  createAdapterCache,
  toFlowEdges,
  toFlowNodes,
  type FlowEdge,
  type FlowNode,
  type Size,
} from './adapter';

/**
 * The React Flow nodes and edges of the open document. Unchanged nodes keep their object, so
 * React Flow re-renders only what an edit touched.
 */
export function useFlowElements(): {
  nodes: FlowNode[];
  edges: FlowEdge[];
  sizes: Map<string, Size>;
  sizesChanged: () => void;
} {
  const doc = useDocument();
  const selection = useSelection((s) => s);
  const [cache] = useState(createAdapterCache);
  const [sizes] = useState(() => new Map<string, Size>());
  const [sizesVersion, setSizesVersion] = useState(0);
  const nodes = useMemo(
    () => toFlowNodes(doc, selection, sizes, cache),
    // sizesVersion: the sizes map is mutated in place; the version says when.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [doc, selection, cache, sizes, sizesVersion],
  );
  // Only the edges and their selection matter here: editing a node must not hand React Flow a
  // new edges array (it rebuilds its connection lookup for every edge when that happens).
  const edgesOfDoc = doc.edges;
  const selectedEdges = selection.edgeIds;
  const edges = useMemo(
    () => toFlowEdges({ edges: edgesOfDoc }, { nodeIds: EMPTY, edgeIds: selectedEdges }, cache),
    [edgesOfDoc, selectedEdges, cache],
  );
  const sizesChanged = useCallback(() => setSizesVersion((v) => v + 1), []);
  return { nodes, edges, sizes, sizesChanged };
}
