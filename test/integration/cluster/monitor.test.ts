import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import type { MonitorSnapshot } from '../../../shared/api/contract';
import { removeKeysAt } from '../../../main/redis/keys';
import { MonitorService } from '../../../main/services/runs/monitor';
import { clusterMasterUrls } from '../../helpers/redis-cluster';
import { freshPrefix, keysUnder, until } from '../runner/helpers';

const clusterUrl = inject('clusterUrl');

describe('monitor mode on a 3-master Redis Cluster', () => {
  it('discovers queues on every master and watches their counts', async () => {
    const prefix = freshPrefix();
    // A hash tag per queue name (BullMQ's other cluster pattern): the queues land on different masters.
    const names = ['{alpha}', '{bravo}', '{charlie}', '{delta}', '{echo}'];
    const port = Number(new URL(clusterUrl).port);
    const connection = new Cluster([{ host: '127.0.0.1', port }]);
    const queues = names.map((name) => new Queue(name, { connection, prefix }));
    const monitor = new MonitorService({ defaultUrl: () => clusterUrl, intervalMs: 200 });
    try {
      for (const [i, queue] of queues.entries()) {
        await queue.addBulk(Array.from({ length: i + 1 }, (_, j) => ({ name: 'j', data: { j } })));
      }
      const holding = await Promise.all(
        (await clusterMasterUrls(clusterUrl)).map(async (u) => (await keysUnder(u, prefix)).length),
      );
      expect(holding.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);

      expect(await monitor.discover({ prefix })).toMatchObject({ prefix, queues: names });
      const snapshots: MonitorSnapshot[] = [];
      monitor.onSnapshot((s) => snapshots.push(s));
      await monitor.start({ prefix });
      await until(() => snapshots.length > 0, 'a monitor snapshot');
      const last = snapshots.at(-1)!;
      expect(names.map((n) => last.queues[n]!.waiting)).toEqual([1, 2, 3, 4, 5]);
      expect(last.redis!.usedMemoryBytes).toBeGreaterThan(0);
    } finally {
      await monitor.close();
      await Promise.all(queues.map((q) => q.close()));
      connection.disconnect();
      await removeKeysAt(clusterUrl, prefix);
    }
  });
});
