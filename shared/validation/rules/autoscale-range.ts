import { plural } from '../../plural';
import { nodeLabel } from '../describe';
import type { Diagnostic, ValidationRule } from '../types';

const DEFAULT_MIN_REPLICAS = 1;

/**
 * An autoscale policy that can work: minReplicas ≤ maxReplicas, and with the `active` metric a
 * target below the worker's concurrency — busy slots never exceed concurrency × replicas, so a
 * target of concurrency or more can never ask for another replica — and at least one replica.
 */
export const autoscaleRange: ValidationRule = {
  id: 'autoscale-range',
  check({ graph }) {
    const found: Diagnostic[] = [];
    for (const worker of graph.workers) {
      const policy = worker.config.autoscale;
      if (!policy) continue;
      const base = { rule: 'autoscale-range', severity: 'error' as const, nodeId: worker.id };
      const min = policy.minReplicas ?? DEFAULT_MIN_REPLICAS;
      if (min > policy.maxReplicas) {
        found.push({
          ...base,
          message: `${nodeLabel(worker)} autoscales between ${min} and ${policy.maxReplicas} replicas: minReplicas is above maxReplicas`,
          hint: `raise autoscale.maxReplicas to ${min} or more, or lower autoscale.minReplicas to ${policy.maxReplicas} or less`,
        });
      }
      const concurrency = worker.config.concurrency;
      if (policy.metric === 'active' && policy.targetPerReplica >= concurrency) {
        found.push({
          ...base,
          message: `${nodeLabel(worker)} autoscales on active jobs with a target of ${policy.targetPerReplica} per replica, but a replica runs at most ${concurrency} at once, so it can never ask for more replicas`,
          hint: `set autoscale.targetPerReplica below the concurrency (say ${Math.max(1, Math.floor(concurrency * 0.8))}), or scale on "waiting+delayed"`,
        });
      }
      if (policy.metric === 'active' && min === 0) {
        found.push({
          ...base,
          message: `${nodeLabel(worker)} autoscales on active jobs down to 0 replicas, but with no replica no job is active, so it would never scale back up`,
          hint: 'set autoscale.minReplicas to 1 or more, or scale on "waiting+delayed" to scale from zero',
        });
      }
      if (graph.inputQueues(worker.id).length === 0) {
        found.push({
          ...base,
          severity: 'warning',
          message: `${nodeLabel(worker)} autoscales on its queue, but it consumes no queue, so it stays at ${plural(min, 'replica')}`,
          hint: 'connect a queue to the worker, or remove its autoscale policy',
        });
      }
    }
    return found;
  },
};
