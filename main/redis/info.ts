/** Reading `INFO` replies: the figures the status bar and run metrics show. */

export type RedisInfo = Record<string, string>;

/** Parses an `INFO` reply (`key:value` lines grouped under `# Section` headers). */
export function parseInfo(text: string): RedisInfo {
  const out: RedisInfo = {};
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) out[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return out;
}

const num = (info: RedisInfo, key: string): number => {
  const value = Number(info[key]);
  return Number.isFinite(value) ? value : 0;
};

/** Memory and load of the server at one moment. */
export interface RedisLoad {
  usedMemoryBytes: number;
  opsPerSec: number;
  connectedClients: number;
  /** Cumulative; two readings give an exact ops/s over their interval. */
  totalCommands: number;
}

export function redisLoad(info: RedisInfo): RedisLoad {
  return {
    usedMemoryBytes: num(info, 'used_memory'),
    opsPerSec: num(info, 'instantaneous_ops_per_sec'),
    connectedClients: num(info, 'connected_clients'),
    totalCommands: num(info, 'total_commands_processed'),
  };
}

/** BullMQ loses jobs when Redis evicts keys; anything but `noeviction` deserves a warning. */
export function evictionWarning(policy: string | undefined): string | null {
  if (policy === undefined || policy === '' || policy === 'noeviction') return null;
  return (
    `Redis maxmemory-policy is "${policy}": under memory pressure Redis may evict job keys and ` +
    'BullMQ will lose jobs. Set it to "noeviction" (CONFIG SET maxmemory-policy noeviction, or ' +
    '"maxmemory-policy noeviction" in redis.conf).'
  );
}
