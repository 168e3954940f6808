import { useEffect, useRef } from 'react';
import { useStore, useStoreApi } from '@xyflow/react';
import { moveNodesAction } from '../../actions/move-nodes';
import { runActionSync } from '../../actions/run';
import { documentStore } from '../../state/document-store';
import { selectionOf, selectionStore, setSelection } from '../../state/selection-store';
import { canvasView } from '../view';
import { nodeAt, type Scene } from './overview-scene';

const GRID = 16;
/** Pointer travel (screen px) before a press on a node becomes a drag. */
const DRAG_THRESHOLD = 3;
const snap = (v: number) => Math.round(v / GRID) * GRID;

let gestures = 0;

/**
 * What the hidden nodes would do under the pointer, done on the overview: a press on a node
 * selects it (Ctrl, ⌘ or Shift toggles it in the selection), a drag moves the selection (one undo
 * step, on the grid), a double-click zooms to the node. Presses elsewhere reach React Flow as
 * usual: panning, box selection, clearing the selection.
 */
export function useOverviewPointer(scene: Scene): void {
  const store = useStoreApi();
  const domNode = useStore((s) => s.domNode);
  const current = useRef(scene);
  current.current = scene;

  useEffect(() => {
    if (!domNode) return;
    const toFlow = (event: MouseEvent) => {
      const rect = domNode.getBoundingClientRect();
      const [tx, ty, zoom] = store.getState().transform;
      return {
        x: (event.clientX - rect.left - tx) / zoom,
        y: (event.clientY - rect.top - ty) / zoom,
      };
    };
    // Only presses on the canvas itself: the zoom controls and the minimap float above nodes.
    const hit = (event: MouseEvent) => {
      if (!(event.target instanceof Element) || !event.target.closest('.react-flow__pane')) {
        return undefined;
      }
      const p = toFlow(event);
      return nodeAt(current.current, p.x, p.y);
    };
    // Space held pans from anywhere, over nodes too (React Flow's pan key): leave those presses be.
    let spaceHeld = false;
    const onKey = (event: KeyboardEvent) => {
      if (event.code === 'Space') spaceHeld = event.type === 'keydown';
    };
    // A press that began on a node: its pointerup and click are kept from React Flow too (its
    // pane would end a box selection or clear the selection on them).
    let pressed = false;

    const onPointerDown = (event: PointerEvent) => {
      if (event.button !== 0 || spaceHeld) return;
      const node = hit(event);
      if (!node) return;
      // Keep the press from React Flow (pan, box selection) and from the mouse events after it.
      event.stopPropagation();
      event.preventDefault();
      pressed = true;
      const selection = selectionStore.getState();
      if (event.ctrlKey || event.metaKey || event.shiftKey) {
        const ids = new Set(selection.nodeIds);
        if (ids.has(node.id)) ids.delete(node.id);
        else ids.add(node.id);
        setSelection({ nodeIds: ids, edgeIds: selection.edgeIds });
        return;
      }
      if (!selection.nodeIds.has(node.id)) setSelection(selectionOf([node.id]));
      const moving = selectionStore.getState().nodeIds;
      const origins = new Map(
        documentStore
          .getState()
          .document.nodes.filter((n) => moving.has(n.id))
          .map((n) => [n.id, n.position] as const),
      );
      const start = { x: event.clientX, y: event.clientY };
      const gesture = `overview-${++gestures}`;
      let dragging = false;
      const onMove = (move: PointerEvent) => {
        const dx = move.clientX - start.x;
        const dy = move.clientY - start.y;
        if (!dragging && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
        dragging = true;
        const zoom = store.getState().transform[2];
        const positions = new Map(
          [...origins].map(([id, p]) => [
            id,
            { x: snap(p.x + dx / zoom), y: snap(p.y + dy / zoom) },
          ]),
        );
        runActionSync(moveNodesAction, { positions, gesture });
      };
      const onUp = () => {
        // The click (if any) comes in this same task; a press released elsewhere has none.
        setTimeout(() => (pressed = false));
        window.removeEventListener('pointermove', onMove, true);
        window.removeEventListener('pointerup', onUp, true);
      };
      window.addEventListener('pointermove', onMove, true);
      window.addEventListener('pointerup', onUp, true);
    };
    const onPointerUp = (event: PointerEvent) => {
      if (!pressed) return;
      event.stopPropagation();
      setTimeout(() => (pressed = false));
    };
    const onClick = (event: MouseEvent) => {
      if (!pressed) return;
      pressed = false;
      event.stopPropagation();
    };
    const onDoubleClick = (event: MouseEvent) => {
      const node = hit(event);
      if (!node) return;
      event.stopPropagation();
      event.preventDefault();
      canvasView()?.fit([node.id]);
    };
    // Under the pointer: a hand, and the node's name as a tooltip (boxes too small to hold it).
    const onHover = (event: PointerEvent) => {
      const node = event.buttons === 0 ? hit(event) : undefined;
      domNode.classList.toggle('is-over-node', node !== undefined);
      if (node) domNode.setAttribute('title', node.name);
      else domNode.removeAttribute('title');
    };
    // Capture phase: the overview decides before React Flow's pane sees the event.
    const listeners: [EventTarget, string, (event: never) => void, boolean][] = [
      [window, 'keydown', onKey, true],
      [window, 'keyup', onKey, true],
      [domNode, 'pointerdown', onPointerDown, true],
      [domNode, 'pointerup', onPointerUp, true],
      [domNode, 'click', onClick, true],
      [domNode, 'dblclick', onDoubleClick, true],
      [domNode, 'pointermove', onHover, false],
    ];
    for (const [target, type, listener, capture] of listeners) {
      target.addEventListener(type, listener as EventListener, capture);
    }
    return () => {
      for (const [target, type, listener, capture] of listeners) {
        target.removeEventListener(type, listener as EventListener, capture);
      }
      domNode.classList.remove('is-over-node');
      domNode.removeAttribute('title');
    };
  }, [domNode, store]);
}
