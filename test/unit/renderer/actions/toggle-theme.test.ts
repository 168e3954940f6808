import { describe, expect, it } from 'vitest';
import { toggleThemeAction } from '../../../../renderer/actions/ui-actions';
import { expectNoHistoryStep, perform, stateOf } from './fixtures';

describe('toggle theme', () => {
  it('switches a light OS to dark, and back to following the OS', async () => {
    const start = stateOf(undefined, undefined, { withHistory: true });
    const toDark = await perform(toggleThemeAction, start, undefined);
    expect(toDark.effects).toEqual([{ type: 'theme', preference: 'dark' }]);
    const back = await perform(toggleThemeAction, { ...start, themePreference: 'dark' }, undefined);
    expect(back.effects).toEqual([{ type: 'theme', preference: 'system' }]);
    await expectNoHistoryStep(start, toDark);
  });

  it('switches a dark OS to light', async () => {
    const dark = { ...stateOf(), systemTheme: 'dark' as const };
    const result = await perform(toggleThemeAction, dark, undefined);
    expect(result.effects).toEqual([{ type: 'theme', preference: 'light' }]);
  });
});
