import type { Action } from './types';

/** Stops the real run (draining first when the run options say so). */
export const runStopAction: Action = {
  id: 'run-stop',
  label: 'Stop run',
  group: 'view',
  shortcuts: ['Mod+Shift+F5'],
  inQuickAdd: true,
  enabled: (state) => state.run.active && state.run.busy !== 'stopping',
  perform: () => ({ effects: [{ type: 'run', command: 'stop' }] }),
};
