import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { RunSummary } from '../../../shared/metrics';
import { main } from '../../../main/cli/index';
import { startTestCluster } from '../../helpers/redis-cluster';
import { startTestRedis } from '../../helpers/redis-server';
import {
  edge,
  keysUnder,
  pipeline,
  producer,
  queue,
  recordingService,
  simplePipeline,
  until,
  worker,
  captureCli,
} from './helpers';

const redisUrl = inject('redisUrl');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `workers` workers (a, b, …) with `replicas` each on one queue. */
const replicated = (replicas: number, workers = 2) => {
  const ids = [...'abcdef'].slice(0, workers);
  return pipeline(
    'replicas',
    [
      producer('p', { arrival: { type: 'constant', ratePerSec: 20 } }),
      queue('q'),
      ...ids.map((id) => worker(id, { replicas, concurrency: 1 })),
    ],
    [edge('p', 'q'), ...ids.map((id) => edge('q', id))],
  );
};

const clients = async (client: Redis) =>
  Number(/connected_clients:(\d+)/.exec(await client.info('clients'))![1]);

const capture = () => captureCli(cleanups);

describe('connections a run needs', () => {
  it('opens exactly the connections it counts: one per replica, one per worker, one shared', async () => {
    const server = await startTestRedis();
    cleanups.push(() => server.stop());
    const probe = new Redis(server.url);
    cleanups.push(async () => probe.disconnect());
    const env = recordingService(server.url);
    cleanups.push(() => env.close());
    await env.redis.ensure(server.url); // the app's own status connection, not the run's
    // `ensure` returns once the server answered its probe; the status watch connects after it.
    // Count from when both are in: this probe and the status watch, nothing else.
    await until(async () => (await clients(probe)) === 2, 'the status connection');
    const before = await clients(probe);
    await env.service.start({ document: replicated(10) });
    // 2 × 10 blocking connections + 2 shared by each worker's replicas + 1 for queues/producers.
    // The start-up check's own short-lived client may still be closing: let the count settle.
    let opened = (await clients(probe)) - before;
    for (let i = 0; i < 30 && opened !== 23; i++) {
      await new Promise((r) => setTimeout(r, 100));
      opened = (await clients(probe)) - before;
    }
    expect(opened).toBe(23);
    await env.service.stop();
  });

  it("refuses a plan that needs more connections than the Redis's maxclients leaves, and opens none", async () => {
    const server = await startTestRedis(['--maxclients', '100']);
    cleanups.push(() => server.stop());
    const probe = new Redis(server.url);
    cleanups.push(async () => probe.disconnect());
    const env = recordingService(server.url);
    cleanups.push(() => env.close());
    await env.redis.ensure(server.url);
    // As above: count from when the app's status watch is in too (it connects after `ensure`).
    await until(async () => (await clients(probe)) === 2, 'the status connection');
    const before = await clients(probe);
    const doc = replicated(40);
    await expect(env.service.start({ document: doc })).rejects.toThrow(
      /this run needs 83 Redis connections: 80 blocking connections, one per worker replica \("a" 40, "b" 40\); 2 shared by each worker's replicas for their commands; 1 shared by the queues and producers\. Redis at redis:\/\/127\.0\.0\.1:\d+ accepts 100 clients \(maxclients\) and \d+ are connected; keeping 32 for other clients leaves \d+\. Model the same capacity with fewer replicas and a higher concurrency \(worker "a" has 40 replicas.*CONFIG SET maxclients \d+/,
    );
    expect(env.service.status().state).toBe('failed');
    // Nothing was opened or written: other clients still get in, no key is left.
    // The refused runner's one connection goes with its process.
    await until(async () => (await clients(probe)) === before, 'the runner to disconnect');
    expect(await keysUnder(server.url, doc.settings!.prefix!)).toEqual([]);
    // The same plan with fewer replicas fits.
    await env.service.start({ document: replicated(20) });
    await env.service.stop();
  });

  it('refuses more connections than one runner process should hold, whatever Redis allows', async () => {
    const env = recordingService(redisUrl);
    cleanups.push(() => env.close());
    // The reported case: 6 workers × 1,000 replicas, schema-valid, which Redis (maxclients
    // 10,000) would take, but one process should not hold.
    const probe = new Redis(redisUrl);
    cleanups.push(async () => probe.disconnect());
    await env.redis.ensure(redisUrl);
    const before = await clients(probe);
    await expect(env.service.start({ document: replicated(1000, 6) })).rejects.toThrow(
      /this run needs 6,007 Redis connections: 6,000 blocking connections, one per worker replica \("a" 1,000, "b" 1,000, "c" 1,000, …\); 6 shared .* Pipewright runs at most 2,000 connections in one runner process/,
    );
    // The refused runner's one connection goes with its process.
    await until(async () => (await clients(probe)) === before, 'the runner to disconnect');
  });
});

describe('a run whose commands Redis refuses', () => {
  it('refuses at once, with the reason, a document that does not target the cluster it is run on', async () => {
    const cluster = await startTestCluster();
    cleanups.push(() => cluster.stop());
    const c = capture();
    writeFileSync(join(c.io.cwd, 'p.json'), JSON.stringify(simplePipeline()));
    const code = await main(
      ['run', 'p.json', '--redis', cluster.owner.url, '--duration', '2s'],
      c.io,
    );
    expect(code).not.toBe(0);
    expect(c.err.join('\n')).toMatch(
      /the run could not start: Redis at redis:\/\/127\.0\.0\.1:\d+ is a Redis Cluster node \(cluster_enabled:1\) but the document does not target a cluster; set "cluster": true in the document's settings/,
    );
    expect(c.out).toEqual([]);
    const owner = new Redis(cluster.owner.url);
    cleanups.push(async () => owner.disconnect());
    expect(await owner.dbsize()).toBe(0);
  });

  it('refuses at once a cluster document on a standalone Redis', async () => {
    const c = capture();
    const doc = simplePipeline();
    doc.settings = { ...doc.settings, cluster: true };
    writeFileSync(join(c.io.cwd, 'p.json'), JSON.stringify(doc));
    const code = await main(['run', 'p.json', '--redis', redisUrl, '--duration', '2s'], c.io);
    expect(code).not.toBe(0);
    expect(c.err.join('\n')).toMatch(
      /the run could not start: the document targets a Redis Cluster \(settings.cluster is true\) but Redis at redis:\/\/127\.0\.0\.1:\d+ is a standalone server/,
    );
    // Nothing written under the run's prefix, `{<prefix>-<run id>}`.
    const client = new Redis(redisUrl);
    cleanups.push(async () => client.disconnect());
    const [, written] = await client.scan(
      '0',
      'MATCH',
      `\\{${doc.settings.prefix}-*`,
      'COUNT',
      100_000,
    );
    expect(written).toEqual([]);
  });

  it('ends with an error and exit 1 when Redis refuses the jobs mid-run (an ACL user without scripts)', async () => {
    const server = await startTestRedis();
    cleanups.push(() => server.stop());
    const admin = new Redis(server.url);
    cleanups.push(async () => admin.disconnect());
    // Plain commands pass, so the run starts; BullMQ's Lua scripts (every add, every fetch) do not.
    await admin.acl('SETUSER', 'limited', 'on', '>pw', '~*', '&*', '+@all', '-@scripting');
    const c = capture();
    writeFileSync(join(c.io.cwd, 'p.json'), JSON.stringify(simplePipeline({ rate: 20 })));
    const url = `redis://limited:pw@127.0.0.1:${server.port}`;
    const code = await main(['run', 'p.json', '--redis', url, '--duration', '2s', '--json'], c.io);
    expect(code).toBe(1);
    const summary = JSON.parse(c.out.join('\n')) as RunSummary;
    expect(summary.nodes.p).toMatchObject({ created: 0 });
    const refused = summary.incidents!.filter((i) => i.kind === 'refused');
    expect(refused.map((i) => i.key).sort()).toEqual(
      expect.arrayContaining(['nothing:p', 'refused:producer "p"']),
    );
    expect(refused.find((i) => i.key === 'refused:producer "p"')!.message).toMatch(
      /^Redis refused \d+ commands of producer "p": NOPERM .* — the Redis user lacks permissions BullMQ needs/,
    );
    expect(c.err.join('\n')).toMatch(
      /pipewright run: the run failed: .*producer "p" created no job: all \d+ adds failed/,
    );
  });
});

describe('a load generator that cannot keep up', () => {
  it('says so on stderr while it runs and lists it in --json incidents', async () => {
    const c = capture();
    writeFileSync(
      join(c.io.cwd, 'p.json'),
      JSON.stringify(simplePipeline({ rate: 1_000_000, worker: { concurrency: 50 } })),
    );
    const text = await main(['run', 'p.json', '--redis', redisUrl, '--duration', '3s'], c.io);
    expect(text).toBe(0);
    const warning =
      /\d+\.\ds warning: producer "p" cannot keep up: ([\d,]+) jobs\/s asked, [\d,]+ jobs\/s delivered \([\d.]+%\)/.exec(
        c.err.join('\n'),
      );
    expect(warning, c.err.join('\n')).not.toBeNull();
    // Arrivals are counted up to the tick's start, the window up to its end: a ms apart at most.
    expect(Math.abs(Number(warning![1]!.replace(/,/g, '')) - 1_000_000)).toBeLessThan(1000);
    expect(c.out.join('\n')).toMatch(
      /\nincidents:\n {2}\d+\.?\d*s warn: producer "p" cannot keep up/,
    );

    const json = capture();
    writeFileSync(join(json.io.cwd, 'p.json'), JSON.stringify(simplePipeline({ rate: 1_000_000 })));
    expect(
      await main(['run', 'p.json', '--redis', redisUrl, '--duration', '3s', '--json'], json.io),
    ).toBe(0);
    expect(json.err).toEqual([]);
    const summary = JSON.parse(json.out.join('\n')) as RunSummary;
    const lagging = summary.incidents!.find((i) => i.kind === 'lagging')!;
    expect(lagging).toMatchObject({ key: 'lagging:p', level: 'warn', nodeId: 'p' });
    const delivered = Number(
      /([\d,]+) jobs\/s delivered/.exec(lagging.message)![1]!.replace(/,/g, ''),
    );
    expect(delivered).toBeGreaterThan(0);
    expect(delivered).toBeLessThan(900_000);
  });
});
