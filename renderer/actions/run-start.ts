import { isRunActive, runStore } from '../state/run-store';
import { startRun } from '../runs/run-controller';
import type { Action } from './types';

/**
 * Starts a real run of the open document on BullMQ and Redis. The run lives on the host; like
 * the file actions, the action only hands the request on (to the run controller).
 */
export const runStartAction: Action = {
  id: 'run-start',
  label: 'Start real run',
  group: 'view',
  shortcuts: ['Mod+F5'],
  inQuickAdd: true,
  enabled: (state) =>
    state.doc.document.nodes.length > 0 &&
    runStore.getState().busy === null &&
    !isRunActive(runStore.getState()),
  perform(state) {
    void startRun(state.doc.document);
    return {};
  },
};
