import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { main } from '../../../main/cli';
import type { PipelineDocument } from '../../../shared/document';
import { startDeployment } from '../../helpers/bullmq-deployment';
import { clusterMasterUrls } from '../../helpers/redis-cluster';
import { captureCli, freshPrefix, keysUnder, sleep } from '../runner/helpers';

const clusterUrl = inject('clusterUrl');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('import from a 3-master Redis Cluster', () => {
  it('reads a BullMQ deployment on a hash-tagged prefix and writes a cluster document', async () => {
    const prefix = `{${freshPrefix()}}`;
    const deployment = await startDeployment({
      url: clusterUrl,
      cluster: true,
      prefix,
      ratePerSec: 40,
      jobName: 'order',
      a: { queue: 'orders', concurrency: 3, service: { type: 'fixed', ms: 20 }, failureRate: 0 },
      b: { queue: 'receipts', concurrency: 2, service: { type: 'fixed', ms: 10 }, failureRate: 0 },
      jobOptions: { attempts: 2, backoff: { type: 'fixed', delay: 100 } },
    });
    cleanups.push(() => deployment.clean());
    cleanups.push(() => deployment.stop());
    await sleep(4000);
    await deployment.stop();
    // The deployment's keys are on one master (its hash tag), which the import must find.
    const holding = await Promise.all(
      (await clusterMasterUrls(clusterUrl)).map(async (u) => (await keysUnder(u, prefix)).length),
    );
    expect(holding.filter((n) => n > 0)).toHaveLength(1);

    const cli = captureCli(cleanups);
    const code = await main(
      ['import', '--redis', clusterUrl, '--prefix', prefix, '--out', 'orders.json'],
      cli.io,
    );
    expect(cli.err).toEqual([]);
    expect(code).toBe(0);
    const doc = JSON.parse(
      readFileSync(join(cli.io.cwd, 'orders.json'), 'utf8'),
    ) as PipelineDocument;
    expect(doc.settings?.cluster).toBe(true);
    const queues = doc.nodes.filter((n) => n.kind === 'queue').map((n) => n.name);
    expect(queues.sort()).toEqual(['orders', 'receipts']);
    const worker = (name: string) => doc.nodes.find((n) => n.name === name)!;
    expect(worker('orders worker').config).toMatchObject({ concurrency: 3 });
    const edge = doc.edges.find((e) => e.from === worker('orders worker').id);
    expect(doc.nodes.find((n) => n.id === edge?.to)?.name).toBe('receipts');
    for (const queue of ['orders', 'receipts']) {
      expect(doc.nodes.find((n) => n.name === queue)!.config).toMatchObject({
        attempts: 2,
        backoff: { type: 'fixed', delayMs: 100 },
      });
    }
  });
});
