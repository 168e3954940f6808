import './code.css';
import { useEffect, useRef } from 'react';
import { canvasView } from '../canvas/view';
import { selectionStore } from '../state/selection-store';
import { CodePanel } from './CodePanel';
import { CODE_WIDTH, setCodeWidth, useCode } from '../state/code-store';

/** The splitter on the panel's left edge: drag, or focus it and use the arrow keys. */
function CodeResizeHandle({ width }: { width: number }) {
  return (
    <div
      className="resize-handle resize-handle--vertical"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the Code panel"
      aria-valuenow={width}
      aria-valuemin={CODE_WIDTH.min}
      aria-valuemax={CODE_WIDTH.max}
      tabIndex={0}
      onPointerDown={(event) => {
        event.preventDefault();
        const start = event.clientX;
        const target = event.currentTarget;
        target.setPointerCapture(event.pointerId);
        const move = (e: PointerEvent) => setCodeWidth(width - (e.clientX - start));
        const up = () => {
          target.removeEventListener('pointermove', move);
          target.removeEventListener('pointerup', up);
        };
        target.addEventListener('pointermove', move);
        target.addEventListener('pointerup', up);
      }}
      onKeyDown={(event) => {
        const step = event.shiftKey ? 48 : 12;
        if (event.key === 'ArrowLeft') setCodeWidth(width + step);
        else if (event.key === 'ArrowRight') setCodeWidth(width - step);
        else return;
        event.preventDefault();
      }}
    />
  );
}

/**
 * The Code panel's place in the workspace, between the canvas and the inspector, when it is open.
 * It adds two columns to the workspace grid (see code.css), so nothing else moves when closed.
 */
export function CodeColumn() {
  const open = useCode((s) => s.open);
  const width = useCode((s) => s.width);
  const wasOpen = useRef(open);
  useEffect(() => {
    if (!open || wasOpen.current) {
      wasOpen.current = open;
      return;
    }
    wasOpen.current = true;
    // The canvas just got narrower: keep the nodes being worked on in view (the zoom stays).
    const timer = setTimeout(() => {
      const selected = [...selectionStore.getState().nodeIds];
      if (selected.length > 0) canvasView()?.reveal(selected);
    }, 80);
    return () => clearTimeout(timer);
  }, [open]);
  if (!open) return null;
  return (
    <>
      <CodeResizeHandle width={width} />
      <CodePanel width={width} />
    </>
  );
}
