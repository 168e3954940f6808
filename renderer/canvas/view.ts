import type { Size } from './adapter';

/** What the rest of the editor may ask of the canvas view; the canvas fills it in when mounted. */
export interface CanvasView {
  /** Fits the nodes (all by default) in view; `animate: false` jumps there (opening a file). */
  fit(nodeIds?: readonly string[], options?: { animate?: boolean }): void;
  /** Back to 100 % at the origin (an empty document has nothing to fit). */
  reset(): void;
  /** Brings nodes into view if any of them is outside it, without zooming in. */
  reveal(nodeIds: readonly string[]): void;
  /** Moves the view (never zooming in) when a node in sight lies under the minimap or controls. */
  unblock(): void;
  /** Measured node sizes, for auto-layout. */
  sizes(): ReadonlyMap<string, Size>;
}

let current: CanvasView | null = null;

export const setCanvasView = (view: CanvasView | null): void => {
  current = view;
};

export const canvasView = (): CanvasView | null => current;
