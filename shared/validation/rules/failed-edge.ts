import { edgeOn } from '../../document/defaults';
import { edgeLabel, nodeLabel } from '../describe';
import type { ValidationRule } from '../types';

/** A `failed` edge moves a worker's finally-failed jobs to a (dead-letter) queue. */
export const failedEdge: ValidationRule = {
  id: 'failed-edge',
  check({ doc, graph }) {
    return doc.edges.flatMap((edge) => {
      const from = graph.nodes.get(edge.from);
      const to = graph.nodes.get(edge.to);
      if (edgeOn(edge) !== 'failed' || !from || !to) return [];
      const problems: string[] = [];
      if (from.kind !== 'worker') problems.push(`starts at ${nodeLabel(from)}, not at a worker`);
      if (to.kind !== 'queue') problems.push(`leads to ${nodeLabel(to)}, not to a queue`);
      if (problems.length === 0) return [];
      return [
        {
          rule: 'failed-edge',
          severity: 'error' as const,
          edgeId: edge.id,
          message: `failed edge ${edgeLabel(edge, graph)} ${problems.join(' and ')}; only a worker's failed jobs can be moved, and only into a queue`,
          hint:
            from.kind === 'worker'
              ? 'point it at a dead-letter queue (add a queue if needed)'
              : 'start it at the worker whose failed jobs should move, or remove "on": "failed"',
        },
      ];
    });
  },
};
