/**
 * The minimap and the zoom controls are drawn over the canvas, in its bottom corners. A node is
 * only really in view when it is inside the pane and clear of both; when the pane shrinks (the
 * bottom panel grows, the window gets smaller), nodes that were in view must stay so.
 */

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface PaneRoom {
  width: number;
  height: number;
  /** What is drawn over the pane, relative to its top-left corner. */
  overlays: readonly Rect[];
}

export const meets = (a: Rect, b: Rect): boolean =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Whether a node's box (pane pixels) is wholly inside the pane and under no overlay. */
export const isClear = (box: Rect, room: PaneRoom): boolean =>
  box.left >= 0 &&
  box.top >= 0 &&
  box.right <= room.width &&
  box.bottom <= room.height &&
  !room.overlays.some((o) => meets(box, o));

/**
 * The nodes to bring back into view after the pane changed from `before` to `after`: all that
 * were clear before, when one of them no longer is; none otherwise.
 */
export function nodesToKeep(
  boxes: ReadonlyMap<string, Rect>,
  before: PaneRoom,
  after: PaneRoom,
): string[] {
  const wasClear = [...boxes].filter(([, box]) => isClear(box, before)).map(([id]) => id);
  return wasClear.some((id) => !isClear(boxes.get(id)!, after)) ? wasClear : [];
}

/**
 * The nodes to fit when some node in sight lies under an overlay or across the pane's edge: all
 * those in sight (at least partly inside the pane); none when every one of them is clear.
 */
export function nodesToUnblock(boxes: ReadonlyMap<string, Rect>, room: PaneRoom): string[] {
  const pane = { left: 0, top: 0, right: room.width, bottom: room.height };
  const seen = [...boxes].filter(([, box]) => meets(box, pane));
  return seen.some(([, box]) => !isClear(box, room)) ? seen.map(([id]) => id) : [];
}

/** The overlays' boxes inside `pane`, relative to it. */
export function measureRoom(pane: HTMLElement): PaneRoom {
  const frame = pane.getBoundingClientRect();
  const overlays = [...pane.querySelectorAll('.react-flow__minimap, .react-flow__controls')].map(
    (e) => {
      const r = e.getBoundingClientRect();
      return {
        left: r.left - frame.left,
        top: r.top - frame.top,
        right: r.right - frame.left,
        bottom: r.bottom - frame.top,
      };
    },
  );
  return { width: frame.width, height: frame.height, overlays };
}
