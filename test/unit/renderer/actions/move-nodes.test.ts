import { describe, expect, it } from 'vitest';
import { moveNodesAction } from '../../../../renderer/actions/move-nodes';
import { after, expectUndoRedo, perform, stateOf } from './fixtures';

describe('move nodes', () => {
  it('moves nodes to whole-pixel positions', async () => {
    const start = stateOf();
    const result = await perform(moveNodesAction, start, {
      positions: new Map([['emails', { x: 300.4, y: 50.5 }]]),
      gesture: 'g1',
    });
    expect(result.doc!.document.nodes[1]!.position).toEqual({ x: 300, y: 51 });
    await expectUndoRedo(start, result);
  });

  it('coalesces every step of one drag, however slow, into a single undo step', async () => {
    const start = stateOf();
    let state = start;
    for (let i = 1; i <= 20; i++) {
      const input = {
        positions: new Map([['emails', { x: 250 + i * 10, y: 0 }]]),
        gesture: 'drag-1',
      };
      state = after(state, await perform(moveNodesAction, state, input), 5_000);
    }
    expect(state.doc.past).toHaveLength(1);
    expect(state.doc.document.nodes[1]!.position.x).toBe(450);
    await expectUndoRedo(start, { doc: state.doc });
    const second = { positions: new Map([['emails', { x: 0, y: 0 }]]), gesture: 'drag-2' };
    state = after(state, await perform(moveNodesAction, state, second));
    expect(state.doc.past).toHaveLength(2);
  });
});
