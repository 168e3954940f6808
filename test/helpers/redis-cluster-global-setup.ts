import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startLocalCluster } from './redis-cluster';
import { pingRedis } from './redis-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A node of a 3-master Redis Cluster the suite's cluster tests share. */
    clusterUrl: string;
  }
}

/**
 * Starts one local 3-master Redis Cluster for the whole suite (about 2 s), or uses
 * REDIS_CLUSTER_URL when it is set and answers. Tests that break the cluster (kill a master)
 * start their own with startLocalCluster.
 */
export default async function setup(project: TestProject) {
  const given = process.env.REDIS_CLUSTER_URL;
  if (given) {
    const url = new URL(given);
    if (!(await pingRedis(url.hostname, Number(url.port || 6379)))) {
      throw new Error(`REDIS_CLUSTER_URL is set to ${given}, but no Redis answers there.`);
    }
    project.provide('clusterUrl', given);
    return;
  }
  const cluster = await startLocalCluster(3);
  project.provide('clusterUrl', cluster.url);
  return () => cluster.stop();
}
