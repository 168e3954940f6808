import { describe, expect, it } from 'vitest';
import { connectAction } from '../../../../renderer/actions/connect';
import { addNodeAction } from '../../../../renderer/actions/add-node';
import { after, expectUndoRedo, perform, stateOf, welcomeDoc } from './fixtures';

describe('connect', () => {
  it('adds a legal edge with a fresh id', async () => {
    const base = stateOf();
    const start = after(base, await perform(addNodeAction, base, { kind: 'worker' }));
    const result = await perform(connectAction, start, { from: 'dead-letters', to: 'worker-1' });
    expect(result.doc!.document.edges.at(-1)).toEqual({
      id: 'e4',
      from: 'dead-letters',
      to: 'worker-1',
    });
    await expectUndoRedo(start, result);
  });

  it('records a failed edge from a worker', async () => {
    const doc = welcomeDoc();
    const start = stateOf({ ...doc, edges: doc.edges.slice(0, 2) });
    const result = await perform(connectAction, start, {
      from: 'sender',
      to: 'dead-letters',
      on: 'failed',
    });
    expect(result.doc!.document.edges.at(-1)).toEqual({
      id: 'e3',
      from: 'sender',
      to: 'dead-letters',
      on: 'failed',
    });
    await expectUndoRedo(start, result);
  });

  it.each([
    [
      'signup',
      'sender',
      'A producer adds jobs to a queue, not to a worker; put a queue between them: producer → queue → worker.',
    ],
    ['emails', 'dead-letters', 'Jobs leave a queue through a worker'],
    ['sender', 'signup', 'Nothing feeds a producer'],
    [
      'emails',
      'emails',
      'A node cannot connect to itself; to re-process jobs, route them through a queue.',
    ],
    ['signup', 'emails', '"signup-api" is already connected to "emails".'],
    ['dead-letters', 'sender', 'a worker consumes exactly one queue'],
  ])('refuses %s → %s and says why', async (from, to, reason) => {
    const result = await perform(connectAction, stateOf(), { from, to });
    expect(result.doc).toBeUndefined();
    expect(result.effects?.[0]?.type === 'toast' && result.effects[0].message).toContain(reason);
  });
});
