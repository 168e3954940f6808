import { describe, expect, it } from 'vitest';
import { redoAction } from '../../../../renderer/actions/redo';
import { undoAction } from '../../../../renderer/actions/undo';
import { after, perform, stateOf } from './fixtures';

describe('redo', () => {
  it('is bound to Mod+Shift+Z and Mod+Y and is disabled with nothing undone', () => {
    expect(redoAction.shortcuts).toEqual(['Mod+Shift+Z', 'Mod+Y']);
    expect(redoAction.enabled?.(stateOf(undefined, undefined, { withHistory: true }))).toBe(false);
  });

  it('re-applies what undo took back, and undo then takes it back again', async () => {
    const start = stateOf(undefined, undefined, { withHistory: true });
    const undone = after(start, await perform(undoAction, start, undefined));
    expect(redoAction.enabled?.(undone)).toBe(true);
    const redone = after(undone, await perform(redoAction, undone, undefined));
    expect(redone.doc.document).toBe(start.doc.document);
    expect(redone.doc.future).toHaveLength(0);
    const again = after(redone, await perform(undoAction, redone, undefined));
    expect(again.doc.document.name).toBe('Before');
  });
});
