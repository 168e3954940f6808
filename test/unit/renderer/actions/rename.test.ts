import { describe, expect, it } from 'vitest';
import { renameAction } from '../../../../renderer/actions/rename';
import { expectNoHistoryStep, expectUndoRedo, perform, select, stateOf } from './fixtures';

describe('rename', () => {
  it('F2 on one selected node asks the canvas to rename it in place', async () => {
    const start = stateOf(undefined, select(['emails']), { withHistory: true });
    expect(renameAction.shortcuts).toEqual(['F2']);
    const result = await perform(renameAction, start, undefined);
    expect(result.effects).toEqual([{ type: 'rename', nodeId: 'emails' }]);
    await expectNoHistoryStep(start, result);
  });

  it('is disabled unless exactly one node is selected', () => {
    expect(renameAction.enabled?.(stateOf(undefined, select(['emails', 'sender'])))).toBe(false);
    expect(renameAction.enabled?.(stateOf())).toBe(false);
  });

  it('sets the trimmed name as one undo step', async () => {
    const start = stateOf();
    const result = await perform(renameAction, start, { nodeId: 'emails', name: '  mail-out ' });
    expect(result.doc!.document.nodes[1]!.name).toBe('mail-out');
    expect(result.doc!.document.nodes[1]!.id).toBe('emails');
    await expectUndoRedo(start, result);
  });

  it('refuses an empty name and ignores an unchanged one', async () => {
    const start = stateOf();
    const empty = await perform(renameAction, start, { nodeId: 'emails', name: '   ' });
    expect(empty.doc).toBeUndefined();
    expect(empty.effects?.[0]).toMatchObject({
      type: 'toast',
      message: 'A name needs 1 to 200 characters.',
    });
    expect(await perform(renameAction, start, { nodeId: 'emails', name: 'emails' })).toEqual({});
  });
});
