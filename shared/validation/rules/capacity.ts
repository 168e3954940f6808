import {
  meanServiceMs,
  queueAttempts,
  workerCapacity,
  workerFailureRate,
} from '../../document/defaults';
import { formatMs, formatNumber, formatRate, nodeLabel } from '../describe';
import { consumerShares, expectedAttempts, flowRatesPerSec } from '../flow-rates';
import type { Diagnostic, ValidationRule } from '../types';

/**
 * A queue whose jobs arrive at least as fast as its workers can finish them grows without bound:
 * arrival rate × attempts per job × mean service time ≥ concurrency × replicas.
 */
export const capacity: ValidationRule = {
  id: 'capacity',
  check({ doc, graph }) {
    const rates = flowRatesPerSec(doc, graph).queues;
    const found: Diagnostic[] = [];
    for (const queue of doc.nodes) {
      if (queue.kind !== 'queue') continue;
      const rate = rates.get(queue.id) ?? 0;
      const consumers = consumerShares(graph, queue.id).map(({ worker }) => {
        const attempts = expectedAttempts(
          workerFailureRate(worker.config),
          queueAttempts(queue.config),
        );
        const workMs = attempts * meanServiceMs(worker.config.service);
        const slots = workerCapacity(worker.config);
        return { worker, attempts, workMs, slots, maxPerSec: (slots * 1000) / workMs };
      });
      if (rate === 0 || consumers.length === 0) continue;
      const maxPerSec = consumers.reduce((sum, c) => sum + c.maxPerSec, 0);
      if (rate < maxPerSec) continue;
      const base = {
        rule: 'capacity',
        severity: 'error' as const,
        nodeId: queue.id,
      };
      if (!Number.isFinite(rate)) {
        found.push({
          ...base,
          message: `${nodeLabel(queue)} will grow without bound: a loop through it re-enqueues jobs at least as fast as its workers take them`,
          hint: 'give an edge of the loop a probability below 1, or route the loop out to another queue',
        });
        continue;
      }
      if (consumers.length === 1) {
        const [c] = consumers as [(typeof consumers)[number]];
        const retries =
          c.attempts > 1.0005 ? ` × ${formatNumber(c.attempts)} attempts (with retries)` : '';
        const needed = (rate * c.workMs) / 1000;
        const { concurrency, replicas } = c.worker.config;
        found.push({
          ...base,
          message: `${nodeLabel(queue)} will grow without bound: ${formatRate(rate)}${retries} × ${formatMs(meanServiceMs(c.worker.config.service))} mean service keeps ${formatNumber(needed)} slots busy, but ${nodeLabel(c.worker)} has ${c.slots} (concurrency ${concurrency} × ${replicas} replica${replicas === 1 ? '' : 's'})`,
          hint: `raise the concurrency or replicas of ${JSON.stringify(c.worker.name)} to more than ${formatNumber(needed)} slots (say ${Math.ceil(needed * 1.25)}), make the work faster, or send fewer jobs`,
        });
        continue;
      }
      const parts = consumers
        .map(
          (c) =>
            `${JSON.stringify(c.worker.name)}: ${c.slots} slot${c.slots === 1 ? '' : 's'} × ${formatMs(c.workMs)}`,
        )
        .join(', ');
      found.push({
        ...base,
        message: `${nodeLabel(queue)} will grow without bound: it receives ${formatRate(rate)}, but its workers finish at most ${formatRate(maxPerSec)} (${parts})`,
        hint: `add about ${Math.ceil((rate / maxPerSec - 1) * 100 + 25)}% more concurrency or replicas across its workers, make the work faster, or send fewer jobs`,
      });
    }
    return found;
  },
};
