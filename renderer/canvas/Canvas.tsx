import { useMemo, useRef } from 'react';
import {
  Background,
  useStore,
  BackgroundVariant,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  type NodeTypes,
  type ReactFlowState,
  type EdgeTypes,
} from '@xyflow/react';
import { useDocumentState } from '../state/document-store';
import { stopRenaming } from '../state/rename-store';
import { useEffectiveTheme } from '../state/theme-store';
import { setZoom } from '../state/view-store';
import type { FlowEdge, FlowNode } from './adapter';
import { EmptyCanvasGuide } from './EmptyCanvasGuide';
import { Overview } from './overview/Overview';
import { PipelineEdge } from './edges/PipelineEdge';
import { ProducerNode } from './nodes/ProducerNode';
import { QueueNode } from './nodes/QueueNode';
import { WorkerNode } from './nodes/WorkerNode';
import { useCanvasHandlers } from './useCanvasHandlers';
import { useFlowElements } from './useFlowElements';
import { ViewBridge } from './ViewBridge';

const nodeTypes: NodeTypes = { producer: ProducerNode, queue: QueueNode, worker: WorkerNode };
const edgeTypes: EdgeTypes = { pipeline: PipelineEdge };
const GRID = 16;
// Props React Flow copies into its store when they change identity: keep them constant, or every
// document edit would update its store and re-run the selectors of every node and edge.
const SNAP_GRID: [number, number] = [GRID, GRID];
const MULTI_SELECT_KEYS = ['Meta', 'Control', 'Shift'];
const PRO_OPTIONS = { hideAttribution: true };
const MINIMAP_SIZE = { width: 168, height: 112 };
const rememberZoom = (_: unknown, viewport: { zoom: number }) => setZoom(viewport.zoom);
const minimapClass = (node: FlowNode) => `minimap-${node.type ?? 'node'}`;
/**
 * Below this zoom node text is too small to read: the nodes and edges leave the page and the
 * overview draws the pipeline on one canvas instead (see Overview).
 */
export const FAR_ZOOM = 0.4;
const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;
/**
 * Far out, and every node measured: nodes not measured yet (just opened, pasted, added) stay on
 * the page until React Flow has measured them, as the overview draws what React Flow measured.
 * (Checked only when far out: this runs on every change of React Flow's store.)
 */
const showsOverview = (s: ReactFlowState) => {
  if (!isFar(s) || s.nodeLookup.size === 0) return false;
  for (const node of s.nodeLookup.values()) {
    if (!node.measured.width || !node.internals.handleBounds) return false;
  }
  return true;
};

export function Canvas() {
  const container = useRef<HTMLDivElement>(null);
  const { nodes, edges, sizes, sizesChanged } = useFlowElements();
  const handlers = useCanvasHandlers(sizes, sizesChanged);
  const empty = useDocumentState((s) => s.document.nodes.length === 0);
  const theme = useEffectiveTheme();
  const far = useStore(isFar);
  const overview = useStore(showsOverview);
  // The same element while its inputs are: an edit that changes no node, edge or setting of the
  // canvas (typing a service time) does not re-render React Flow.
  const flow = useMemo(
    () => (
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        colorMode={theme}
        onNodesChange={handlers.onNodesChange}
        onEdgesChange={handlers.onEdgesChange}
        onNodeDragStart={handlers.onNodeDragStart}
        onConnect={handlers.onConnect}
        onConnectEnd={handlers.onConnectEnd}
        isValidConnection={handlers.isValidConnection}
        onDragOver={handlers.onDragOver}
        onDrop={handlers.onDrop}
        onPaneClick={stopRenaming}
        onMoveEnd={rememberZoom}
        connectionMode={ConnectionMode.Strict}
        connectionRadius={28}
        snapToGrid
        onlyRenderVisibleElements
        snapGrid={SNAP_GRID}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        minZoom={0.05}
        maxZoom={2.5}
        // No fitView prop: React Flow would fit when the first node of an empty canvas appears,
        // jumping the view under the user's hand. Loading a document fits it (documents/load.ts).
        proOptions={PRO_OPTIONS}
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.2} />
        {empty ? null : (
          <MiniMap
            pannable
            zoomable
            nodeClassName={minimapClass}
            ariaLabel="Overview of the pipeline"
            style={MINIMAP_SIZE}
          />
        )}
        {overview ? <Overview /> : null}
        <Controls showInteractive={false} aria-label="Zoom controls" />
        <ViewBridge sizes={sizes} container={container} />
      </ReactFlow>
    ),
    [nodes, edges, theme, handlers, empty, overview, sizes],
  );
  return (
    <div
      className={`canvas${far ? ' is-far' : ''}${overview ? ' is-overview' : ''}`}
      ref={container}
      data-testid="canvas"
    >
      {flow}
      {empty ? <EmptyCanvasGuide /> : null}
    </div>
  );
}
