import { describe, expect, it } from 'vitest';
import { saveAsAction } from '../../../../renderer/actions/file-actions';
import { expectNoHistoryStep, perform, stateOf } from './fixtures';

describe('save-as', () => {
  it('asks the shell to save-as (bound to Mod+Shift+S) and leaves the document and its history alone', async () => {
    const start = stateOf(undefined, undefined, { withHistory: true });
    expect(saveAsAction.id).toBe('save-as');
    expect(saveAsAction.shortcuts).toEqual(['Mod+Shift+S']);
    const result = await perform(saveAsAction, start, undefined);
    expect(result.effects).toEqual([{ type: 'file', command: 'save-as' }]);
    await expectNoHistoryStep(start, result);
  });
});
