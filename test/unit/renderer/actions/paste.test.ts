import { describe, expect, it } from 'vitest';
import { serializeDocument } from '../../../../shared/document';
import { pasteAction } from '../../../../renderer/actions/paste';
import { extractFragment } from '../../../../renderer/editing/fragment';
import { blankDocument } from '../../../../renderer/editing/blank';
import {
  expectNoHistoryStep,
  expectUndoRedo,
  perform,
  select,
  stateOf,
  welcomeDoc,
} from './fixtures';

const copied = () =>
  serializeDocument(extractFragment(welcomeDoc(), new Set(['emails', 'sender'])));

describe('paste', () => {
  it('asks the shell for the clipboard text', () => {
    expect(pasteAction.needs).toBe('clipboard');
    expect(pasteAction.shortcuts).toEqual(['Mod+V']);
  });

  it('pastes a copied subgraph into another document as is, selected', async () => {
    const start = stateOf(blankDocument('Second'));
    const result = await perform(pasteAction, start, copied());
    const doc = result.doc!.document;
    expect(doc.name).toBe('Second');
    expect(doc.nodes.map((n) => [n.id, n.name, n.position])).toEqual([
      ['emails', 'emails', { x: 250, y: 0 }],
      ['sender', 'email-sender', { x: 500, y: 0 }],
    ]);
    expect(doc.edges).toEqual([{ id: 'e2', from: 'emails', to: 'sender' }]);
    expect([...result.selection!.nodeIds]).toEqual(['emails', 'sender']);
    expect(result.effects).toEqual([{ type: 'reveal', nodeIds: ['emails', 'sender'] }]);
    await expectUndoRedo(start, result);
  });

  it('makes ids and names unique and shifts the copy off the originals', async () => {
    const start = stateOf(welcomeDoc(), select(['signup']));
    const result = await perform(pasteAction, start, copied());
    const pasted = result.doc!.document.nodes.slice(4);
    expect(pasted.map((n) => [n.id, n.name, n.position])).toEqual([
      ['emails-2', 'emails-2', { x: 290, y: 40 }],
      ['sender-2', 'email-sender-2', { x: 540, y: 40 }],
    ]);
    expect(result.doc!.document.edges.at(-1)).toEqual({
      id: 'e2-2',
      from: 'emails-2',
      to: 'sender-2',
    });
    await expectUndoRedo(start, result);
  });

  it('refuses text that is not a pipeline with a clear message and no change', async () => {
    const start = stateOf(undefined, undefined, { withHistory: true });
    const result = await perform(pasteAction, start, 'hello world');
    expect(result.effects?.[0]).toMatchObject({ type: 'toast', tone: 'warning' });
    expect(result.effects?.[0]?.type === 'toast' && result.effects[0].message).toMatch(
      /does not hold Pipewright nodes \(invalid JSON/,
    );
    await expectNoHistoryStep(start, result);
  });
});
