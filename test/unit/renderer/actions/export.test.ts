import { describe, expect, it } from 'vitest';
import { exportAction } from '../../../../renderer/actions/file-actions';
import { expectNoHistoryStep, perform, stateOf } from './fixtures';

describe('export', () => {
  it('asks the shell to export (bound to Mod+Shift+E) and leaves the document and its history alone', async () => {
    const start = stateOf(undefined, undefined, { withHistory: true });
    expect(exportAction.id).toBe('export');
    expect(exportAction.shortcuts).toEqual(['Mod+Shift+E']);
    const result = await perform(exportAction, start, undefined);
    expect(result.effects).toEqual([{ type: 'file', command: 'export' }]);
    await expectNoHistoryStep(start, result);
  });
});
