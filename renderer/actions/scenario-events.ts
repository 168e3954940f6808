import type { ScenarioEvent } from '../../shared/document';
import {
  addScenarioEvent,
  defaultChange,
  deleteScenarioEvent,
  nextEventId,
  updateScenarioEvent,
  type EventKindId,
} from '../editing/scenario';
import { changed } from './helpers';
import type { Action, ActionResult } from './types';

/** Scenario events on the timeline under the canvas (docs/architecture.md "Scenarios"). */

const refused = (message: string): ActionResult => ({
  effects: [{ type: 'toast', tone: 'warning', message }],
});

export interface AddScenarioEventInput {
  nodeId: string;
  kind: EventKindId;
  atMs: number;
  durationMs?: number;
  /** Given by the caller that selects the new event; otherwise the next free one. */
  id?: string;
}

export const addScenarioEventAction: Action<AddScenarioEventInput> = {
  id: 'add-scenario-event',
  label: 'Add scenario event',
  group: 'edit',
  perform(state, { nodeId, kind, atMs, durationMs, id }) {
    const doc = state.doc.document;
    const node = doc.nodes.find((n) => n.id === nodeId);
    if (!node) return refused('Select a node to add an event to');
    const event: ScenarioEvent = {
      id: id ?? nextEventId(doc),
      nodeId,
      atMs,
      ...(durationMs === undefined ? {} : { durationMs }),
      change: defaultChange(kind, node),
    };
    const result = addScenarioEvent(doc, event);
    return result.ok ? changed(state, result.document) : refused(result.message);
  },
};

export interface EditScenarioEventInput {
  id: string;
  /** `undefined` removes an optional field (a duration: the event lasts to the end). */
  patch: Partial<ScenarioEvent>;
}

/** Moves, stretches or changes an event; typing in one of its fields is one undo step. */
export const editScenarioEventAction: Action<EditScenarioEventInput> = {
  id: 'edit-scenario-event',
  label: 'Edit scenario event',
  group: 'edit',
  perform(state, { id, patch }) {
    const result = updateScenarioEvent(state.doc.document, id, patch);
    if (!result.ok) return refused(result.message);
    const fields = Object.keys(patch).sort().join(',');
    return changed(state, result.document, { coalesceKey: `scenario:${id}:${fields}` });
  },
};

export const deleteScenarioEventAction: Action<{ id: string }> = {
  id: 'delete-scenario-event',
  label: 'Delete scenario event',
  group: 'edit',
  perform(state, { id }) {
    return changed(state, deleteScenarioEvent(state.doc.document, id));
  },
};
