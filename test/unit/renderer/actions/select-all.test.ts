import { describe, expect, it } from 'vitest';
import { selectAllAction } from '../../../../renderer/actions/select-all';
import { blankDocument } from '../../../../renderer/editing/blank';
import { expectNoHistoryStep, perform, stateOf } from './fixtures';

describe('select all', () => {
  it('selects every node and edge without touching the history', async () => {
    const start = stateOf(undefined, undefined, { withHistory: true });
    const result = await perform(selectAllAction, start, undefined);
    expect([...result.selection!.nodeIds]).toEqual(['signup', 'emails', 'sender', 'dead-letters']);
    expect([...result.selection!.edgeIds]).toEqual(['e1', 'e2', 'e3']);
    await expectNoHistoryStep(start, result);
  });

  it('is disabled on an empty canvas', () => {
    expect(selectAllAction.enabled?.(stateOf(blankDocument()))).toBe(false);
    expect(selectAllAction.shortcuts).toEqual(['Mod+A']);
  });
});
