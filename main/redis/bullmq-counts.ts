import { isCluster, type RedisClient } from './client';

/** How many jobs of one BullMQ queue are in each state; read with plain reads only. */
export interface QueueCounts {
  /** Ready to run: wait + paused + prioritized lists. */
  waiting: number;
  active: number;
  delayed: number;
  /** Jobs kept in the completed / failed sets (retention limits apply). */
  completed: number;
  failed: number;
  paused: boolean;
}

/** `<prefix>:<queue>:` — BullMQ's key layout. */
export const queueKeyBase = (prefix: string, queue: string) => `${prefix}:${queue}:`;

/**
 * Counts for several queues in one round trip. Unlike BullMQ's getJobCounts (a Lua script that
 * may trim old markers) it only reads, so it is safe against a Redis we merely monitor.
 */
export async function readQueueCounts(
  client: RedisClient,
  prefix: string,
  queues: readonly string[],
): Promise<QueueCounts[]> {
  if (queues.length === 0) return [];
  // A cluster pipeline may only touch one slot: BullMQ keeps each queue's keys in one, but two
  // queues may be in different slots (a queue-name hash tag), so a cluster reads queue by queue.
  if (isCluster(client) && queues.length > 1) {
    return (await Promise.all(queues.map((q) => readQueueCounts(client, prefix, [q])))).flat();
  }
  const pipeline = client.pipeline();
  for (const queue of queues) {
    const base = queueKeyBase(prefix, queue);
    pipeline.llen(`${base}wait`);
    pipeline.llen(`${base}paused`);
    pipeline.zcard(`${base}prioritized`);
    pipeline.llen(`${base}active`);
    pipeline.zcard(`${base}delayed`);
    pipeline.zcard(`${base}completed`);
    pipeline.zcard(`${base}failed`);
    pipeline.hexists(`${base}meta`, 'paused');
  }
  const replies = (await pipeline.exec()) ?? [];
  const values = replies.map(([error, value]) => {
    if (error) throw error;
    return Number(value) || 0;
  });
  return queues.map((_, i) => {
    const v = (k: number) => values[i * 8 + k] ?? 0;
    return {
      waiting: v(0) + v(1) + v(2),
      active: v(3),
      delayed: v(4),
      completed: v(5),
      failed: v(6),
      paused: v(7) === 1,
    };
  });
}
