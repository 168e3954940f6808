import { CHANGE_TARGET, CHANGE_WORDS, eventLabel, scenarioEvents } from '../scenario-events';
import { nodeLabel } from '../describe';
import type { Diagnostic, ValidationRule } from '../types';

/**
 * A scenario event changes one node, and each change belongs to one kind of node: a worker's
 * failure rate, service time (slowdown) or replicas, a producer's rate, a queue's pause. A cron
 * producer has no rate to change.
 */
export const scenarioTarget: ValidationRule = {
  id: 'scenario-target',
  check({ doc, graph }) {
    const found: Diagnostic[] = [];
    for (const event of scenarioEvents(doc)) {
      const type = event.change.type;
      const kind = CHANGE_TARGET[type];
      const node = graph.nodes.get(event.nodeId);
      const base = { rule: 'scenario-target', severity: 'error' as const };
      if (!node) {
        found.push({
          ...base,
          message: `${eventLabel(event)} changes node "${event.nodeId}", which is not in the pipeline`,
          hint: `set its nodeId to the id of a ${kind}, or delete the event`,
        });
      } else if (node.kind !== kind) {
        found.push({
          ...base,
          nodeId: node.id,
          message: `${eventLabel(event)} changes ${CHANGE_WORDS[type]} of ${nodeLabel(node)}, but only a ${kind} has one`,
          hint: `point the event at a ${kind}, or pick a change that a ${node.kind} has (${changesOf(node.kind)})`,
        });
      } else if (
        node.kind === 'producer' &&
        node.config.arrival.type === 'schedule' &&
        node.config.arrival.cron !== undefined
      ) {
        found.push({
          ...base,
          nodeId: node.id,
          message: `${eventLabel(event)} changes the arrival rate of ${nodeLabel(node)}, which runs on a cron schedule and has no rate`,
          hint: 'give the producer everyMs instead of cron, or point the event at another producer',
        });
      }
    }
    return found;
  },
};

const changesOf = (kind: string): string =>
  Object.entries(CHANGE_TARGET)
    .filter(([, k]) => k === kind)
    .map(([type]) => type)
    .join(', ');
