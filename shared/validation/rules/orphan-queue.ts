import { nodeLabel } from '../describe';
import type { ValidationRule } from '../types';

/** A queue nothing adds jobs to: no producer and no upstream worker. */
export const orphanQueue: ValidationRule = {
  id: 'orphan-queue',
  check({ doc, graph }) {
    return doc.nodes.flatMap((node) => {
      if (node.kind !== 'queue') return [];
      if (graph.feeds(node.id).length > 0) return [];
      return [
        {
          rule: 'orphan-queue',
          severity: 'warning' as const,
          nodeId: node.id,
          message: `nothing adds jobs to ${nodeLabel(node)}: no producer or worker feeds it`,
          hint: 'connect a producer or an upstream worker to it, or delete it',
        },
      ];
    });
  },
};
