import {
  connectClient,
  detectCluster,
  isCluster,
  mastersOf,
  openRedis,
  type RedisClient,
} from './client';

/** Escapes Redis glob metacharacters so a prefix matches only itself. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/**
 * The keys matching a glob, batch by batch as SCAN returns them (never KEYS), on every master of
 * a cluster: each answers SCAN for its own slots only.
 */
export async function* scanMatching(
  client: RedisClient,
  pattern: string,
  count = 1000,
): AsyncGenerator<string[]> {
  for (const node of mastersOf(client)) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      yield batch;
    } while (cursor !== '0');
  }
}

const underPrefix = (prefix: string) => `${escapeGlob(prefix)}:*`;

/** Every key that starts with `<prefix>:`. */
export async function scanKeys(
  client: RedisClient,
  prefix: string,
  count = 1000,
): Promise<string[]> {
  const keys: string[] = [];
  for await (const batch of scanMatching(client, underPrefix(prefix), count)) keys.push(...batch);
  return keys;
}

/** Deletes every key under `<prefix>:` and returns how many there were. */
export async function deleteKeysByPrefix(client: RedisClient, prefix: string): Promise<number> {
  let removed = 0;
  for await (const batch of scanMatching(client, underPrefix(prefix))) {
    if (batch.length === 0) continue;
    if (!isCluster(client)) {
      removed += await client.unlink(...batch);
      continue;
    }
    // One UNLINK may only name keys of one slot (CROSSSLOT otherwise), and a prefix without a
    // hash tag spreads over many: one UNLINK per key, all sent at once through the cluster
    // client, which sends each to the master that owns it.
    const counts = await Promise.all(batch.map((key) => client.unlink(key)));
    removed += counts.reduce((a, b) => a + b, 0);
  }
  return removed;
}

/**
 * A client for one look or one clean-up, not connected yet (`connectClient` it): it gives up at
 * once instead of retrying, and reports errors to its caller, never as unhandled events.
 */
export function shortLivedClient(url: string, cluster = false): RedisClient {
  const client = openRedis(url, {
    cluster,
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  return client;
}

/**
 * A connected short-lived client for a Redis known only by its URL: a cluster client when the
 * server says it is a cluster node, so SCANs and deletes reach every master.
 */
export async function connectShortLived(url: string): Promise<RedisClient> {
  const client = shortLivedClient(url, await detectCluster(url));
  try {
    await connectClient(client);
  } catch (error) {
    client.disconnect();
    throw error;
  }
  return client;
}

/** Deletes every key under `<prefix>:` through a short-lived connection to `url`. */
export async function removeKeysAt(url: string, prefix: string): Promise<number> {
  if (!prefix) return 0;
  const client = await connectShortLived(url);
  try {
    return await deleteKeysByPrefix(client, prefix);
  } finally {
    client.disconnect();
  }
}
