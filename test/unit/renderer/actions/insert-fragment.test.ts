import { describe, expect, it } from 'vitest';
import { insertFragmentAction } from '../../../../renderer/actions/insert-fragment';
import { blankDocument } from '../../../../renderer/editing/blank';
import { expectUndoRedo, perform, stateOf, welcomeDoc } from './fixtures';

describe('insert fragment', () => {
  it('centres the fragment on the view and selects it', async () => {
    const start = stateOf(blankDocument());
    const result = await perform(insertFragmentAction, start, { fragment: welcomeDoc() });
    const doc = result.doc!.document;
    const xs = doc.nodes.map((n) => n.position.x);
    expect((Math.min(...xs) + Math.max(...xs)) / 2).toBe(400);
    expect(result.selection!.nodeIds.size).toBe(4);
    expect(result.selection!.edgeIds.size).toBe(3);
    await expectUndoRedo(start, result);
  });

  it('renames what clashes with existing nodes', async () => {
    const start = stateOf(welcomeDoc());
    const result = await perform(insertFragmentAction, start, {
      fragment: welcomeDoc(),
      at: { x: 0, y: 900 },
    });
    expect(result.doc!.document.nodes.slice(4).map((n) => n.name)).toEqual([
      'signup-api-2',
      'emails-2',
      'email-sender-2',
      'dead-letters-2',
    ]);
    await expectUndoRedo(start, result);
  });

  it('does nothing for an empty fragment', async () => {
    expect(
      await perform(insertFragmentAction, stateOf(), { fragment: { nodes: [], edges: [] } }),
    ).toEqual({});
  });
});
