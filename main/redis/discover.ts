import { mastersOf, type RedisClient } from './client';
import { escapeGlob, scanMatching } from './keys';

/**
 * Read-only views of BullMQ queues in a Redis the app does not own: what queues exist under a
 * prefix, how many jobs finished lately (from each queue's event stream), how many workers are
 * connected. Only SCAN, XRANGE and CLIENT LIST: nothing here writes.
 */

/** Names of the BullMQ queues under `prefix` (those with a `meta` or `id` key), sorted. */
export async function discoverQueues(client: RedisClient, prefix: string): Promise<string[]> {
  const names = new Set<string>();
  for (const suffix of ['meta', 'id']) {
    // On a cluster the queues are spread over the masters: scanMatching asks every one.
    for await (const keys of scanMatching(client, `${escapeGlob(prefix)}:*:${suffix}`)) {
      for (const key of keys) {
        const name = key.slice(prefix.length + 1, key.length - suffix.length - 1);
        // A BullMQ queue name has no ":"; longer matches are other keys (e.g. a job's hash).
        if (name && !name.includes(':')) names.add(name);
      }
    }
  }
  return [...names].sort();
}

export interface StreamCounts {
  completed: number;
  failed: number;
  added: number;
  /** Resume reading after this stream id next time. */
  lastId: string;
}

/** The id to start reading a queue's event stream from: now, so old events are not counted. */
export const streamIdNow = () => `${Date.now()}-0`;

/** Counts completed / failed / added events in a queue's event stream after `afterId`. */
export async function readQueueEvents(
  client: RedisClient,
  prefix: string,
  queue: string,
  afterId: string,
  maxEvents = 20_000,
): Promise<StreamCounts> {
  const counts: StreamCounts = { completed: 0, failed: 0, added: 0, lastId: afterId };
  const entries = (await client.xrange(
    `${prefix}:${queue}:events`,
    `(${afterId}`,
    '+',
    'COUNT',
    maxEvents,
  )) as Array<[string, string[]]>;
  for (const [id, fields] of entries) {
    counts.lastId = id;
    const event = fields[fields.indexOf('event') + 1];
    if (event === 'completed') counts.completed++;
    else if (event === 'failed') counts.failed++;
    else if (event === 'added') counts.added++;
  }
  return counts;
}

/** Connected BullMQ workers per queue name, from CLIENT LIST (BullMQ names its connections). */
export async function countWorkers(
  client: RedisClient,
  prefix: string,
  queues: readonly string[],
): Promise<Record<string, number>> {
  const byClientName = new Map<string, string>();
  for (const queue of queues) {
    byClientName.set(`${prefix}:${Buffer.from(queue).toString('base64')}`, queue);
  }
  const out: Record<string, number> = Object.fromEntries(queues.map((q) => [q, 0]));
  // A cluster client names the connection it sets the name on, which may be any master's: the
  // count per queue is the largest any master sees.
  for (const node of mastersOf(client)) {
    const seen: Record<string, number> = {};
    const list = (await node.client('LIST')) as string;
    for (const line of list.split('\n')) {
      const name = /(?:^| )name=(\S*)/.exec(line)?.[1];
      if (!name) continue;
      const base = name.includes(':w:') ? name.slice(0, name.indexOf(':w:')) : name;
      const queue = byClientName.get(base);
      if (queue !== undefined) seen[queue] = (seen[queue] ?? 0) + 1;
    }
    for (const [queue, n] of Object.entries(seen)) out[queue] = Math.max(out[queue] ?? 0, n);
  }
  return out;
}
