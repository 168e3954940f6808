import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { parseInfo } from './info';

/**
 * "Open a client for this URL / cluster setting", for every part of the app that talks to Redis
 * (docs/architecture.md, "Redis Cluster"): a plain ioredis client for a standalone Redis, an
 * ioredis `Cluster` seeded from the URL when the target is a Redis Cluster. A document says which
 * with `settings.cluster`; a tool given only a URL (clean, the orphan list, monitor mode) asks the
 * server (`detectCluster`).
 */
export type RedisClient = Redis | Cluster;

export interface OpenOptions extends RedisOptions {
  cluster: boolean;
  /** Cluster only: how often to retry when no node of the cluster answers. */
  clusterRetryStrategy?: ClusterOptions['clusterRetryStrategy'];
}

/**
 * The per-node options a URL carries (user, password, TLS), which ioredis only applies to the
 * startup node unless they are given again for the nodes it discovers.
 */
function nodeOptionsOf(url: string): { host: string; port: number; redisOptions: RedisOptions } {
  const parsed = new URL(url);
  const redisOptions: RedisOptions = {};
  if (parsed.username) redisOptions.username = decodeURIComponent(parsed.username);
  if (parsed.password) redisOptions.password = decodeURIComponent(parsed.password);
  if (parsed.protocol === 'rediss:') redisOptions.tls = {};
  return { host: parsed.hostname, port: Number(parsed.port || 6379), redisOptions };
}

export function openRedis(url: string, options: OpenOptions): RedisClient {
  const { cluster, clusterRetryStrategy, lazyConnect, retryStrategy, ...rest } = options;
  if (!cluster) {
    return new Redis(url, {
      ...rest,
      ...(lazyConnect === undefined ? {} : { lazyConnect }),
      ...(retryStrategy === undefined ? {} : { retryStrategy }),
    });
  }
  const { host, port, redisOptions } = nodeOptionsOf(url);
  const { enableOfflineQueue, ...perNode } = rest;
  // A node that closes is reconnected by the cluster's own retry; the per-node retryStrategy
  // ioredis forbids here, so the caller's becomes the cluster's when it gave no other.
  const clusterRetry = clusterRetryStrategy ?? retryStrategy;
  return new Cluster([{ host, port }], {
    redisOptions: { ...perNode, ...redisOptions },
    ...(lazyConnect === undefined ? {} : { lazyConnect }),
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(clusterRetry === undefined ? {} : { clusterRetryStrategy: clusterRetry }),
  });
}

export const isCluster = (client: RedisClient): client is Cluster =>
  (client as Cluster).isCluster === true;

/**
 * The connections that hold the keys: every master of a cluster (each answers SCAN for its own
 * slots only), or the one server.
 */
export function mastersOf(client: RedisClient): Redis[] {
  return isCluster(client) ? client.nodes('master') : [client];
}

/** Connected, or the error that stopped it: a Cluster's first command waits for its slots. */
export async function connectClient(client: RedisClient): Promise<void> {
  if (client.status === 'wait') await client.connect();
  if (isCluster(client)) await client.ping();
}

/** Whether the Redis at `url` is a cluster node (INFO cluster: `cluster_enabled:1`). */
export async function detectCluster(url: string, timeoutMs = 3000): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return parseInfo(await probe.info('cluster')).cluster_enabled === '1';
  } finally {
    probe.disconnect();
  }
}
