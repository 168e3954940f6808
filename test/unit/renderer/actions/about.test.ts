import { describe, expect, it } from 'vitest';
import { aboutAction } from '../../../../renderer/actions/ui-actions';
import { expectNoHistoryStep, perform, stateOf } from './fixtures';

describe('about', () => {
  it('opens the About dialog', async () => {
    const start = stateOf(undefined, undefined, { withHistory: true });
    const result = await perform(aboutAction, start, undefined);
    expect(result.effects).toEqual([{ type: 'dialog', dialog: 'about' }]);
    await expectNoHistoryStep(start, result);
  });
});
