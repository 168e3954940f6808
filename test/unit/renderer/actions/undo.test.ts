import { describe, expect, it } from 'vitest';
import { undoAction } from '../../../../renderer/actions/undo';
import { renameAction } from '../../../../renderer/actions/rename';
import { after, perform, select, stateOf } from './fixtures';

describe('undo', () => {
  it('is bound to Mod+Z, works in text fields, and is disabled with no history', () => {
    expect(undoAction.shortcuts).toContain('Mod+Z');
    expect(undoAction.shortcutInFields).toBe(true);
    expect(undoAction.enabled?.(stateOf())).toBe(false);
  });

  it('restores the previous document and drops selected ids that no longer exist', async () => {
    const start = stateOf();
    const renamed = after(
      start,
      await perform(renameAction, start, { nodeId: 'emails', name: 'mail' }),
    );
    expect(undoAction.enabled?.(renamed)).toBe(true);
    const undone = after(renamed, await perform(undoAction, renamed, undefined));
    expect(undone.doc.document).toBe(start.doc.document);
    expect(undone.doc.future).toHaveLength(1);

    const withGhost = { ...renamed, selection: select(['emails', 'ghost']) };
    const result = await perform(undoAction, withGhost, undefined);
    expect([...(result.selection?.nodeIds ?? [])]).toEqual(['emails']);
  });

  it('can itself be redone', async () => {
    const start = stateOf(undefined, undefined, { withHistory: true });
    const undone = after(start, await perform(undoAction, start, undefined));
    expect(undone.doc.document.name).toBe('Before');
    expect(undone.doc.future[0]).toBe(start.doc.document);
  });
});
