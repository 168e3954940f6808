import { Redis } from 'ioredis';

/** Escapes Redis glob metacharacters so a prefix matches only itself. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** Every key that starts with `<prefix>:`, scanned in batches (never KEYS). */
export async function scanKeys(client: Redis, prefix: string, count = 1000): Promise<string[]> {
  const keys: string[] = [];
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
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

/** Deletes every key under `<prefix>:` and returns how many there were. */
export async function deleteKeysByPrefix(client: Redis, prefix: string): Promise<number> {
  let removed = 0;
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(
      cursor,
      'MATCH',
      `${escapeGlob(prefix)}:*`,
      'COUNT',
      1000,
    );
    cursor = next;
    if (batch.length > 0) removed += await client.unlink(...batch);
  } while (cursor !== '0');
  return removed;
}

/** Deletes every key under `<prefix>:` through a short-lived connection to `url`. */
export async function removeKeysAt(url: string, prefix: string): Promise<number> {
  if (!prefix) return 0;
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    lazyConnect: true,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return await deleteKeysByPrefix(client, prefix);
  } finally {
    client.disconnect();
  }
}
