import { useMemo, useState } from 'react';
import { useDocument } from '../state/document-store';
import { useSelection } from '../state/selection-store';
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
  const edges = useMemo(() => toFlowEdges(doc, selection, cache), [doc, selection, cache]);
  return { nodes, edges, sizes, sizesChanged: () => setSizesVersion((v) => v + 1) };
}
