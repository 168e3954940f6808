import { describe, expect, it } from 'vitest';
import { autoLayoutAction } from '../../../../renderer/actions/auto-layout';
import { expectUndoRedo, perform, stateOf, welcomeDoc } from './fixtures';

describe('auto-layout', () => {
  it('lays nodes out left to right in the direction jobs flow, as one undo step', async () => {
    const doc = welcomeDoc();
    // Scramble the drawing: everything piled up at one spot.
    const piled = { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) };
    const start = stateOf(piled);
    const result = await perform(autoLayoutAction, start, undefined);
    const x = (id: string) => result.doc!.document.nodes.find((n) => n.id === id)!.position.x;
    expect(x('signup')).toBeLessThan(x('emails'));
    expect(x('emails')).toBeLessThan(x('sender'));
    expect(x('sender')).toBeLessThan(x('dead-letters'));
    expect(result.effects).toEqual([{ type: 'fit-view' }]);
    await expectUndoRedo(start, result);
  });

  it('uses measured sizes when given, so wide nodes do not overlap', async () => {
    const start = stateOf();
    const sizes = new Map(welcomeDoc().nodes.map((n) => [n.id, { width: 600, height: 80 }]));
    const result = await perform(autoLayoutAction, start, sizes);
    const xs = result.doc!.document.nodes.map((n) => n.position.x);
    expect(xs[1]! - xs[0]!).toBeGreaterThanOrEqual(600);
  });
});
