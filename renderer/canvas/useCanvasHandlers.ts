import { useCallback, useMemo, useRef } from 'react';
import type {
  Connection,
  EdgeChange,
  FinalConnectionState,
  InternalNode,
  IsValidConnection,
  NodeChange,
  OnConnectEnd,
} from '@xyflow/react';
import { useReactFlow } from '@xyflow/react';
import type { NodeKind } from '../../shared/document';
import { addNodeAction } from '../actions/add-node';
import { connectAction } from '../actions/connect';
import { moveNodesAction } from '../actions/move-nodes';
import { runAction, runActionSync } from '../actions/run';
import type { AddNodeInput } from '../actions/types';
import { checkConnection } from '../../shared/document';
import { NODE_SIZE } from '../editing/node-size';
import { documentStore } from '../state/document-store';
import { selectionStore, setSelection } from '../state/selection-store';
import { showToast } from '../state/ui-store';
import {
  applyDimensionChanges,
  connectionToEdge,
  positionChanges,
  selectionAfterChanges,
  type FlowEdge,
  type FlowNode,
  type Size,
} from './adapter';
import { connectionDropOutcome } from './connect-drop';

export const PALETTE_MIME = 'application/x-pipewright-kind';

const pointOf = (event: MouseEvent | TouchEvent) => {
  const p = 'changedTouches' in event ? event.changedTouches[0] : event;
  return { x: p?.clientX ?? 0, y: p?.clientY ?? 0 };
};

/** Canvas event handlers: every change becomes a registered action on the document store. */
export function useCanvasHandlers(sizes: Map<string, Size>, sizesChanged: () => void) {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const gesture = useRef(0);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      if (applyDimensionChanges(changes, sizes)) sizesChanged();
      const positions = positionChanges(changes);
      if (positions)
        runActionSync(moveNodesAction, { positions, gesture: `drag-${gesture.current}` });
      const selection = selectionAfterChanges(selectionStore.getState(), changes, []);
      if (selection) setSelection(selection);
    },
    [sizes, sizesChanged],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    const selection = selectionAfterChanges(selectionStore.getState(), [], changes);
    if (selection) setSelection(selection);
  }, []);

  const onNodeDragStart = useCallback(() => {
    gesture.current++;
  }, []);

  const isValidConnection: IsValidConnection<FlowEdge> = useCallback((c) => {
    const { from, to, on } = connectionToEdge({
      source: c.source,
      target: c.target,
      sourceHandle: c.sourceHandle ?? null,
    });
    return checkConnection(documentStore.getState().document, from, to, on).ok;
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    void runAction(connectAction, connectionToEdge(connection));
  }, []);

  const createAt = useCallback(
    (kind: NodeKind, screen: { x: number; y: number }, link?: AddNodeInput['link']) => {
      const p = flow.screenToFlowPosition(screen);
      const size = NODE_SIZE[kind];
      const position = { x: p.x - size.width / 2, y: p.y - size.height / 2 };
      void runAction(addNodeAction, { kind, position, ...(link ? { link } : {}) });
    },
    [flow],
  );

  const onConnectEnd: OnConnectEnd = useCallback(
    (event, state) => {
      const at = pointOf(event);
      const under = document
        .elementsFromPoint(at.x, at.y)
        .map((el) => el.closest('.react-flow__node')?.getAttribute('data-id'))
        .find((id): id is string => Boolean(id));
      const doc = documentStore.getState().document;
      const outcome = connectionDropOutcome(
        doc,
        state as FinalConnectionState<InternalNode<FlowNode>>,
        under ?? null,
      );
      if (outcome.kind === 'connect') void runAction(connectAction, outcome);
      if (outcome.kind === 'refuse') showToast(outcome.reason, 'warning', at);
      if (outcome.kind === 'create') createAt(outcome.newKind, at, outcome.link);
    },
    [createAt],
  );

  const onDragOver = useCallback((event: React.DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: React.DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_MIME);
      if (kind !== 'producer' && kind !== 'queue' && kind !== 'worker') return;
      event.preventDefault();
      createAt(kind, { x: event.clientX, y: event.clientY });
    },
    [createAt],
  );

  return useMemo(
    () => ({
      onNodesChange,
      onEdgesChange,
      onNodeDragStart,
      isValidConnection,
      onConnect,
      onConnectEnd,
      onDragOver,
      onDrop,
    }),
    [
      onNodesChange,
      onEdgesChange,
      onNodeDragStart,
      isValidConnection,
      onConnect,
      onConnectEnd,
      onDragOver,
      onDrop,
    ],
  );
}
