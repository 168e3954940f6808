import type { Queue } from 'bullmq';
import { readQueueCounts } from '../redis/bullmq-counts';
import type { RedisClient } from '../redis/client';
import type { QueuePlan } from './plan';

/**
 * Waits until every consumed queue of a run has no waiting, active or delayed job; false when
 * `timeoutMs` passed first. A queue nobody consumes (a dead-letter queue) keeps its jobs, so only
 * consumed queues drain.
 */
export async function waitUntilDrained(
  client: RedisClient,
  prefix: string,
  queues: Iterable<{ plan: QueuePlan; queue: Queue }>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const names = [...queues]
    .filter((q) => q.plan.consumerEdges.size > 0)
    .map((q) => q.plan.bullName);
  while (Date.now() < deadline) {
    const counts = await readQueueCounts(client, prefix, names);
    if (counts.every((c) => c.waiting + c.active + c.delayed === 0)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
