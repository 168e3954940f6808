import { describe, expect, it } from 'vitest';
import { nodeSchema } from '../../../../shared/document';
import { addNodeAction } from '../../../../renderer/actions/add-node';
import { blankDocument } from '../../../../renderer/editing/blank';
import { after, expectUndoRedo, perform, stateOf } from './fixtures';

describe('add node', () => {
  it('adds a node at the drop point with a unique default name and valid settings', async () => {
    const start = stateOf(blankDocument());
    const result = await perform(addNodeAction, start, {
      kind: 'worker',
      position: { x: 10.4, y: 20.6 },
    });
    const node = result.doc!.document.nodes[0]!;
    expect(node).toMatchObject({
      id: 'worker-1',
      name: 'worker-1',
      kind: 'worker',
      position: { x: 10, y: 21 },
    });
    expect(nodeSchema.safeParse(node).success).toBe(true);
    expect([...result.selection!.nodeIds]).toEqual(['worker-1']);
    await expectUndoRedo(start, result);
  });

  it('numbers further nodes of a kind and centres them in the view, never stacked exactly', async () => {
    let state = stateOf(blankDocument());
    for (let i = 0; i < 3; i++)
      state = after(state, await perform(addNodeAction, state, { kind: 'queue' }));
    const nodes = state.doc.document.nodes;
    expect(nodes.map((n) => n.name)).toEqual(['queue-1', 'queue-2', 'queue-3']);
    expect(nodes[0]!.position).toEqual({ x: 308, y: 258 });
    expect(new Set(nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(3);
  });

  it('gives every kind settings that pass the schema', async () => {
    for (const kind of ['producer', 'queue', 'worker'] as const) {
      const result = await perform(addNodeAction, stateOf(), { kind });
      const node = result.doc!.document.nodes.at(-1)!;
      expect(nodeSchema.safeParse(node).success, kind).toBe(true);
    }
  });
});

describe('add node linked to another', () => {
  it('creates the node and its edge in one undo step', async () => {
    const start = stateOf();
    const result = await perform(addNodeAction, start, {
      kind: 'queue',
      position: { x: 600, y: 300 },
      link: { nodeId: 'sender', direction: 'from', on: 'failed' },
    });
    const doc = result.doc!.document;
    expect(doc.nodes.at(-1)!.id).toBe('queue-1');
    expect(doc.edges.at(-1)).toEqual({ id: 'e4', from: 'sender', to: 'queue-1', on: 'failed' });
    await expectUndoRedo(start, result);
  });

  it('refuses a link the rules forbid', async () => {
    const result = await perform(addNodeAction, stateOf(), {
      kind: 'worker',
      link: { nodeId: 'signup', direction: 'from' },
    });
    expect(result.doc).toBeUndefined();
    expect(result.effects?.[0]).toMatchObject({ type: 'toast', tone: 'warning' });
  });
});
