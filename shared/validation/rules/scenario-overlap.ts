import type { ScenarioEvent } from '../../document/schema';
import { formatMs, nodeLabel } from '../describe';
import { CHANGE_WORDS, eventEndMs, eventLabel, scenarioEvents } from '../scenario-events';
import type { Diagnostic, ValidationRule } from '../types';

/**
 * Two events of the same change on one node must not overlap in time: each puts the node back to
 * its design when it ends, so the later one's value would be undone halfway through it.
 */
export const scenarioOverlap: ValidationRule = {
  id: 'scenario-overlap',
  check({ doc, graph }) {
    const groups = new Map<string, ScenarioEvent[]>();
    for (const event of scenarioEvents(doc)) {
      const key = `${event.nodeId}\u0000${event.change.type}`;
      const group = groups.get(key);
      if (group) group.push(event);
      else groups.set(key, [event]);
    }
    const found: Diagnostic[] = [];
    for (const group of groups.values()) {
      const sorted = [...group].sort((a, b) => a.atMs - b.atMs);
      for (let i = 1; i < sorted.length; i++) {
        const before = sorted[i - 1]!;
        const event = sorted[i]!;
        const end = eventEndMs(before);
        if (event.atMs >= end) continue;
        const node = graph.nodes.get(event.nodeId);
        const where = node ? nodeLabel(node) : `node "${event.nodeId}"`;
        found.push({
          rule: 'scenario-overlap',
          severity: 'error',
          ...(node ? { nodeId: node.id } : {}),
          message: `${eventLabel(event)} changes ${CHANGE_WORDS[event.change.type]} of ${where} at ${formatMs(event.atMs)}, while ${eventLabel(before)} (${formatMs(before.atMs)} to ${Number.isFinite(end) ? formatMs(end) : 'the end'}) still does`,
          hint: Number.isFinite(end)
            ? `start it at ${end} ms or later, or shorten the earlier event to end by ${event.atMs} ms`
            : `give the earlier event a durationMs of at most ${event.atMs - before.atMs} ms, or merge the two events`,
        });
      }
    }
    return found;
  },
};
