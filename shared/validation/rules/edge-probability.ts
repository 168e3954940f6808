import { edgeLabel } from '../describe';
import type { ValidationRule } from '../types';

/**
 * A probability means something only on the edge kinds that route with one (worker → queue,
 * completed or failed: see the topology's table); elsewhere it is ignored.
 */
export const edgeProbabilityRule: ValidationRule = {
  id: 'edge-probability',
  check({ doc, graph }) {
    return doc.edges.flatMap((edge) => {
      if (edge.probability === undefined) return [];
      const from = graph.nodes.get(edge.from);
      const to = graph.nodes.get(edge.to);
      const kind = graph.kindOf(edge);
      // An illegal edge is reported by its own rule.
      if (!from || !to || !kind || kind.probability) return [];
      const where = `a ${from.kind} → ${to.kind} edge always carries every job`;
      return [
        {
          rule: 'edge-probability',
          severity: 'warning' as const,
          edgeId: edge.id,
          message: `edge ${edgeLabel(edge, graph)} has probability ${edge.probability}, which is ignored: ${where}`,
          hint: 'remove the probability; only worker → queue edges use one',
        },
      ];
    });
  },
};
