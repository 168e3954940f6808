import { analysisStore } from '../state/analysis-store';
import { cancelSimulation, startSimulation } from '../simulation/session';
import type { Action } from './types';

/** Runs the pipeline in the simulator (off the UI thread) with the settings last chosen. */
export const simulateAction: Action = {
  id: 'simulate',
  label: 'Simulate',
  group: 'view',
  shortcuts: ['F5', 'Mod+Enter'],
  // F5 in a field (after typing a new concurrency) simulates, rather than reloading the page.
  shortcutInFields: true,
  inQuickAdd: true,
  enabled: (state) => state.doc.document.nodes.some((n) => n.kind === 'producer'),
  perform(state) {
    const problem = startSimulation(state.doc.document);
    return problem ? { effects: [{ type: 'toast', tone: 'warning', message: problem }] } : {};
  },
};

export const cancelSimulationAction: Action = {
  id: 'cancel-simulation',
  label: 'Cancel simulation',
  group: 'view',
  shortcuts: ['Shift+F5'],
  shortcutInFields: true,
  inQuickAdd: true,
  enabled: () =>
    analysisStore.getState().source === 'simulation' &&
    analysisStore.getState().status === 'running',
  perform() {
    cancelSimulation();
    return {};
  },
};
