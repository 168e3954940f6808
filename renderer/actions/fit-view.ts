import type { Action } from './types';

export const fitViewAction: Action = {
  id: 'fit-view',
  label: 'Fit view',
  group: 'view',
  shortcuts: ['Shift+1'],
  inQuickAdd: true,
  perform: () => ({ effects: [{ type: 'fit-view' }] }),
};
