import { nodeLabel } from '../describe';
import type { ValidationRule } from '../types';

/** BullMQ refuses a queue name containing ":" (it separates the parts of its Redis keys). */
export const queueName: ValidationRule = {
  id: 'queue-name',
  check({ doc }) {
    return doc.nodes.flatMap((node) => {
      if (node.kind !== 'queue' || !node.name.includes(':')) return [];
      return [
        {
          rule: 'queue-name',
          severity: 'error' as const,
          nodeId: node.id,
          message: `${nodeLabel(node)} contains ":", which BullMQ does not allow in a queue name`,
          hint: `rename it, e.g. ${JSON.stringify(node.name.replaceAll(':', '-'))}`,
        },
      ];
    });
  },
};
