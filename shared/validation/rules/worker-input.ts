import { nodeLabel } from '../describe';
import type { ValidationRule } from '../types';

/** A worker consumes exactly one queue. */
export const workerInput: ValidationRule = {
  id: 'worker-input',
  check({ doc, graph }) {
    return doc.nodes.flatMap((node) => {
      if (node.kind !== 'worker') return [];
      const queues = [...new Map(graph.inputQueues(node.id).map((q) => [q.id, q])).values()];
      if (queues.length === 1) return [];
      if (queues.length === 0) {
        return [
          {
            rule: 'worker-input',
            severity: 'error' as const,
            nodeId: node.id,
            message: `${nodeLabel(node)} has no input queue, so it never gets a job`,
            hint: 'connect the queue it should consume to it (queue → worker), or delete it',
          },
        ];
      }
      const names = queues.map((q) => JSON.stringify(q.name)).join(', ');
      return [
        {
          rule: 'worker-input',
          severity: 'error' as const,
          nodeId: node.id,
          message: `${nodeLabel(node)} consumes ${queues.length} queues (${names}); a BullMQ worker consumes exactly one`,
          hint: 'keep one input edge and add a separate worker for each other queue',
        },
      ];
    });
  },
};
