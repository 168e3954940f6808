import type { Action } from './types';

/**
 * Starts a real run of the open document on BullMQ and Redis. The run lives on the host; the
 * action only asks for it (a `run` effect the shell's dispatcher hands to the run controller).
 */
export const runStartAction: Action = {
  id: 'run-start',
  label: 'Start real run',
  group: 'view',
  shortcuts: ['Mod+F5'],
  inQuickAdd: true,
  enabled: (state) =>
    state.doc.document.nodes.length > 0 && state.run.busy === null && !state.run.active,
  perform: (state) => ({
    effects: [{ type: 'run', command: 'start', document: state.doc.document }],
  }),
};
