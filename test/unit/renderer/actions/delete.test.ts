import { describe, expect, it } from 'vitest';
import { deleteAction } from '../../../../renderer/actions/delete';
import { expectUndoRedo, perform, select, stateOf } from './fixtures';

describe('delete', () => {
  it('removes selected nodes with their edges, as one undo step', async () => {
    const start = stateOf(undefined, select(['emails']));
    const result = await perform(deleteAction, start, undefined);
    const doc = result.doc!.document;
    expect(doc.nodes.map((n) => n.id)).toEqual(['signup', 'sender', 'dead-letters']);
    expect(doc.edges.map((e) => e.id)).toEqual(['e3']);
    expect(result.selection?.nodeIds.size).toBe(0);
    await expectUndoRedo(start, result);
  });

  it('removes a selected edge alone', async () => {
    const start = stateOf(undefined, select([], ['e3']));
    const result = await perform(deleteAction, start, undefined);
    expect(result.doc!.document.nodes).toHaveLength(4);
    expect(result.doc!.document.edges.map((e) => e.id)).toEqual(['e1', 'e2']);
    await expectUndoRedo(start, result);
  });

  it('is disabled and changes nothing without a selection', async () => {
    const start = stateOf();
    expect(deleteAction.enabled?.(start)).toBe(false);
    expect((await perform(deleteAction, start, undefined)).doc).toBeUndefined();
  });
});
