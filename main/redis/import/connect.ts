import { Redis, type Cluster } from 'ioredis';
import { connectClient, openRedis } from '../client';
import { parseInfo } from '../info';
import { oneLookOptions } from '../probe';
import { checkImportUrl, importErrorOf } from './errors';

/**
 * The Redis an import reads, standalone or a Cluster, behind one shape: `client` runs key commands
 * (a Cluster client routes each key to its master), `masters` are scanned one by one (SCAN only
 * sees one node's keys) and asked CLIENT LIST (workers connect to every master).
 */
export interface ImportTarget {
  client: Redis | Cluster;
  masters: Redis[];
  cluster: boolean;
  close(): void;
}

/** Opens `url` for reading; throws an ImportError that says what to fix when it cannot. */
export async function openImportTarget(url: string, timeoutMs = 5000): Promise<ImportTarget> {
  checkImportUrl(url);
  const probe = new Redis(url, oneLookOptions(timeoutMs));
  // ioredis rejects with "Connection is closed" and reports the cause (ECONNREFUSED…) as an event.
  let cause: Error | undefined;
  probe.on('error', (error: Error) => void (cause ??= error));
  let clusterEnabled: boolean;
  try {
    await withTimeout(probe.connect(), timeoutMs, 'no answer');
    clusterEnabled = parseInfo(await probe.info('cluster')).cluster_enabled === '1';
  } catch (error) {
    probe.disconnect();
    throw importErrorOf(cause ?? error, url);
  }
  if (!clusterEnabled) {
    return { client: probe, masters: [probe], cluster: false, close: () => probe.disconnect() };
  }
  probe.disconnect();
  const cluster = openRedis(url, {
    cluster: true,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    clusterRetryStrategy: () => null,
  }) as Cluster;
  cluster.on('error', () => {});
  try {
    await withTimeout(connectClient(cluster), timeoutMs, 'the cluster did not become ready');
  } catch (error) {
    cluster.disconnect();
    throw importErrorOf(error, url);
  }
  return {
    client: cluster,
    masters: cluster.nodes('master'),
    cluster: true,
    close: () => cluster.disconnect(),
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
