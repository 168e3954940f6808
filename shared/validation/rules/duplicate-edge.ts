import { edgeOn } from '../../document/defaults';
import { edgeLabel } from '../describe';
import type { ValidationRule } from '../types';

/** The same connection drawn twice (same ends, same `on`): one of them is almost surely a slip. */
export const duplicateEdge: ValidationRule = {
  id: 'duplicate-edge',
  check({ doc, graph }) {
    const seen = new Set<string>();
    return doc.edges.flatMap((edge) => {
      const key = JSON.stringify([edge.from, edge.to, edgeOn(edge)]);
      if (!seen.has(key)) {
        seen.add(key);
        return [];
      }
      return [
        {
          rule: 'duplicate-edge',
          severity: 'warning' as const,
          edgeId: edge.id,
          message: `edge ${edgeLabel(edge, graph)} is drawn twice`,
          hint: 'delete one of the two edges',
        },
      ];
    });
  },
};
