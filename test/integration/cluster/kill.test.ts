import { afterEach, describe, expect, it } from 'vitest';
import type { WorkerFigures } from '../../../shared/metrics';
import { startLocalCluster, type LocalCluster } from '../../helpers/redis-cluster';
import type { RedisStatus } from '../../../shared/api/contract';
import { RedisService } from '../../../main/services/runs/redis';
import { recordingService, sleep, until } from '../runner/helpers';
import { clusterChain } from './helpers';

let env: ReturnType<typeof recordingService> | undefined;
let cluster: LocalCluster | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
  await cluster?.stop();
  cluster = undefined;
});

describe('a run on a Redis Cluster whose master dies', () => {
  it('says so (an outage incident naming the master of its keys), recovers when it is back, and drains', async () => {
    // Its own cluster: this test kills a master of it.
    cluster = await startLocalCluster(3);
    env = recordingService(cluster.url);
    const info = await env.service.start({ document: clusterChain() });
    await sleep(1500);
    const owner = await cluster.ownerOf(`${info.prefix}:x`);
    await cluster.kill(owner);
    await until(
      () => env!.statuses.some((s) => s.redis === 'lost'),
      'the run to report the connection lost',
      5000,
    );
    expect(env.logs.map((l) => l.message)).toContainEqual(
      expect.stringMatching(
        /^lost the connection to Redis \(the cluster master that holds the run's keys: .+\); reconnecting$/,
      ),
    );
    await cluster.restart(owner);
    await until(
      () => env!.statuses.some((s) => s.redis === 'reconnected'),
      'the run to report it reconnected',
      10_000,
    );
    expect(env.logs.map((l) => l.message)).toContain('reconnected to Redis; the run carries on');
    // Jobs flow again after the master is back (its keys were lost with it: no persistence).
    const done = () => (env!.last().nodes.shipper as WorkerFigures).completed;
    const before = done();
    await until(() => done() > before + 20, 'jobs to complete after the restart', 10_000);
    const result = await env.service.stop({ drain: true });
    expect(result.drained).toBe(true);
    const outage = result.summary.incidents!.find((i) => i.kind === 'outage')!;
    expect(outage.message).toMatch(/^Redis was unreachable from [\d.]+ m?s to [\d.]+ m?s/);
    expect(outage.endT! - outage.t).toBeGreaterThan(500);
  });

  it("the app's status watch reports the cluster lost when a master dies, and back when it returns", async () => {
    cluster = await startLocalCluster(3);
    const redis = new RedisService({ defaultUrl: () => cluster!.url, allowStart: false });
    const statuses: RedisStatus[] = [];
    redis.onStatus((s) => statuses.push(s));
    try {
      await redis.ensure();
      // Not the node the watch was pointed at: a master it only knows through the cluster.
      const victim = cluster.masters[2]!.port;
      await cluster.kill(victim);
      await until(() => statuses.some((s) => s.state === 'lost'), 'the watch to say lost', 8000);
      expect(statuses.find((s) => s.state === 'lost')!.message).toMatch(
        /^Lost the connection to Redis at redis:\/\/127\.0\.0\.1:\d+: (the cluster is down \(cluster_state:fail\): a master is unreachable|the connection closed|PING failed|no answer to PING within 1000 ms)$/,
      );
      await cluster.restart(victim);
      await until(
        () => statuses.some((s) => s.state === 'reconnected'),
        'the watch to say reconnected',
        10_000,
      );
    } finally {
      await redis.close();
    }
  });
});
