import { nodeLabel } from '../describe';
import type { ValidationRule } from '../types';

/** A producer must add its jobs to at least one queue. */
export const producerTarget: ValidationRule = {
  id: 'producer-target',
  check({ doc, graph }) {
    return doc.nodes.flatMap((node) => {
      if (node.kind !== 'producer') return [];
      if (graph.outgoing(node.id).some((e) => graph.nodes.get(e.to)?.kind === 'queue')) return [];
      return [
        {
          rule: 'producer-target',
          severity: 'error' as const,
          nodeId: node.id,
          message: `${nodeLabel(node)} has no target queue, so its jobs go nowhere`,
          hint: 'connect it to the queue its jobs belong in (producer → queue), or delete it',
        },
      ];
    });
  },
};
