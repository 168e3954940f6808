import { describe, expect, it } from 'vitest';
import { quickAddAction } from '../../../../renderer/actions/ui-actions';
import { expectNoHistoryStep, perform, stateOf } from './fixtures';

describe('quick add', () => {
  it('opens the quick-add box on Mod+K or /', async () => {
    const start = stateOf(undefined, undefined, { withHistory: true });
    expect(quickAddAction.shortcuts).toEqual(['Mod+K', '/']);
    const result = await perform(quickAddAction, start, undefined);
    expect(result.effects).toEqual([{ type: 'dialog', dialog: 'quick-add' }]);
    await expectNoHistoryStep(start, result);
  });
});
