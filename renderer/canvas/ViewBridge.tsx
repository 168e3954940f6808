import { useEffect } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { setViewCenterProvider } from '../actions/run';
import type { FlowEdge, FlowNode, Size } from './adapter';
import { isClear, measureRoom, nodesToKeep, nodesToUnblock, type Rect } from './overlay-room';
import { setCanvasView } from './view';

// The bottom padding keeps fitted nodes and the ρ chips under them clear of the minimap and zoom
// controls (both ~130 px tall with their margins), so nothing is drawn under them after a fit.
const FIT = {
  padding: { top: '48px', right: '48px', bottom: '164px', left: '48px' } as const,
  duration: 250,
  maxZoom: 1,
};

/** Room a node's labels take: its badge above, its ρ chip below (screen pixels). */
const LABELS_ABOVE = 24;
const LABELS_BELOW = 28;

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
    /** Each node's box with its labels, in pane pixels. */
    const boxes = (nodeIds?: readonly string[]): Map<string, Rect> => {
      const [tx, ty, zoom] = store.getState().transform;
      const result = new Map<string, Rect>();
      for (const id of nodeIds ?? [...store.getState().nodeLookup.keys()]) {
        const node = flow.getInternalNode(id);
        if (!node) continue;
        const { x, y } = node.internals.positionAbsolute;
        const w = node.measured.width ?? 180;
        const h = node.measured.height ?? 80;
        result.set(id, {
          left: x * zoom + tx,
          top: y * zoom + ty - LABELS_ABOVE,
          right: (x + w) * zoom + tx,
          bottom: (y + h) * zoom + ty + LABELS_BELOW,
        });
      }
      return result;
    };
    const pane = container.current;
    // When the pane shrinks (the bottom panel grows), what was in view stays in view.
    let room = pane ? measureRoom(pane) : null;
    const observer = new ResizeObserver(() => {
      if (!pane || !room) return;
      const next = measureRoom(pane);
      const keep = nodesToKeep(boxes(), room, next);
      room = next;
      if (keep.length === 0) return;
      const zoom = store.getState().transform[2];
      // React Flow learns its new size from its own observer, maybe after this one: fit once it has.
      let tries = 0;
      const fit = () => {
        if (store.getState().height !== Math.round(next.height) && ++tries < 10) {
          requestAnimationFrame(fit);
          return;
        }
        void flow.fitView({
          ...FIT,
          duration: 0,
          maxZoom: zoom,
          nodes: keep.map((id) => ({ id })),
        });
      };
      requestAnimationFrame(fit);
    });
    if (pane) observer.observe(pane);
    setCanvasView({
      fit: (nodeIds, { animate = true } = {}) => {
        const options = animate ? FIT : { ...FIT, duration: 0 };
        void flow.fitView(nodeIds ? { ...options, nodes: nodeIds.map((id) => ({ id })) } : options);
      },
      reset: () => void flow.setViewport({ x: 0, y: 0, zoom: 1 }),
      reveal: (nodeIds) => {
        const zoom = store.getState().transform[2];
        const current = pane ? measureRoom(pane) : null;
        const hidden =
          current !== null && [...boxes(nodeIds).values()].some((box) => !isClear(box, current));
        if (hidden) {
          void flow.fitView({ ...FIT, maxZoom: zoom, nodes: nodeIds.map((id) => ({ id })) });
        }
      },
      unblock: () => {
        const keep = pane ? nodesToUnblock(boxes(), measureRoom(pane)) : [];
        if (keep.length === 0) return;
        const zoom = store.getState().transform[2];
        void flow.fitView({ ...FIT, maxZoom: zoom, nodes: keep.map((id) => ({ id })) });
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
    return () => {
      observer.disconnect();
      setCanvasView(null);
    };
  }, [flow, store, sizes, container]);
  return null;
}
