import { edgeOn } from '../../document/defaults';
import { nodeLabel } from '../describe';
import type { ValidationRule } from '../types';

/**
 * A queue that receives jobs but has no worker: they wait forever. A queue fed only by `failed`
 * edges is a dead-letter queue, often kept just for inspection, so it is left alone.
 */
export const unconsumedQueue: ValidationRule = {
  id: 'unconsumed-queue',
  check({ doc, graph }) {
    return doc.nodes.flatMap((node) => {
      if (node.kind !== 'queue' || graph.consumers(node.id).length > 0) return [];
      const feeds = graph.feeds(node.id);
      if (feeds.length === 0 || feeds.every((e) => edgeOn(e) === 'failed')) return [];
      return [
        {
          rule: 'unconsumed-queue',
          severity: 'warning' as const,
          nodeId: node.id,
          message: `no worker consumes ${nodeLabel(node)}, so its jobs wait forever`,
          hint: 'connect a worker to it (queue → worker)',
        },
      ];
    });
  },
};
