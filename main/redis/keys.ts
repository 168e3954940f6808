import { Redis } from 'ioredis';

/** Escapes Redis glob metacharacters so a prefix matches only itself. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** The keys under `<prefix>:`, batch by batch as SCAN returns them (never KEYS). */
async function* scanBatches(client: Redis, prefix: string, count = 1000): AsyncGenerator<string[]> {
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(
      cursor,
      'MATCH',
      `${escapeGlob(prefix)}:*`,
      'COUNT',
      count,
    );
    cursor = next;
    yield batch;
  } while (cursor !== '0');
}

/** Every key that starts with `<prefix>:`. */
export async function scanKeys(client: Redis, prefix: string, count = 1000): Promise<string[]> {
  const keys: string[] = [];
  for await (const batch of scanBatches(client, prefix, count)) keys.push(...batch);
  return keys;
}

/** Deletes every key under `<prefix>:` and returns how many there were. */
export async function deleteKeysByPrefix(client: Redis, prefix: string): Promise<number> {
  let removed = 0;
  for await (const batch of scanBatches(client, prefix)) {
    if (batch.length > 0) removed += await client.unlink(...batch);
  }
  return removed;
}

/**
 * A client for one look or one clean-up, not connected yet (`connect()` it): it gives up at once
 * instead of retrying, and reports errors to its caller, never as unhandled events.
 */
export function shortLivedClient(url: string): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  return client;
}

/** Deletes every key under `<prefix>:` through a short-lived connection to `url`. */
export async function removeKeysAt(url: string, prefix: string): Promise<number> {
  if (!prefix) return 0;
  const client = shortLivedClient(url);
  try {
    await client.connect();
    return await deleteKeysByPrefix(client, prefix);
  } finally {
    client.disconnect();
  }
}
