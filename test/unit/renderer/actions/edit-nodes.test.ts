import { describe, expect, it } from 'vitest';
import { editNodesAction } from '../../../../renderer/actions/edit-nodes';
import { addNodeAction } from '../../../../renderer/actions/add-node';
import { after, expectUndoRedo, perform, stateOf } from './fixtures';
import type { WorkerNode } from '../../../../shared/document';

const worker = (s: ReturnType<typeof stateOf>, id = 'sender') =>
  s.doc.document.nodes.find((n) => n.id === id) as WorkerNode;

describe('edit nodes', () => {
  it('sets a field live as one undo step', async () => {
    const start = stateOf();
    const input = { nodeIds: ['sender'], path: ['config', 'concurrency'], value: 8 };
    const result = await perform(editNodesAction, start, input);
    expect(worker(after(start, result)).config.concurrency).toBe(8);
    await expectUndoRedo(start, result);
  });

  it('coalesces a burst of typing in one field, but not a pause or another field', async () => {
    const start = stateOf();
    let s = start;
    for (const value of [1, 12, 128]) {
      s = after(
        s,
        await perform(editNodesAction, s, {
          nodeIds: ['sender'],
          path: ['config', 'concurrency'],
          value,
        }),
        200,
      );
    }
    expect(s.doc.past).toHaveLength(1);
    await expectUndoRedo(start, { doc: s.doc });
    s = after(
      s,
      await perform(editNodesAction, s, {
        nodeIds: ['sender'],
        path: ['config', 'replicas'],
        value: 2,
      }),
      200,
    );
    expect(s.doc.past).toHaveLength(2);
    s = after(
      s,
      await perform(editNodesAction, s, {
        nodeIds: ['sender'],
        path: ['config', 'replicas'],
        value: 3,
      }),
      5_000,
    );
    s = after(
      s,
      await perform(editNodesAction, s, {
        nodeIds: ['sender'],
        path: ['config', 'replicas'],
        value: 4,
      }),
    );
    expect(s.doc.past).toHaveLength(3);
  });

  it('edits several nodes of one kind together', async () => {
    const base = stateOf();
    const start = after(base, await perform(addNodeAction, base, { kind: 'worker' }));
    const input = { nodeIds: ['sender', 'worker-1'], path: ['config', 'failureRate'], value: 0.1 };
    const result = await perform(editNodesAction, start, input);
    const s = after(start, result);
    expect(worker(s).config.failureRate).toBe(0.1);
    expect(worker(s, 'worker-1').config.failureRate).toBe(0.1);
    expect(s.doc.past.length - start.doc.past.length).toBe(1);
    await expectUndoRedo(start, result);
  });

  it('removes an optional field when given undefined', async () => {
    const start = stateOf();
    const result = await perform(editNodesAction, start, {
      nodeIds: ['emails'],
      path: ['config', 'backoff'],
      value: undefined,
    });
    expect(result.doc!.document.nodes[1]!.config).toEqual({ attempts: 3 });
    await expectUndoRedo(start, result);
  });

  it('refuses a value the schema rejects, with its message, changing nothing', async () => {
    const result = await perform(editNodesAction, stateOf(), {
      nodeIds: ['sender'],
      path: ['config', 'concurrency'],
      value: 0,
    });
    expect(result.doc).toBeUndefined();
    expect(result.effects).toEqual([
      { type: 'toast', tone: 'warning', message: 'Must be an integer from 1 to 10000' },
    ]);
  });
});
