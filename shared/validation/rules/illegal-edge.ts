import { edgeOn } from '../../document/defaults';
import type { NodeKind } from '../../document/schema';
import { edgeLabel, nodeLabel } from '../describe';
import type { ValidationRule } from '../types';

const LEGAL: ReadonlySet<string> = new Set(['producer→queue', 'queue→worker', 'worker→queue']);

const HINTS: Partial<Record<string, string>> = {
  'producer→worker': 'put a queue between them: producer → queue → worker',
  'producer→producer': 'connect the producer to a queue instead',
  'queue→queue':
    'put a worker between them: a worker takes jobs from one queue and adds to the other',
  'queue→producer': 'producers have no inputs; connect the queue to a worker instead',
  'worker→worker': 'put a queue between them: worker → queue → worker',
  'worker→producer': 'producers have no inputs; connect the worker to a queue instead',
};

/**
 * Only producer → queue, queue → worker and worker → queue carry jobs; nothing connects to itself.
 * `failed` edges, self-loops included, are checked by the failed-edge rule.
 */
export const illegalEdge: ValidationRule = {
  id: 'illegal-edge',
  check({ doc, graph }) {
    return doc.edges.flatMap((edge) => {
      const from = graph.nodes.get(edge.from);
      const to = graph.nodes.get(edge.to);
      if (!from || !to) return [];
      if (edgeOn(edge) === 'failed') return [];
      if (edge.from === edge.to) {
        return [
          {
            rule: 'illegal-edge',
            severity: 'error' as const,
            edgeId: edge.id,
            message: `edge ${edgeLabel(edge, graph)} connects ${nodeLabel(from)} to itself`,
            hint: 'remove the edge; to re-process jobs, route them through a queue',
          },
        ];
      }
      const kinds = `${from.kind}→${to.kind}`;
      if (LEGAL.has(kinds)) return [];
      return [
        {
          rule: 'illegal-edge',
          severity: 'error' as const,
          edgeId: edge.id,
          message: `edge ${edgeLabel(edge, graph)} joins a ${from.kind} to a ${to.kind}; ${article(from.kind)} cannot feed ${article(to.kind)} directly`,
          hint:
            HINTS[kinds] ?? 'only producer → queue, queue → worker and worker → queue are allowed',
        },
      ];
    });
  },
};

const article = (kind: NodeKind) => (kind === 'producer' ? 'a producer' : `a ${kind}`);
