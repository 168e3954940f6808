import { describe, expect, it } from 'vitest';
import { exportCodeAction } from '../../../../renderer/actions/export-code';
import { ACTIONS, actionForKey } from '../../../../renderer/actions/registry';
import { showCodeAction } from '../../../../renderer/actions/show-code';
import { MENU_ACTIONS } from '../../../../renderer/documents/menu';
import { codeStore } from '../../../../renderer/state/code-store';
import { handleEffect } from '../../../../renderer/documents/effects';
import { uiStore } from '../../../../renderer/state/ui-store';
import { expectNoHistoryStep, perform, stateOf } from '../actions/fixtures';
import { welcomeDoc } from './fixtures';

const ctrl = (key: string, alt = false) => ({
  key,
  code: `Key${key.toUpperCase()}`,
  ctrlKey: true,
  metaKey: false,
  shiftKey: false,
  altKey: alt,
});

describe('Code panel actions', () => {
  it('are registered, with their own shortcuts', () => {
    expect(ACTIONS).toContain(showCodeAction);
    expect(ACTIONS).toContain(exportCodeAction);
    expect(actionForKey(ctrl('e'), false, false)).toBe(exportCodeAction);
    expect(actionForKey(ctrl('c', true), false, false)).toBe(showCodeAction);
  });

  it('toggles the Code panel without touching the document', async () => {
    const start = stateOf(welcomeDoc(), undefined, { withHistory: true });
    const result = await perform(showCodeAction, start, undefined);
    expect(result.effects).toEqual([{ type: 'panel', panel: 'code' }]);
    await expectNoHistoryStep(start, result);
    const before = codeStore.getState().open;
    await handleEffect({ type: 'panel', panel: 'code' });
    expect(codeStore.getState().open).toBe(!before);
    await handleEffect({ type: 'panel', panel: 'code' });
    expect(codeStore.getState().open).toBe(before);
  });

  it('opens the export dialog, for a pipeline with nodes only', async () => {
    const start = stateOf(welcomeDoc());
    expect(exportCodeAction.enabled?.(start)).toBe(true);
    expect(exportCodeAction.enabled?.(stateOf({ ...welcomeDoc(), nodes: [], edges: [] }))).toBe(
      false,
    );
    const result = await perform(exportCodeAction, start, undefined);
    expect(result.effects).toEqual([{ type: 'dialog', dialog: 'export-code' }]);
    await handleEffect(result.effects![0]!);
    expect(uiStore.getState().dialog).toBe('export-code');
  });

  it('is what the native menu’s Export Code… runs', () => {
    expect(MENU_ACTIONS['file:export']).toBe(exportCodeAction);
  });
});
