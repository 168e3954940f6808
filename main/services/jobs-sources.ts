import { ApiError } from '../../shared/api/contract';
import { planRun } from '../runner/plan';
import type { QueueLocation } from './jobs';
import type { RunService } from './runs/service';
import type { MonitorService } from './runs/monitor';

const notFound = (message: string) => new ApiError({ code: 'not-found', message });

/**
 * The current run's queue with this node id: while the run is on, or after it stopped with its
 * keys kept (otherwise its jobs are gone).
 */
export function runQueueLocation(runs: RunService, queueId: string): QueueLocation {
  const run = runs.current;
  const state = runs.status().state;
  if (!run || !['running', 'stopping', 'crashed', 'stopped'].includes(state)) {
    throw notFound('there is no run to browse; start one first');
  }
  if (state === 'stopped' && !run.result?.keysKept) {
    throw notFound(
      'the run has stopped and its keys were removed; tick "Keep keys" before a run to browse its jobs afterwards',
    );
  }
  const plan = planRun(run.document);
  const queue = plan.ok ? plan.plan.queues.get(queueId) : undefined;
  if (!queue) {
    throw new ApiError({
      code: 'invalid-request',
      message: `no queue with id "${queueId}" in the running pipeline`,
    });
  }
  return { url: run.redisUrl, prefix: run.prefix, name: queue.bullName };
}

/** A queue of the watched Redis, by its BullMQ name. */
export function monitorQueueLocation(monitor: MonitorService, name: string): QueueLocation {
  const watch = monitor.watching;
  if (!watch) throw notFound('nothing is being monitored; start watching a Redis first');
  if (!watch.queues.includes(name)) {
    throw notFound(
      `no queue "${name}" under "${watch.prefix}"; queues there: ${watch.queues.join(', ') || 'none'}`,
    );
  }
  return { url: watch.url, prefix: watch.prefix, name };
}
