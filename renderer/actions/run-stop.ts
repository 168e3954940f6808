import { isRunActive, runStore } from '../state/run-store';
import { stopRun } from '../runs/run-controller';
import type { Action } from './types';

/** Stops the real run (draining first when the run options say so). */
export const runStopAction: Action = {
  id: 'run-stop',
  label: 'Stop run',
  group: 'view',
  shortcuts: ['Mod+Shift+F5'],
  inQuickAdd: true,
  enabled: () => isRunActive(runStore.getState()) && runStore.getState().busy !== 'stopping',
  perform() {
    void stopRun();
    return {};
  },
};
