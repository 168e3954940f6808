import type { PipelineDocument, ScenarioEvent } from '../document/schema';
import type { NodeChange, TimedChange } from './changes';

/**
 * A document's scenario as timed changes (docs/architecture.md "Scenarios"): each event changes
 * its node at `atMs` and, when it has a duration, puts the node back to its design at the end.
 * Validation refuses events a simulation cannot play (a missing node, the wrong kind, two events
 * of one kind overlapping on one node), so here every event maps to its changes.
 */
export function scenarioChanges(doc: PipelineDocument): TimedChange[] {
  const events = doc.scenario?.events ?? [];
  if (events.length === 0) return [];
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const changes: TimedChange[] = [];
  events.forEach((event, i) => {
    const node = nodes.get(event.nodeId);
    if (!node) return;
    const { atMs, nodeId } = event;
    changes.push({ atMs, nodeId, change: startOf(event), event: i });
    if (event.durationMs === undefined) return;
    const restore = restoreOf(event, node);
    if (restore) changes.push({ atMs: atMs + event.durationMs, nodeId, change: restore, event: i });
  });
  return changes;
}

/** When an event ends (Infinity when it lasts to the end). */
export const eventEndMs = (event: ScenarioEvent): number =>
  event.durationMs === undefined ? Infinity : event.atMs + event.durationMs;

function startOf(event: ScenarioEvent): NodeChange {
  const change = event.change;
  switch (change.type) {
    case 'failureRate':
      return { type: 'failureRate', failureRate: change.failureRate };
    case 'slowdown':
      return { type: 'slowdown', factor: change.factor };
    case 'rate':
      return { type: 'rate', ratePerSec: change.ratePerSec };
    case 'replicas':
      return { type: 'replicas', replicas: change.replicas };
    case 'pause':
      return { type: 'pause' };
  }
}

function restoreOf(
  event: ScenarioEvent,
  node: PipelineDocument['nodes'][number],
): NodeChange | null {
  switch (event.change.type) {
    case 'failureRate':
      return node.kind === 'worker'
        ? { type: 'failureRate', failureRate: node.config.failureRate ?? 0 }
        : null;
    case 'slowdown':
      return { type: 'slowdown', factor: 1 };
    case 'rate':
      return { type: 'designArrival' };
    case 'replicas':
      return node.kind === 'worker' ? { type: 'replicas', replicas: node.config.replicas } : null;
    case 'pause':
      return { type: 'resume' };
  }
}
