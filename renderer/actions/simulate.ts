import { simulateSettings } from '../simulation/session';
import { resolveSettings, SettingsError } from '../simulation/settings';
import type { Action } from './types';

/**
 * Runs the pipeline in the simulator (off the UI thread) with the settings last chosen. Settings
 * that cannot run are said at once; otherwise the `simulation` effect starts it.
 */
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
    const settings = simulateSettings();
    const document = state.doc.document;
    try {
      resolveSettings(settings, document);
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      return { effects: [{ type: 'toast', tone: 'warning', message: error.message }] };
    }
    return { effects: [{ type: 'simulation', command: 'start', document, settings }] };
  },
};

export const cancelSimulationAction: Action = {
  id: 'cancel-simulation',
  label: 'Cancel simulation',
  group: 'view',
  shortcuts: ['Shift+F5'],
  shortcutInFields: true,
  inQuickAdd: true,
  enabled: (state) => state.simulating,
  perform: () => ({ effects: [{ type: 'simulation', command: 'cancel' }] }),
};
