import { edgeOn } from '../../document/defaults';
import { edgeLabel } from '../describe';
import type { ValidationRule } from '../types';

/** Only a worker → queue `completed` edge routes with a probability; elsewhere it is ignored. */
export const edgeProbabilityRule: ValidationRule = {
  id: 'edge-probability',
  check({ doc, graph }) {
    return doc.edges.flatMap((edge) => {
      if (edge.probability === undefined) return [];
      const from = graph.nodes.get(edge.from);
      const to = graph.nodes.get(edge.to);
      if (!from || !to) return [];
      if (from.kind === 'worker' && to.kind === 'queue' && edgeOn(edge) === 'completed') return [];
      const where =
        edgeOn(edge) === 'failed'
          ? 'a failed edge always moves the failed job'
          : `a ${from.kind} → ${to.kind} edge always carries every job`;
      return [
        {
          rule: 'edge-probability',
          severity: 'warning' as const,
          edgeId: edge.id,
          message: `edge ${edgeLabel(edge, graph)} has probability ${edge.probability}, which is ignored: ${where}`,
          hint: 'remove the probability; only worker → queue completed edges use one',
        },
      ];
    });
  },
};
