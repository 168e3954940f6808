import { describe, expect, it } from 'vitest';
import { cutAction } from '../../../../renderer/actions/cut';
import { expectUndoRedo, perform, select, stateOf } from './fixtures';

describe('cut', () => {
  it('copies the selection to the clipboard and removes it, as one undo step', async () => {
    const start = stateOf(undefined, select(['dead-letters']));
    const result = await perform(cutAction, start, undefined);
    expect(result.effects?.[0]?.type).toBe('clipboard-write');
    expect(result.doc!.document.nodes.map((n) => n.id)).not.toContain('dead-letters');
    expect(result.doc!.document.edges.map((e) => e.id)).toEqual(['e1', 'e2']);
    await expectUndoRedo(start, result);
  });

  it('does nothing without selected nodes', async () => {
    expect(await perform(cutAction, stateOf(), undefined)).toEqual({});
  });
});
