import { describe, expect, it } from 'vitest';
import { duplicateAction } from '../../../../renderer/actions/duplicate';
import { expectUndoRedo, perform, select, stateOf } from './fixtures';

describe('duplicate', () => {
  it('copies the selected nodes and the edges between them with unique ids and names', async () => {
    const start = stateOf(undefined, select(['emails', 'sender']));
    expect(duplicateAction.shortcuts).toEqual(['Mod+D']);
    const result = await perform(duplicateAction, start, undefined);
    const doc = result.doc!.document;
    const copies = doc.nodes.slice(4);
    expect(copies.map((n) => [n.id, n.name])).toEqual([
      ['emails-2', 'emails-2'],
      ['sender-2', 'email-sender-2'],
    ]);
    expect(copies[0]!.position).toEqual({ x: 290, y: 40 });
    expect(doc.edges.slice(3)).toEqual([{ id: 'e2-2', from: 'emails-2', to: 'sender-2' }]);
    expect([...result.selection!.nodeIds]).toEqual(['emails-2', 'sender-2']);
    await expectUndoRedo(start, result);
  });

  it('does nothing without selected nodes', async () => {
    const start = stateOf(undefined, select([], ['e1']));
    expect(duplicateAction.enabled?.(start)).toBe(false);
    expect(await perform(duplicateAction, start, undefined)).toEqual({});
  });
});
