import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { MonitorSnapshot } from '../../../shared/api/contract';
import { deleteKeysByPrefix } from '../../../main/redis/keys';
import { MonitorService } from '../../../main/services/runs/monitor';
import { writesSoFar } from '../runner/helpers';

const redisUrl = inject('redisUrl');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(check: () => boolean, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('monitoring an existing Redis (read-only)', () => {
  it('discovers BullMQ queues under a prefix and streams their counts and throughput', async () => {
    const prefix = `pwmon${Date.now().toString(36)}`;
    const client = new Redis(redisUrl, { maxRetriesPerRequest: null });
    cleanups.push(async () => {
      await deleteKeysByPrefix(client, prefix);
      client.disconnect();
    });
    // A "deployment" the app does not own: plain BullMQ under its own prefix.
    const orders = new Queue('orders', { connection: client, prefix });
    const mail = new Queue('mail', { connection: client, prefix });
    cleanups.push(
      () => orders.close(),
      () => mail.close(),
    );
    const mailAddedAfter = Date.now();
    await mail.add('m', {});
    await mail.pause();
    const worker = new Worker('orders', async () => null, {
      connection: { url: redisUrl },
      prefix,
      concurrency: 5,
    });
    cleanups.push(() => worker.close());

    const monitor = new MonitorService({ defaultUrl: () => redisUrl, intervalMs: 200 });
    cleanups.push(() => monitor.close());
    const found = await monitor.discover({ prefix });
    expect(found.queues).toEqual(['mail', 'orders']);
    expect(found.prefix).toBe(prefix);
    const empty = await monitor.discover({ prefix: `${prefix}-nothing-here` });
    expect(empty.queues).toEqual([]);

    const snapshots: MonitorSnapshot[] = [];
    monitor.onSnapshot((s) => snapshots.push(s));
    await monitor.start({ prefix });
    // 200 jobs over ~1 s while the monitor watches.
    for (let i = 0; i < 10; i++) {
      await orders.addBulk(Array.from({ length: 20 }, (_, k) => ({ name: 'o', data: { k } })));
      await new Promise((r) => setTimeout(r, 100));
    }
    await until(
      () => (snapshots.at(-1)?.queues.orders?.completed ?? 0) >= 200,
      'all orders completed',
    );
    const peak = Math.max(...snapshots.map((s) => s.queues.orders?.throughputPerSec ?? 0));
    expect(peak).toBeGreaterThan(20);
    const total = snapshots.reduce(
      (sum, s, i) =>
        sum + (s.queues.orders?.enqueuedPerSec ?? 0) * ((s.t - (snapshots[i - 1]?.t ?? 0)) / 1000),
      0,
    );
    expect(total).toBeGreaterThan(150);
    const last = snapshots.at(-1)!;
    expect(last.queues.orders).toMatchObject({ kind: 'queue', name: 'orders', waiting: 0 });
    expect(last.queues.orders!.enqueued).toBe(200);
    expect(last.queues.orders!.workers).toBeGreaterThanOrEqual(1);
    expect(last.queues.mail).toMatchObject({ paused: true, waiting: 1, workers: 0 });
    // A line with nothing moving says how old it is, not "p95 0 ms".
    expect(last.queues.mail!.oldestWaitingMs).toBeGreaterThan(800);
    expect(last.queues.mail!.oldestWaitingMs).toBeLessThanOrEqual(Date.now() - mailAddedAfter);
    expect(last.queues.orders!.oldestWaitingMs).toBeUndefined();
    expect(last.redis!.usedMemoryBytes).toBeGreaterThan(0);

    // Watching writes nothing.
    await worker.close();
    const before = await writesSoFar(client);
    const seen = snapshots.length;
    await until(() => snapshots.length >= seen + 4, 'more snapshots');
    expect(await writesSoFar(client)).toBe(before);
    await monitor.stop();
  });

  it('refuses a Redis that does not answer, with a clear message', async () => {
    const monitor = new MonitorService();
    await expect(
      monitor.discover({ redisUrl: 'redis://127.0.0.1:1', prefix: 'bull' }),
    ).rejects.toThrow(/cannot monitor: redis:\/\/127\.0\.0\.1:1/);
  });
});
