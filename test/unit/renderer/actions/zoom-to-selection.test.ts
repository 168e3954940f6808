import { describe, expect, it } from 'vitest';
import { zoomToSelectionAction } from '../../../../renderer/actions/zoom-to-selection';
import { expectNoHistoryStep, perform, select, stateOf } from './fixtures';

describe('zoom to selection', () => {
  it('fits the selected nodes and both ends of selected edges', async () => {
    const start = stateOf(undefined, select(['signup'], ['e3']), { withHistory: true });
    const result = await perform(zoomToSelectionAction, start, undefined);
    expect(result.effects).toEqual([
      { type: 'fit-view', nodeIds: ['signup', 'sender', 'dead-letters'] },
    ]);
    await expectNoHistoryStep(start, result);
  });

  it('is disabled with nothing selected', () => {
    expect(zoomToSelectionAction.enabled?.(stateOf())).toBe(false);
  });
});
