import type { ScenarioChange, ScenarioEvent } from '../document/schema';

/** Words shared by the scenario rules (rules/scenario-*.ts). */

/** `scenario event "Payment API down"` (its name, or its id when it has none). */
export const eventLabel = (event: ScenarioEvent): string =>
  `scenario event ${JSON.stringify(event.name ?? event.id)}`;

/** The kind of node each change applies to. */
export const CHANGE_TARGET: Record<ScenarioChange['type'], 'producer' | 'queue' | 'worker'> = {
  failureRate: 'worker',
  slowdown: 'worker',
  replicas: 'worker',
  rate: 'producer',
  pause: 'queue',
};

/** What a change does, in words: "sets the failure rate of". */
export const CHANGE_WORDS: Record<ScenarioChange['type'], string> = {
  failureRate: 'the failure rate',
  slowdown: 'the service time',
  replicas: 'the replicas',
  rate: 'the arrival rate',
  pause: 'the pause',
};

/** When an event ends (Infinity when it lasts to the end of the run). */
export const eventEndMs = (event: ScenarioEvent): number =>
  event.durationMs === undefined ? Infinity : event.atMs + event.durationMs;

export const scenarioEvents = (doc: { scenario?: { events: ScenarioEvent[] } }): ScenarioEvent[] =>
  doc.scenario?.events ?? [];
