import { useEffect } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { setViewCenterProvider } from '../actions/run';
import type { FlowEdge, FlowNode, Size } from './adapter';
import { setCanvasView } from './view';

// The bottom padding keeps fitted nodes clear of the minimap and zoom controls (both ~130 px tall
// with their margins), so no node is drawn under them after a fit.
const FIT = {
  padding: { top: '48px', right: '48px', bottom: '140px', left: '48px' } as const,
  duration: 250,
  maxZoom: 1,
};

/** Gives the rest of the editor (actions, problems panel) a handle on the canvas view. */
export function ViewBridge({
  sizes,
  container,
}: {
  sizes: ReadonlyMap<string, Size>;
  container: React.RefObject<HTMLElement | null>;
}) {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const store = useStoreApi<FlowNode, FlowEdge>();
  useEffect(() => {
    setCanvasView({
      fit: (nodeIds, { animate = true } = {}) => {
        const options = animate ? FIT : { ...FIT, duration: 0 };
        void flow.fitView(nodeIds ? { ...options, nodes: nodeIds.map((id) => ({ id })) } : options);
      },
      reset: () => void flow.setViewport({ x: 0, y: 0, zoom: 1 }),
      reveal: (nodeIds) => {
        const { width, height, transform } = store.getState();
        const [tx, ty, zoom] = transform;
        const outside = nodeIds.some((id) => {
          const node = flow.getInternalNode(id);
          if (!node) return false;
          const { x, y } = node.internals.positionAbsolute;
          const w = node.measured.width ?? 180;
          const h = node.measured.height ?? 80;
          return (
            x * zoom + tx < 0 ||
            y * zoom + ty < 0 ||
            (x + w) * zoom + tx > width ||
            (y + h) * zoom + ty > height
          );
        });
        if (outside) {
          void flow.fitView({ ...FIT, maxZoom: zoom, nodes: nodeIds.map((id) => ({ id })) });
        }
      },
      sizes: () => sizes,
    });
    setViewCenterProvider(() => {
      const rect = container.current?.getBoundingClientRect();
      if (!rect) return { x: 0, y: 0 };
      return flow.screenToFlowPosition({
        x: rect.left + rect.width / 2,
        y: rect.top + rect.height / 2,
      });
    });
    return () => setCanvasView(null);
  }, [flow, store, sizes, container]);
  return null;
}
