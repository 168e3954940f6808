import { canvasView } from '../canvas/view';
import { panelStore, setPanelSize } from '../state/panel-store';

/**
 * Grows the bottom panel to at least `height` for results to be read; the canvas gets shorter,
 * so once it has been laid out again the pipeline is brought back into sight.
 */
export function makeRoomBelow(height: number, nodeIds: readonly string[]): void {
  if (panelStore.getState().bottom >= height) {
    // The badges about to appear must not be drawn under the minimap or the zoom controls.
    setTimeout(() => canvasView()?.unblock(), 50);
    return;
  }
  setPanelSize('bottom', height);
  setTimeout(() => canvasView()?.reveal(nodeIds), 50);
}
