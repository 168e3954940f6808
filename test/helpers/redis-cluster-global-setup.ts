import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startLocalCluster } from './redis-cluster';
import { provideRedis } from './redis-global-setup';

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
export default function setup(project: TestProject) {
  return provideRedis(project, 'clusterUrl', 'REDIS_CLUSTER_URL', () => startLocalCluster(3));
}
