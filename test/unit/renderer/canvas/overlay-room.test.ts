import { describe, expect, it } from 'vitest';
import {
  isClear,
  nodesToKeep,
  nodesToUnblock,
  type PaneRoom,
} from '../../../../renderer/canvas/overlay-room';

/** A 1000×600 pane with the minimap in its bottom-right corner, as the canvas draws it. */
const room = (width: number, height: number): PaneRoom => ({
  width,
  height,
  overlays: [{ left: width - 183, top: height - 127, right: width - 15, bottom: height - 15 }],
});

const boxes = new Map([
  ['left', { left: 40, top: 40, right: 220, bottom: 130 }],
  ['corner', { left: 700, top: 380, right: 880, bottom: 470 }],
  ['far', { left: 2000, top: 40, right: 2180, bottom: 130 }],
]);

describe('keeping nodes clear of the minimap when the canvas shrinks', () => {
  it('counts a node as clear inside the pane and away from the overlays', () => {
    expect(isClear(boxes.get('left')!, room(1000, 600))).toBe(true);
    expect(isClear(boxes.get('corner')!, room(1000, 600))).toBe(true);
    // The bottom panel grew by 100 px: the minimap now sits on the corner node.
    expect(isClear(boxes.get('corner')!, room(1000, 500))).toBe(false);
    expect(isClear(boxes.get('far')!, room(1000, 600))).toBe(false);
  });

  it('brings back what was in view, and only when something went out of it', () => {
    expect(nodesToKeep(boxes, room(1000, 600), room(1000, 500))).toEqual(['left', 'corner']);
    expect(nodesToKeep(boxes, room(1000, 600), room(990, 600))).toEqual([]);
    expect(nodesToKeep(boxes, room(1000, 600), room(1000, 700))).toEqual([]);
  });

  it('unblocks the nodes in sight when one of them is under an overlay', () => {
    expect(nodesToUnblock(boxes, room(1000, 600))).toEqual([]);
    expect(nodesToUnblock(boxes, room(1000, 500))).toEqual(['left', 'corner']);
  });
});
