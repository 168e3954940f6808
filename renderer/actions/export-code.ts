import type { Action } from './types';

/** Export code…: writes the generated project into a folder, or downloads it as a .zip. */
export const exportCodeAction: Action = {
  id: 'export-code',
  label: 'Export code…',
  group: 'file',
  shortcuts: ['Mod+E'],
  inQuickAdd: true,
  enabled: (state) => state.doc.document.nodes.length > 0,
  perform: () => ({ effects: [{ type: 'dialog', dialog: 'export-code' }] }),
};
