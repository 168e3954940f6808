import { describe, expect, it } from 'vitest';
import { openAction } from '../../../../renderer/actions/file-actions';
import { expectNoHistoryStep, perform, stateOf } from './fixtures';

describe('open', () => {
  it('asks the shell to open (bound to Mod+O) and leaves the document and its history alone', async () => {
    const start = stateOf(undefined, undefined, { withHistory: true });
    expect(openAction.id).toBe('open');
    expect(openAction.shortcuts).toEqual(['Mod+O']);
    const result = await perform(openAction, start, undefined);
    expect(result.effects).toEqual([{ type: 'file', command: 'open' }]);
    await expectNoHistoryStep(start, result);
  });
});
