import { describe, expect, it } from 'vitest';
import { fitViewAction } from '../../../../renderer/actions/fit-view';
import { expectNoHistoryStep, perform, stateOf } from './fixtures';

describe('fit view', () => {
  it('asks the canvas to fit everything, leaving the history alone', async () => {
    const start = stateOf(undefined, undefined, { withHistory: true });
    const result = await perform(fitViewAction, start, undefined);
    expect(result.effects).toEqual([{ type: 'fit-view' }]);
    expect(fitViewAction.shortcuts).toEqual(['Shift+1']);
    await expectNoHistoryStep(start, result);
  });
});
