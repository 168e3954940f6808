import { detectCluster } from '../redis/client';
import { redactUrl } from '../redis/probe';

/**
 * Why a document's `settings.cluster` does not fit the Redis it is run against, or null when it
 * does (or the server cannot be asked: the connection's own error then says why). Both ways fail
 * late and obscurely otherwise: a plain client on a cluster node gets MOVED / CROSSSLOT for
 * BullMQ's scripts, a cluster client on a standalone Redis retries `CLUSTER SLOTS` for ever.
 */
export async function clusterMismatch(url: string, cluster: boolean): Promise<string | null> {
  let isCluster: boolean;
  try {
    isCluster = await detectCluster(url);
  } catch {
    return null;
  }
  if (isCluster === cluster) return null;
  const at = redactUrl(url);
  return cluster
    ? `the document targets a Redis Cluster (settings.cluster is true) but Redis at ${at} is a ` +
        'standalone server (INFO cluster: cluster_enabled:0); point --redis at a node of a ' +
        'cluster, or set "cluster": false in the document\'s settings'
    : `Redis at ${at} is a Redis Cluster node (cluster_enabled:1) but the document does not ` +
        'target a cluster; set "cluster": true in the document\'s settings (Pipewright then uses ' +
        'a cluster client and a {hash-tagged} key prefix), or point --redis at a standalone Redis';
}
