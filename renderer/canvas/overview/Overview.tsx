import { useLayoutEffect, useMemo, useRef } from 'react';
import { useStore } from '@xyflow/react';
import { useDiagnosticsByNode } from '../../state/diagnostics-store';
import { useDocumentState } from '../../state/document-store';
import { useSelection } from '../../state/selection-store';
import { useWorkerStations } from '../../state/theory-store';
import { FAILED_COLOR } from '../adapter';
import { drawOverview, type OverviewColors, type OverviewMarks } from './draw-overview';
import { buildScene } from './overview-scene';
import { useOverviewPointer } from './useOverviewPointer';
import { plural } from '../../../shared/plural';

const readColors = (element: Element): OverviewColors => {
  const style = getComputedStyle(element);
  const v = (name: string) => style.getPropertyValue(name).trim();
  return {
    producer: v('--producer'),
    queue: v('--queue'),
    worker: v('--worker'),
    edge: v('--edge'),
    failed: FAILED_COLOR,
    accent: v('--accent'),
    error: v('--error'),
    warning: v('--warning'),
    label: v('--accent-text'),
  };
};

/** The nodes' names by id; the same map while no name changes (most edits rename nothing). */
function useNames(): ReadonlyMap<string, string> {
  const docNodes = useDocumentState((s) => s.document.nodes);
  const last = useRef<Map<string, string>>(new Map());
  return useMemo(() => {
    const previous = last.current;
    const same =
      previous.size === docNodes.length && docNodes.every((n) => previous.get(n.id) === n.name);
    if (!same) last.current = new Map(docNodes.map((n) => [n.id, n.name] as const));
    return last.current;
  }, [docNodes]);
}

/**
 * The pipeline as one picture, for zoom levels too far out to read a node (see FAR_ZOOM): the
 * canvas hides its 500 nodes and 700 edges from the page and this draws them on a single
 * <canvas> instead, so typing in the inspector or panning does not make the browser lay out and
 * composite thousands of elements it would draw a few pixels wide. Nodes are still selected,
 * moved and opened here (useOverviewPointer); zooming in brings the full nodes back.
 */
export function Overview() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const nodes = useStore((s) => s.nodes);
  const edges = useStore((s) => s.edges);
  const nodeLookup = useStore((s) => s.nodeLookup);
  const [x, y, zoom] = useStore((s) => s.transform);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const selection = useSelection((s) => s);
  const byNode = useDiagnosticsByNode();
  const workers = useWorkerStations();
  const names = useNames();
  const scene = useMemo(
    () => buildScene(nodeLookup, nodes, edges, names),
    [nodeLookup, nodes, edges, names],
  );
  const marks = useMemo((): OverviewMarks => {
    const errors = new Set<string>();
    const warnings = new Set<string>();
    for (const [id, d] of Object.entries(byNode)) (d.errors > 0 ? errors : warnings).add(id);
    const overloaded = new Set<string>();
    for (const [id, w] of Object.entries(workers)) if (w.utilisation >= 1) overloaded.add(id);
    return {
      selectedNodes: selection.nodeIds,
      selectedEdges: selection.edgeIds,
      errors,
      warnings,
      overloaded,
    };
  }, [byNode, workers, selection]);
  const colors = useRef<OverviewColors | null>(null);
  const marksKey = useMemo(
    () =>
      Object.values(marks)
        .map((ids: ReadonlySet<string>) => [...ids].sort().join(','))
        .join('|'),
    [marks],
  );
  useOverviewPointer(scene);

  const draw = useRef<() => void>(() => {});
  draw.current = () => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context || width === 0 || height === 0) return;
    const pixelRatio = window.devicePixelRatio || 1;
    const w = Math.round(width * pixelRatio);
    const h = Math.round(height * pixelRatio);
    if (element.width !== w || element.height !== h) {
      element.width = w;
      element.height = h;
    }
    colors.current ??= readColors(element);
    drawOverview(context, scene, { x, y, zoom, width, height, pixelRatio }, colors.current, marks);
    element.dataset.nodes = String(scene.nodes.length);
    element.dataset.edges = String(scene.edges.length);
  };
  // Drawn before the frame is painted; only when what it shows changed (an edit that moves no
  // mark, like typing a service time, draws nothing).
  useLayoutEffect(() => draw.current(), [scene, x, y, zoom, width, height, marksKey]);
  // The theme's colours are CSS variables set on <html> after React commits: read them again then.
  useLayoutEffect(() => {
    const observer = new MutationObserver(() => {
      colors.current = null;
      draw.current();
    });
    observer.observe(document.documentElement, { attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);

  return (
    <canvas
      ref={canvas}
      className="overview"
      data-testid="overview"
      aria-label={`Overview of the pipeline: ${plural(scene.nodes.length, 'node')}, ${plural(scene.edges.length, 'edge')}. Zoom in to see their details.`}
      role="img"
    />
  );
}
