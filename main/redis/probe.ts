import { Redis, type RedisOptions } from 'ioredis';
import { evictionWarning, parseInfo } from './info';

/** What a Redis server told us when we asked whether it answers. */
export interface RedisProbe {
  url: string;
  version: string;
  maxmemoryPolicy: string;
  /** `standalone`, `cluster` or `sentinel`. */
  mode: string;
  /** Things the user should fix, e.g. an eviction policy that loses jobs. */
  warnings: string[];
}

export type ProbeResult = { ok: true; probe: RedisProbe } | { ok: false; error: string };

/** The URL with any password replaced, for messages and status lines. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** Options of a connection that answers within `timeoutMs` or fails: no retries, no queueing. */
export function oneLookOptions(timeoutMs: number): RedisOptions {
  return {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  };
}

/**
 * Connects once, PINGs and reads INFO, all within `timeoutMs`; never throws and never retries,
 * so a missing server costs at most the timeout.
 */
export async function probeRedis(url: string, timeoutMs = 1500): Promise<ProbeResult> {
  let client: Redis;
  try {
    client = new Redis(url, oneLookOptions(timeoutMs));
  } catch (error) {
    return { ok: false, error: `invalid Redis URL ${redactUrl(url)}: ${(error as Error).message}` };
  }
  client.on('error', () => {});
  const timer = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
  );
  try {
    const info = await Promise.race([
      (async () => {
        await client.connect();
        await client.ping();
        return parseInfo(await client.info());
      })(),
      timer,
    ]);
    const policy = info.maxmemory_policy ?? '';
    const warning = evictionWarning(policy);
    return {
      ok: true,
      probe: {
        url,
        version: info.redis_version ?? 'unknown',
        maxmemoryPolicy: policy,
        mode: info.redis_mode ?? 'standalone',
        warnings: warning ? [warning] : [],
      },
    };
  } catch (error) {
    return { ok: false, error: `${redactUrl(url)}: ${(error as Error).message}` };
  } finally {
    client.disconnect();
  }
}
