import { describe, expect, it } from 'vitest';
import { editEdgeAction } from '../../../../renderer/actions/edit-edge';
import { expectUndoRedo, perform, stateOf } from './fixtures';

describe('edit edge', () => {
  it('sets a routing probability as one undo step', async () => {
    const start = stateOf();
    const result = await perform(editEdgeAction, start, {
      edgeId: 'e3',
      path: ['probability'],
      value: 0.25,
    });
    expect(result.doc!.document.edges[2]).toEqual({
      id: 'e3',
      from: 'sender',
      to: 'dead-letters',
      on: 'failed',
      probability: 0.25,
    });
    await expectUndoRedo(start, result);
  });

  it('switches a worker edge between completed and failed', async () => {
    const start = stateOf();
    const result = await perform(editEdgeAction, start, {
      edgeId: 'e3',
      path: ['on'],
      value: undefined,
    });
    expect(result.doc!.document.edges[2]).toEqual({ id: 'e3', from: 'sender', to: 'dead-letters' });
    await expectUndoRedo(start, result);
  });

  it('refuses a probability above 1 and a failed edge that does not leave a worker', async () => {
    const high = await perform(editEdgeAction, stateOf(), {
      edgeId: 'e3',
      path: ['probability'],
      value: 1.5,
    });
    expect(high.effects?.[0]).toMatchObject({ message: 'Must be a number from 0 to 1' });
    const wrong = await perform(editEdgeAction, stateOf(), {
      edgeId: 'e1',
      path: ['on'],
      value: 'failed',
    });
    expect(wrong.doc).toBeUndefined();
    expect(wrong.effects?.[0]).toMatchObject({
      message: 'Only an edge leaving a worker can carry failed jobs.',
    });
  });
});
