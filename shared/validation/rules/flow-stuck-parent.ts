import { edgeOn, meanChildren, queueAttempts, workerFailureRate } from '../../document/defaults';
import { formatPercent } from '../../metrics/format';
import { edgeLabel } from '../describe';
import { consumerShares, finalFailureProbability } from '../flow-rates';
import type { ValidationRule } from '../types';

/**
 * A children edge without a `childFailure` policy whose children can fail for good: BullMQ then
 * leaves the parent in waiting-children for ever (docs/architecture.md "Flows"), so some parents
 * never finish — legal, and what BullMQ does, but rarely what was meant.
 */
export const flowStuckParent: ValidationRule = {
  id: 'flow-stuck-parent',
  check({ doc, graph }) {
    return doc.edges.flatMap((edge) => {
      if (edgeOn(edge) !== 'children' || edge.childFailure !== undefined) return [];
      if (graph.kindOf(edge)?.id !== 'children') return [];
      const queue = graph.queues.find((q) => q.id === edge.to);
      if (!queue) return [];
      // Share of children that fail their last attempt, over the queue's workers.
      let failed = 0;
      for (const { worker, share } of consumerShares(graph, queue.id)) {
        failed +=
          share *
          finalFailureProbability(workerFailureRate(worker.config), queueAttempts(queue.config));
      }
      if (!(failed > 0)) return [];
      const stuck = 1 - (1 - failed) ** meanChildren(edge);
      return [
        {
          rule: 'flow-stuck-parent',
          severity: 'warning' as const,
          edgeId: edge.id,
          message: `children on edge ${edgeLabel(edge, graph)} fail for good ${formatPercent(failed)} of the time, and a parent with a failed child waits in waiting-children for ever (BullMQ's default): about ${formatPercent(stuck)} of parents never finish`,
          hint: 'set "childFailure" on the edge — failParentOnFailure to fail the parent, ignoreDependencyOnFailure or removeDependencyOnFailure to let it go on — or give the queue more attempts',
        },
      ];
    });
  },
};
