import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from '../../../../shared/api/contract';
import { suggestedFileName, fileName } from '../../../../renderer/documents/load';
import { MENU_ACTIONS } from '../../../../renderer/documents/menu';
import { windowTitle } from '../../../../renderer/documents/title';
import { commit, initialDocumentState } from '../../../../renderer/state/history';
import { welcomeDoc } from '../actions/fixtures';

describe('document names and titles', () => {
  it('titles the window with the name, the file, and a dot for unsaved changes', () => {
    const clean = initialDocumentState(welcomeDoc(), '/home/me/welcome.pipewright.json');
    expect(windowTitle(clean)).toBe('Welcome emails (welcome.pipewright.json) — Pipewright');
    const dirty = commit(clean, { ...welcomeDoc(), name: 'Onboarding' });
    expect(windowTitle(dirty)).toBe('● Onboarding (welcome.pipewright.json) — Pipewright');
    expect(windowTitle(initialDocumentState(welcomeDoc(), null))).toBe(
      'Welcome emails — Pipewright',
    );
  });

  it('suggests a file name from the document name', () => {
    expect(suggestedFileName('Welcome emails!')).toBe('welcome-emails.pipewright.json');
    expect(suggestedFileName('???')).toBe('pipeline.pipewright.json');
    expect(fileName('C:\\pipes\\a.pipewright.json')).toBe('a.pipewright.json');
  });
});

describe('native menu commands', () => {
  it('run registered actions for every file, edit, view and help command', () => {
    const handled = MENU_COMMANDS.filter((c) => !c.startsWith('run:'));
    for (const command of handled) expect(MENU_ACTIONS[command], command).toBeDefined();
    expect(MENU_ACTIONS['file:save']?.id).toBe('save');
    expect(MENU_ACTIONS['edit:undo']?.id).toBe('undo');
  });
});
