import { isCluster, type RedisClient } from './client';

/** How many jobs of one BullMQ queue are in each state; read with plain reads only. */
export interface QueueCounts {
  /** Ready to run: wait + paused + prioritized lists. */
  waiting: number;
  /** Of `waiting`, the jobs in the prioritized set (an autoscaler on `waiting` does not see them). */
  prioritized: number;
  active: number;
  delayed: number;
  /** Jobs kept in the completed / failed sets (retention limits apply). */
  completed: number;
  failed: number;
  paused: boolean;
  /** Flow parents waiting for their children (BullMQ's waiting-children set). */
  waitingChildren: number;
  /**
   * When the oldest job at the head of the wait (or paused) list became ready (epoch ms, its
   * creation plus any delay, on the producer's clock); null when none waits there. Prioritized
   * jobs are ordered by priority, not age, so they are not looked at.
   */
  oldestWaitingSince: number | null;
}

/** `<prefix>:<queue>:` — BullMQ's key layout. */
export const queueKeyBase = (prefix: string, queue: string) => `${prefix}:${queue}:`;

/** Replies per queue in the counts pipeline below. */
const PER_QUEUE = 11;

/**
 * Counts for several queues in one round trip (two when jobs wait: the oldest one's hash).
 * Unlike BullMQ's getJobCounts (a Lua script that may trim old markers) it only reads, so it is
 * safe against a Redis we merely monitor.
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
    pipeline.lindex(`${base}wait`, -1);
    pipeline.lindex(`${base}paused`, -1);
    pipeline.zcard(`${base}waiting-children`);
  }
  const replies = (await pipeline.exec()) ?? [];
  const values = replies.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
  const at = (i: number, k: number) => values[i * PER_QUEUE + k];
  const num = (i: number, k: number) => Number(at(i, k)) || 0;
  // BullMQ pushes new jobs on the left: the oldest is the last element of each list.
  const heads = queues.map((queue, i) => {
    const id = at(i, 8) ?? at(i, 9);
    return typeof id === 'string' ? `${queueKeyBase(prefix, queue)}${id}` : null;
  });
  const since = await readyTimes(client, heads);
  return queues.map((_, i) => ({
    waiting: num(i, 0) + num(i, 1) + num(i, 2),
    prioritized: num(i, 2),
    active: num(i, 3),
    delayed: num(i, 4),
    completed: num(i, 5),
    failed: num(i, 6),
    paused: num(i, 7) === 1,
    waitingChildren: num(i, 10),
    oldestWaitingSince: since[i] ?? null,
  }));
}

/** When each job became ready (`timestamp` + `delay` of its hash); null where unknown. */
async function readyTimes(
  client: RedisClient,
  jobKeys: (string | null)[],
): Promise<(number | null)[]> {
  const present = jobKeys.filter((key): key is string => key !== null);
  if (present.length === 0) return jobKeys.map(() => null);
  const pipeline = client.pipeline();
  for (const key of present) pipeline.hmget(key, 'timestamp', 'delay');
  const replies = (await pipeline.exec()) ?? [];
  let next = 0;
  return jobKeys.map((key) => {
    if (key === null) return null;
    const [error, value] = replies[next++] ?? [null, null];
    if (error || !Array.isArray(value)) return null;
    const created = Number(value[0]);
    return Number.isFinite(created) && value[0] !== null ? created + (Number(value[1]) || 0) : null;
  });
}

/**
 * The age of the oldest waiting job, for a queue whose jobs wait while none started (paused,
 * starved, its workers down): then the wait percentiles have nothing to say.
 */
export function oldestWaiting(
  counts: QueueCounts,
  started: number,
  now = Date.now(),
): { oldestWaitingMs?: number } {
  if (counts.waiting === 0 || started > 0 || counts.oldestWaitingSince === null) return {};
  return { oldestWaitingMs: Math.max(0, now - counts.oldestWaitingSince) };
}
