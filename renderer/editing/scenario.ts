import { meanArrivalRatePerSec } from '../../shared/document/defaults';
import {
  scenarioEventSchema,
  type PipelineDocument,
  type PipelineNode,
  type ScenarioChange,
  type ScenarioEvent,
} from '../../shared/document';
import { CHANGE_TARGET } from '../../shared/validation/scenario-events';
import type { EditResult } from './validate-edit';

/**
 * Pure edits of a document's scenario (docs/architecture.md "Scenarios"): the timeline's add,
 * change and delete. The file format is the simulator's; an empty scenario leaves the file.
 */

/** What the timeline offers to add, in the words a user thinks in. */
export const EVENT_KINDS = [
  { id: 'outage', label: 'Outage', type: 'failureRate' },
  { id: 'slowdown', label: 'Slow dependency', type: 'slowdown' },
  { id: 'spike', label: 'Spike', type: 'rate' },
  { id: 'replicas', label: 'Replicas down', type: 'replicas' },
  { id: 'pause', label: 'Pause', type: 'pause' },
] as const satisfies ReadonlyArray<{ id: string; label: string; type: ScenarioChange['type'] }>;

export type EventKindId = (typeof EVENT_KINDS)[number]['id'];

/** The kinds of event a node can have. */
export const eventKindsFor = (node: PipelineNode) =>
  EVENT_KINDS.filter((k) => CHANGE_TARGET[k.type] === node.kind);

/** A first value for a new event: an outage fails every attempt, a spike triples the rate. */
export function defaultChange(kind: EventKindId, node: PipelineNode): ScenarioChange {
  switch (kind) {
    case 'outage':
      return { type: 'failureRate', failureRate: 1 };
    case 'slowdown':
      return { type: 'slowdown', factor: 3 };
    case 'spike': {
      const rate = node.kind === 'producer' ? meanArrivalRatePerSec(node.config.arrival) : 1;
      return { type: 'rate', ratePerSec: Number((Math.max(rate, 1 / 3) * 3).toPrecision(3)) };
    }
    case 'replicas':
      return { type: 'replicas', replicas: 0 };
    case 'pause':
      return { type: 'pause' };
  }
}

/** An id no event of the document has: `event-1`, `event-2`, … */
export function nextEventId(doc: PipelineDocument): string {
  const taken = new Set((doc.scenario?.events ?? []).map((e) => e.id));
  let n = taken.size + 1;
  while (taken.has(`event-${n}`)) n++;
  return `event-${n}`;
}

const withEvents = (doc: PipelineDocument, events: ScenarioEvent[]): PipelineDocument => {
  if (events.length > 0) return { ...doc, scenario: { ...doc.scenario, events } };
  const { scenario: _gone, ...rest } = doc;
  return rest;
};

/** The timeline's names for an event's fields, so a refusal names what the user typed in. */
const FIELD_WORDS: Record<string, string> = {
  atMs: 'The start',
  durationMs: 'The duration',
  name: 'The name',
  'change.failureRate': 'The failure rate',
  'change.factor': 'The slowdown factor',
  'change.ratePerSec': 'The rate',
  'change.replicas': 'The replicas',
};

function checked(event: ScenarioEvent): string | null {
  const parsed = scenarioEventSchema.safeParse(event);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.join('.');
  return `${FIELD_WORDS[where] ?? `The event's ${where || 'value'}`} ${issue.message}`;
}

export function addScenarioEvent(doc: PipelineDocument, event: ScenarioEvent): EditResult {
  if (doc.scenario?.events.some((e) => e.id === event.id)) {
    return { ok: false, message: `There is already an event with id "${event.id}"` };
  }
  const problem = checked(event);
  if (problem) return { ok: false, message: problem };
  return { ok: true, document: withEvents(doc, [...(doc.scenario?.events ?? []), event]) };
}

/**
 * Changes fields of one event; `undefined` removes an optional one (no duration: to the end).
 * The event is checked with the document schema, so a refusal reads as the file's errors do.
 */
export function updateScenarioEvent(
  doc: PipelineDocument,
  id: string,
  patch: Partial<ScenarioEvent>,
): EditResult {
  const events = doc.scenario?.events ?? [];
  const index = events.findIndex((e) => e.id === id);
  if (index < 0) return { ok: false, message: 'That event no longer exists' };
  const next: Record<string, unknown> = { ...events[index]!, ...patch };
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
  const event = next as ScenarioEvent;
  if (JSON.stringify(event) === JSON.stringify(events[index])) return { ok: true, document: doc };
  const problem = checked(event);
  if (problem) return { ok: false, message: problem };
  return {
    ok: true,
    document: withEvents(
      doc,
      events.map((e, i) => (i === index ? event : e)),
    ),
  };
}

export function deleteScenarioEvent(doc: PipelineDocument, id: string): PipelineDocument {
  const events = doc.scenario?.events ?? [];
  if (!events.some((e) => e.id === id)) return doc;
  return withEvents(
    doc,
    events.filter((e) => e.id !== id),
  );
}
