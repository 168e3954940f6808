import { describe, expect, it } from 'vitest';
import { saveAction } from '../../../../renderer/actions/file-actions';
import { expectNoHistoryStep, perform, stateOf } from './fixtures';

describe('save', () => {
  it('asks the shell to save (bound to Mod+S) and leaves the document and its history alone', async () => {
    const start = stateOf(undefined, undefined, { withHistory: true });
    expect(saveAction.id).toBe('save');
    expect(saveAction.shortcuts).toEqual(['Mod+S']);
    const result = await perform(saveAction, start, undefined);
    expect(result.effects).toEqual([{ type: 'file', command: 'save' }]);
    await expectNoHistoryStep(start, result);
  });
});
