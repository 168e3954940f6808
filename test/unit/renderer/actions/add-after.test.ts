import { describe, expect, it } from 'vitest';
import { nodeSchema } from '../../../../shared/document';
import { addAfterSelectionAction } from '../../../../renderer/actions/add-after';
import { getAction } from '../../../../renderer/actions/registry';
import { blankDocument } from '../../../../renderer/editing/blank';
import { after, expectUndoRedo, perform, select, stateOf } from './fixtures';

describe('add after the selection (quick add)', () => {
  it('is a registered action', () => {
    expect(getAction('add-after-selection')).toBe(addAfterSelectionAction);
  });

  it('places a queue right of the selected worker, wires it and names it, in one undo step', async () => {
    const start = stateOf(undefined, select(['sender']));
    const result = await perform(addAfterSelectionAction, start, { kind: 'queue', name: 'Emails' });
    const doc = result.doc!.document;
    const added = doc.nodes.at(-1)!;
    // "Emails" is free as a name; its id is derived from it ("emails" is taken).
    expect(added).toMatchObject({ kind: 'queue', name: 'Emails', id: 'emails-2' });
    expect(nodeSchema.safeParse(added).success).toBe(true);
    expect(added.position.x).toBe(500 + 196 + 96);
    expect(doc.edges.at(-1)).toEqual({ id: 'e4', from: 'sender', to: 'emails-2' });
    expect([...result.selection!.nodeIds]).toEqual(['emails-2']);
    expect(result.effects).toEqual([{ type: 'reveal', nodeIds: ['emails-2'] }]);
    await expectUndoRedo(start, result);
  });

  it('builds a chain: each new node follows and is fed by the one before', async () => {
    let state = stateOf(blankDocument());
    for (const [kind, name] of [
      ['producer', 'signup'],
      ['queue', 'emails'],
      ['worker', 'sender'],
    ] as const) {
      state = after(state, await perform(addAfterSelectionAction, state, { kind, name }));
    }
    const doc = state.doc.document;
    expect(doc.nodes.map((n) => n.id)).toEqual(['signup', 'emails', 'sender']);
    expect(doc.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['signup>emails', 'emails>sender']);
    const xs = doc.nodes.map((n) => n.position.x);
    expect(xs[1]! - xs[0]!).toBe(184 + 96);
    expect(xs[2]! - xs[1]!).toBe(184 + 96);
  });

  it('feeds a selected queue from a new producer placed before it', async () => {
    const start = stateOf(undefined, select(['dead-letters']));
    const result = await perform(addAfterSelectionAction, start, { kind: 'producer' });
    const doc = result.doc!.document;
    const added = doc.nodes.at(-1)!;
    expect(added.position.x).toBeLessThan(750);
    expect(doc.edges.at(-1)).toMatchObject({ from: added.id, to: 'dead-letters' });
  });

  it('adds without an edge and says why when the two cannot be connected', async () => {
    const start = stateOf(undefined, select(['sender']));
    const result = await perform(addAfterSelectionAction, start, { kind: 'worker' });
    const doc = result.doc!.document;
    expect(doc.edges).toHaveLength(3);
    expect(result.effects).toContainEqual({
      type: 'toast',
      tone: 'info',
      message:
        'Added "worker-1" beside "email-sender" without an edge: A worker passes jobs on through a queue; put a queue between them: worker → queue → worker.',
    });
  });
});
