import { setPanelSize, usePanelSize, type PanelSizes } from '../state/panel-store';

/**
 * A splitter between panels: drag to resize, or focus it and use the arrow keys. `edge` says on
 * which side of the panel it sits, so dragging outward grows the panel.
 */
export function ResizeHandle({
  panel,
  edge,
}: {
  panel: keyof PanelSizes;
  edge: 'left' | 'right' | 'top';
}) {
  const size = usePanelSize(panel);
  const vertical = edge === 'top';
  const sign = edge === 'right' ? 1 : -1;
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
  return (
    <div
      className={`resize-handle resize-handle--${vertical ? 'horizontal' : 'vertical'}`}
      role="separator"
      aria-orientation={vertical ? 'horizontal' : 'vertical'}
      aria-label={`Resize the ${panel === 'bottom' ? 'problems' : panel} panel`}
      aria-valuenow={size}
      tabIndex={0}
      onPointerDown={(event) => {
        event.preventDefault();
        const start = vertical ? event.clientY : event.clientX;
        const target = event.currentTarget;
        target.setPointerCapture(event.pointerId);
        const move = (e: PointerEvent) => {
          const delta = (vertical ? e.clientY : e.clientX) - start;
          setPanelSize(panel, size + sign * delta, storage);
        };
        const up = () => {
          target.removeEventListener('pointermove', move);
          target.removeEventListener('pointerup', up);
        };
        target.addEventListener('pointermove', move);
        target.addEventListener('pointerup', up);
      }}
      onKeyDown={(event) => {
        const step = event.shiftKey ? 48 : 12;
        const grow = vertical ? 'ArrowUp' : edge === 'right' ? 'ArrowRight' : 'ArrowLeft';
        const shrink = vertical ? 'ArrowDown' : edge === 'right' ? 'ArrowLeft' : 'ArrowRight';
        if (event.key === grow) setPanelSize(panel, size + step, storage);
        else if (event.key === shrink) setPanelSize(panel, size - step, storage);
        else return;
        event.preventDefault();
      }}
    />
  );
}
