import { describe, expect, it } from 'vitest';
import { importAction } from '../../../../renderer/actions/file-actions';
import { expectNoHistoryStep, perform, stateOf } from './fixtures';

describe('import', () => {
  it('asks the shell to import (bound to Mod+I) and leaves the document and its history alone', async () => {
    const start = stateOf(undefined, undefined, { withHistory: true });
    expect(importAction.id).toBe('import');
    expect(importAction.shortcuts).toEqual(['Mod+I']);
    const result = await perform(importAction, start, undefined);
    expect(result.effects).toEqual([{ type: 'file', command: 'import' }]);
    await expectNoHistoryStep(start, result);
  });
});
