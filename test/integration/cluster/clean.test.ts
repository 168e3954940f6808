import { Cluster } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { main } from '../../../main/cli/index';
import { cleanOrphan, listOrphans } from '../../../main/services/runs/orphans';
import { clusterMasterUrls } from '../../helpers/redis-cluster';
import { captureCli, freshPrefix, keysUnder } from '../runner/helpers';

const clusterUrl = inject('clusterUrl');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * An orphaned run's keys under a prefix without a hash tag, so they spread over every master:
 * the marker and `n` more keys. Returns how many keys each master holds.
 */
async function orphanAcrossMasters(prefix: string, n = 60): Promise<number[]> {
  const port = Number(new URL(clusterUrl).port);
  const client = new Cluster([{ host: '127.0.0.1', port }]);
  cleanups.push(async () => client.disconnect());
  const marker = { runId: 'r-orphan', document: 'spread', startedAt: Date.now() };
  await client.set(`${prefix}:pipewright-run`, JSON.stringify(marker));
  for (let i = 0; i < n; i++) await client.set(`${prefix}:k${i}`, 'x');
  const masters = await clusterMasterUrls(clusterUrl);
  return Promise.all(masters.map(async (url) => (await keysUnder(url, prefix)).length));
}

const onEveryMaster = async (prefix: string) =>
  Promise.all(
    (await clusterMasterUrls(clusterUrl)).map(async (u) => (await keysUnder(u, prefix)).length),
  );

describe('clean on a 3-master Redis Cluster', () => {
  it("pipewright clean lists and removes a run's keys on every master", async () => {
    const prefix = freshPrefix();
    const spread = await orphanAcrossMasters(prefix);
    expect(spread).toHaveLength(3);
    expect(spread.every((n) => n > 0)).toBe(true);
    expect(spread.reduce((a, b) => a + b)).toBe(61);

    const list = captureCli(cleanups);
    expect(await main(['clean', '--redis', clusterUrl, '--list'], list.io)).toBe(0);
    expect(list.out.join('\n')).toMatch(new RegExp(`${prefix}  orphaned  r-orphan of "spread"`));

    const c = captureCli(cleanups);
    expect(await main(['clean', '--redis', clusterUrl, '--prefix', prefix], c.io)).toBe(0);
    expect(c.out).toEqual([`Removed 61 keys under "${prefix}:" (run r-orphan of "spread").`]);
    expect(await onEveryMaster(prefix)).toEqual([0, 0, 0]);
  });

  it("the app's orphan clean-up finds and removes them on every master", async () => {
    const prefix = freshPrefix();
    await orphanAcrossMasters(prefix, 30);
    const orphans = await listOrphans(clusterUrl, null);
    expect(orphans.runs.map((r) => r.prefix)).toContain(prefix);
    expect(await cleanOrphan(clusterUrl, prefix, null)).toEqual({ prefix, removed: 31 });
    expect(await onEveryMaster(prefix)).toEqual([0, 0, 0]);
  });
});
