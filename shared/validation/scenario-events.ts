import type { ScenarioChange, ScenarioEvent } from '../document/schema';
import { formatNumber, formatPercent, formatRate } from '../metrics/format';

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

/** What a change sets, in a few words: `failure rate 100%`, `service × 3`, `60 jobs/s`. */
export function describeChange(change: ScenarioChange): string {
  switch (change.type) {
    case 'failureRate':
      return `failure rate ${formatPercent(change.failureRate)}`;
    case 'slowdown':
      return `service × ${formatNumber(change.factor)}`;
    case 'rate':
      return formatRate(change.ratePerSec, 'jobs');
    case 'replicas':
      return `${change.replicas} ${change.replicas === 1 ? 'replica' : 'replicas'}`;
    case 'pause':
      return 'paused';
  }
}
