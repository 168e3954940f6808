import { queueAttempts, workerFailureRate } from '../../document/defaults';
import { formatMs, formatNumber, formatRate, nodeLabel } from '../describe';
import { consumerShares, expectedAttempts, flowRatesPerSec } from '../flow-rates';
import type { Diagnostic, ValidationRule } from '../types';

/**
 * A queue's rate limit caps how many jobs start per window, across all its workers (retries
 * included). Below the rate at which jobs arrive, the queue grows without bound.
 */
export const rateLimit: ValidationRule = {
  id: 'rate-limit',
  check({ doc, graph }) {
    const rates = flowRatesPerSec(doc, graph).queues;
    const found: Diagnostic[] = [];
    for (const queue of doc.nodes) {
      if (queue.kind !== 'queue' || !queue.config.rateLimit) continue;
      const { max, durationMs } = queue.config.rateLimit;
      const rate = rates.get(queue.id) ?? 0;
      const shares = consumerShares(graph, queue.id);
      if (rate === 0 || shares.length === 0) continue;
      const attempts = shares.reduce(
        (sum, { worker, share }) =>
          sum +
          share * expectedAttempts(workerFailureRate(worker.config), queueAttempts(queue.config)),
        0,
      );
      const starts = rate * attempts;
      const limit = (max * 1000) / durationMs;
      if (starts <= limit) continue;
      const retries = attempts > 1.0005 ? ` (${formatRate(starts)} counting retries)` : '';
      const needed = Math.ceil((starts * durationMs) / 1000);
      found.push({
        rule: 'rate-limit',
        severity: 'error',
        nodeId: queue.id,
        message: `${nodeLabel(queue)} may start ${max} jobs per ${formatMs(durationMs)} (${formatRate(limit)}) but receives ${formatRate(rate)}${retries}, so it will grow without bound`,
        hint: Number.isFinite(starts)
          ? `raise rateLimit.max to more than ${formatNumber((starts * durationMs) / 1000)} (say ${Math.ceil(needed * 1.2)}) per ${durationMs} ms, or send fewer jobs`
          : 'the queue sits on a loop that never drains: give an edge of the loop a probability below 1',
      });
    }
    return found;
  },
};
