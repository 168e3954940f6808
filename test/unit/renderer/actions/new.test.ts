import { describe, expect, it } from 'vitest';
import { newDocumentAction } from '../../../../renderer/actions/file-actions';
import { expectNoHistoryStep, perform, stateOf } from './fixtures';

describe('new', () => {
  it('opens the New dialog (blank or an example) without touching the open document', async () => {
    const start = stateOf(undefined, undefined, { withHistory: true });
    const result = await perform(newDocumentAction, start, undefined);
    expect(result.effects).toEqual([{ type: 'dialog', dialog: 'new' }]);
    expect(newDocumentAction.shortcuts).toEqual(['Mod+Alt+N']);
    await expectNoHistoryStep(start, result);
  });
});
