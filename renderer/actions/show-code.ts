import type { Action } from './types';

/** Shows or hides the Code panel: the project generated from the pipeline, following edits. */
export const showCodeAction: Action = {
  id: 'show-code',
  label: 'Code panel',
  group: 'view',
  shortcuts: ['Mod+Alt+C'],
  inQuickAdd: true,
  perform: () => ({ effects: [{ type: 'panel', panel: 'code' }] }),
};
