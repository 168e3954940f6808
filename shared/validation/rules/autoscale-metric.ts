import { queueAttempts } from '../../document/defaults';
import { nodeLabel } from '../describe';
import type { Diagnostic, ValidationRule } from '../types';

/**
 * An autoscaler on `waiting` reads BullMQ's wait list, which holds neither delayed jobs (a delay,
 * or a retry's backoff) nor prioritised ones (their own sorted set): while they pile up it sees a
 * short queue and does not scale. Warn where the worker's queue gets such jobs.
 */
export const autoscaleMetric: ValidationRule = {
  id: 'autoscale-metric',
  check({ graph }) {
    const found: Diagnostic[] = [];
    for (const worker of graph.workers) {
      if (worker.config.autoscale?.metric !== 'waiting') continue;
      const queue = graph.inputQueues(worker.id)[0];
      if (!queue) continue;
      const missed: string[] = [];
      const backoff = queue.config.backoff;
      if (queueAttempts(queue.config) > 1 && backoff && backoff.delayMs > 0) {
        missed.push('retries waiting out their backoff (delayed)');
      }
      const producers = graph
        .in(queue.id, 'enqueue')
        .map((e) => graph.nodes.get(e.from))
        .flatMap((n) => (n?.kind === 'producer' ? [n] : []));
      const delayed = producers.filter((p) => (p.config.jobOptions?.delayMs ?? 0) > 0);
      const prioritised = producers.filter((p) => (p.config.jobOptions?.priority ?? 0) > 0);
      if (delayed.length > 0) {
        missed.push(`delayed jobs of ${delayed.map((p) => nodeLabel(p)).join(', ')}`);
      }
      if (prioritised.length > 0) {
        missed.push(`prioritised jobs of ${prioritised.map((p) => nodeLabel(p)).join(', ')}`);
      }
      if (missed.length === 0) continue;
      found.push({
        rule: 'autoscale-metric',
        severity: 'warning',
        nodeId: worker.id,
        message: `${nodeLabel(worker)} autoscales on the waiting count of ${nodeLabel(queue)}, which leaves out ${missed.join(' and ')}: the autoscaler does not see that part of the backlog`,
        hint: 'scale on "waiting+delayed" (the whole backlog), or accept that those jobs do not add replicas',
      });
    }
    return found;
  },
};
