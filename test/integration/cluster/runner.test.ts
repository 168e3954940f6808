import { afterEach, describe, expect, inject, it } from 'vitest';
import type { QueueFigures, RunSummary } from '../../../shared/metrics';
import { Cluster } from 'ioredis';
import { removeKeysAt } from '../../../main/redis/keys';
import { simulate } from '../../../shared/simulation';
import { clusterMasterUrls } from '../../helpers/redis-cluster';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../main/cli/index';
import {
  checkParents,
  completionsPerSec,
  fanOutDoc,
  predictedThroughput,
  readJobs,
  snapshotsWhileRunning,
} from '../runner/flows-support';
import { captureCli, keysUnder, recordingService, sleep } from '../runner/helpers';
import { clusterChain } from './helpers';

const clusterUrl = inject('clusterUrl');
let env: ReturnType<typeof recordingService> | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const count = (summary: RunSummary, id: string): number => {
  const node = summary.nodes[id]!;
  if (node.kind === 'producer') return node.created;
  if (node.kind === 'queue') return node.enqueued;
  return node.completed;
};

/** Keys under `prefix` on every master of the cluster, each asked directly. */
async function keysOnEveryMaster(prefix: string): Promise<string[]> {
  const keys = await Promise.all(
    (await clusterMasterUrls(clusterUrl)).map((u) => keysUnder(u, prefix)),
  );
  return keys.flat();
}

describe('runner on a 3-master Redis Cluster', () => {
  it("runs a chain to completion with exact counts, the simulator's throughput, and removes its keys", async () => {
    env = recordingService(clusterUrl);
    const doc = clusterChain();
    const info = await env.service.start({ document: doc });
    // The run's prefix is one hash tag: every key of every queue lands in one slot.
    expect(info.prefix).toBe(`{${doc.settings!.prefix}-${info.runId}}`);
    await sleep(6000);
    const keys = await keysOnEveryMaster(info.prefix);
    expect(keys).toEqual(
      expect.arrayContaining([`${info.prefix}:incoming:meta`, `${info.prefix}:ship:meta`]),
    );
    const result = await env.service.stop({ drain: true });
    expect(result.drained).toBe(true);
    const { summary } = result;
    expect(summary.reconciled).toBe(true);
    const created = count(summary, 'orders');
    // 40 jobs/s for about 6 s.
    expect(created).toBeGreaterThan(220);
    expect(created).toBeLessThan(270);
    for (const id of ['incoming', 'validate', 'charge', 'charger', 'ship', 'shipper']) {
      expect({ id, n: count(summary, id) }).toEqual({ id, n: created });
    }
    // Steady-state throughput, measured between two snapshots after the first second, against
    // the simulator's for the same document (a long horizon: its mean is exact for this load).
    const predicted = simulate(doc, { durationMs: 60_000, seed: 1 });
    const running = snapshotsWhileRunning(env.snapshots.map((s) => s.snapshot));
    for (const id of ['validate', 'charger', 'shipper']) {
      const model = predicted.nodes[id]!;
      if (model.kind !== 'worker') throw new Error(id);
      const measured = completionsPerSec(running, id);
      console.log(
        `cluster chain ${id}: ${measured} jobs/s measured, ${model.throughputPerSec} predicted`,
      );
      const off = Math.abs(measured / model.throughputPerSec - 1);
      expect(
        off,
        `${id}: ${measured} jobs/s measured, ${model.throughputPerSec} predicted`,
      ).toBeLessThan(0.05);
    }
    expect(result.keysRemoved).toBeGreaterThan(0);
    expect(await keysOnEveryMaster(info.prefix)).toEqual([]);
    // The status line's figures are the cluster's: memory summed over its masters.
    expect(env.snapshots.at(-1)!.redis!.usedMemoryBytes).toBeGreaterThan(3 * 500_000);
  });

  it('runs a flow: every parent after all its children, exact counts, the simulator’s throughput', async () => {
    env = recordingService(clusterUrl);
    const doc = fanOutDoc({ renderMs: 200 });
    doc.settings = { ...doc.settings, cluster: true };
    const info = await env.service.start({ document: doc, keepKeys: true });
    const client = new Cluster([{ host: '127.0.0.1', port: Number(new URL(clusterUrl).port) }]);
    try {
      await sleep(6000);
      const result = await env.service.stop({ drain: true, keepKeys: true });
      expect(result.drained).toBe(true);
      const split = count(result.summary, 'split');
      expect(split).toBeGreaterThan(100);
      expect(count(result.summary, 'render')).toBe(4 * split);
      expect(count(result.summary, 'merge')).toBe(split);
      const jobs = await readJobs(client, info.prefix, ['reports', 'parts', 'assemble']);
      const { parents, waitedFor, early } = checkParents(jobs, 'assemble');
      expect(parents).toHaveLength(split);
      expect(parents.every((p) => p.state === 'completed')).toBe(true);
      expect(waitedFor.every((n) => n === 4)).toBe(true);
      expect(early).toEqual([]);
      const snapshots = env.snapshots.map((s) => s.snapshot);
      const waiting = snapshots.map((s) => (s.nodes.assemble as QueueFigures).waitingChildren!);
      expect(Math.max(...waiting)).toBeGreaterThan(0);
      const predicted = predictedThroughput(doc, ['split', 'render', 'merge']);
      const running = snapshotsWhileRunning(snapshots);
      for (const id of ['split', 'render', 'merge']) {
        const measured = completionsPerSec(running, id);
        console.log(`cluster flow ${id}: ${measured} jobs/s measured, ${predicted[id]} predicted`);
        expect(Math.abs(measured / predicted[id]! - 1)).toBeLessThan(0.05);
      }
    } finally {
      await removeKeysAt(clusterUrl, info.prefix);
      client.disconnect();
    }
    expect(await keysOnEveryMaster(info.prefix)).toEqual([]);
  });

  it('pipewright run runs a cluster document through any node and prints exact counts', async () => {
    const cleanups: Array<() => Promise<unknown>> = [];
    try {
      const c = captureCli(cleanups);
      const doc = clusterChain(30);
      writeFileSync(join(c.io.cwd, 'p.json'), JSON.stringify(doc));
      // The last master: the cluster client finds the run's slot from whichever node it is given.
      const node = (await clusterMasterUrls(clusterUrl)).at(-1)!;
      const code = await main(
        ['run', 'p.json', '--redis', node, '--duration', '2s', '--drain', '--json'],
        c.io,
      );
      expect(c.err.filter((l) => /error|refused/i.test(l))).toEqual([]);
      expect(code).toBe(0);
      const summary = JSON.parse(c.out.join('\n')) as RunSummary;
      const created = count(summary, 'orders');
      expect(created).toBeGreaterThan(45);
      for (const id of ['incoming', 'validate', 'charge', 'charger', 'ship', 'shipper']) {
        expect({ id, n: count(summary, id) }).toEqual({ id, n: created });
      }
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup();
    }
  });
});
