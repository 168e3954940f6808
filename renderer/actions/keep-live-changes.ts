import { keepOverrides, type NodeOverrides } from '../runs/live-overrides';
import { changed } from './helpers';
import type { Action } from './types';

export interface KeepLiveChangesInput {
  overrides: Readonly<Record<string, NodeOverrides>>;
}

/**
 * Keeps what live controls changed during a run (rate, concurrency, replicas, failure rate) as
 * the design's values: one undoable edit. Nodes deleted since the run are skipped.
 */
export const keepLiveChangesAction: Action<KeepLiveChangesInput> = {
  id: 'keep-live-changes',
  label: 'Keep live changes in the design',
  group: 'edit',
  perform(state, { overrides }) {
    const next = keepOverrides(state.doc.document, overrides);
    if (next === state.doc.document) {
      return {
        effects: [{ type: 'toast', tone: 'info', message: 'The design already has these values' }],
      };
    }
    return changed(state, next);
  },
};
