import type { Action, Effect } from './types';

type FileCommand = Extract<Effect, { type: 'file' }>['command'];

const fileAction = (id: FileCommand, label: string, shortcuts: string[]): Action => ({
  id,
  label,
  group: 'file',
  shortcuts,
  // Ctrl+S works while typing in the inspector too.
  shortcutInFields: true,
  inQuickAdd: true,
  // Talking to the host is the shell's job (renderer/documents/); the action only asks for it.
  perform: () => ({ effects: [{ type: 'file', command: id }] }),
});

export const openAction = fileAction('open', 'Open…', ['Mod+O']);
export const saveAction = fileAction('save', 'Save', ['Mod+S']);
export const saveAsAction = fileAction('save-as', 'Save as…', ['Mod+Shift+S']);
export const importAction = fileAction('import', 'Import JSON…', ['Mod+I']);
export const exportAction = fileAction('export', 'Export JSON', ['Mod+Shift+E']);

export const newDocumentAction: Action = {
  id: 'new',
  label: 'New…',
  group: 'file',
  // Ctrl+N belongs to the browser in web mode; Alt keeps it working everywhere.
  shortcuts: ['Mod+Alt+N'],
  shortcutInFields: true,
  inQuickAdd: true,
  perform: () => ({ effects: [{ type: 'dialog', dialog: 'new' }] }),
};
