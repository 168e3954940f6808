import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { main } from '../../../main/cli';
import { deleteKeysByPrefix } from '../../../main/redis/keys';
import { smallDeployment } from '../../helpers/bullmq-deployment';
import { freePort } from '../../helpers/redis-server';
import { captureCli, freshPrefix, sleep } from '../runner/helpers';

const redisUrl = inject('redisUrl');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('pipewright import: exit codes and files', () => {
  it('exits 1 when nothing is under the prefix, naming the prefixes that hold queues', async () => {
    const prefix = freshPrefix();
    const other = freshPrefix();
    const client = new Redis(redisUrl, { maxRetriesPerRequest: null });
    cleanups.push(async () => {
      await deleteKeysByPrefix(client, other);
      client.disconnect();
    });
    const queue = new Queue('orders', { connection: client, prefix: other });
    cleanups.push(() => queue.close());
    await queue.add('o', {});
    const cli = captureCli(cleanups);
    const code = await main(['import', '--redis', redisUrl, '--prefix', prefix], cli.io);
    expect(code).toBe(1);
    expect(cli.out).toEqual([]);
    expect(cli.err.join('\n')).toContain(`No BullMQ queues under the prefix "${prefix}".`);
    expect(cli.err.join('\n')).toContain(`"${other}"`);
  });

  it('exits 1 when the prefix holds queues but no jobs to fit, saying how to listen', async () => {
    const prefix = freshPrefix();
    const client = new Redis(redisUrl, { maxRetriesPerRequest: null });
    cleanups.push(async () => {
      await deleteKeysByPrefix(client, prefix);
      client.disconnect();
    });
    const queue = new Queue('orders', { connection: client, prefix });
    cleanups.push(() => queue.close());
    // Adding then removing a job leaves the queue's keys (its id counter) but no job to fit.
    const job = await queue.add('o', {});
    await job.remove();
    const cli = captureCli(cleanups);
    const code = await main(
      ['import', '--redis', redisUrl, '--prefix', prefix, '--listen', '0'],
      cli.io,
    );
    expect(code).toBe(1);
    expect(cli.out).toEqual([]);
    const err = cli.err.join('\n');
    expect(err).toContain(`found the queues "orders" under "${prefix}", but no jobs`);
    expect(err).toContain('--listen 60s');
  });

  it('exits 2 when Redis cannot be reached, and refuses PostgreSQL with a clear message', async () => {
    const cli = captureCli(cleanups);
    const port = await freePort();
    expect(await main(['import', '--redis', `redis://127.0.0.1:${port}`], cli.io)).toBe(2);
    expect(cli.err.join('\n')).toMatch(/could not read from Redis \(.*ECONNREFUSED/);
    expect(await main(['import', '--redis', 'postgres://localhost/jobs'], cli.io)).toBe(2);
    expect(cli.err.join('\n')).toContain("BullMQ's PostgreSQL backend cannot be imported yet");
    expect(await main(['import', '--redis', redisUrl, '--listen', 'soon'], cli.io)).toBe(2);
    expect(cli.err.join('\n')).toContain('--listen "soon" must be a time from 0 to 1h');
  });

  it('writes the document, refuses to overwrite it without --force, prints JSON with --json', async () => {
    const prefix = freshPrefix();
    const deployment = await smallDeployment(redisUrl, prefix);
    cleanups.push(() => deployment.clean());
    cleanups.push(() => deployment.stop());
    await sleep(1500);
    await deployment.stop();
    const cli = captureCli(cleanups);
    const args = ['import', '--redis', redisUrl, '--prefix', prefix, '--listen', '0'];
    writeFileSync(join(cli.io.cwd, 'model.json'), 'keep me');
    expect(await main([...args, '--out', 'model.json'], cli.io)).toBe(2);
    expect(cli.err.join('\n')).toContain(
      'model.json already exists; choose another file or add --force',
    );
    expect(readFileSync(join(cli.io.cwd, 'model.json'), 'utf8')).toBe('keep me');
    expect(await main([...args, '--out', 'model.json', '--force', '--json'], cli.io)).toBe(0);
    const written = JSON.parse(readFileSync(join(cli.io.cwd, 'model.json'), 'utf8'));
    expect(written.format).toBe('pipewright/v1');
    expect(
      written.nodes
        .filter((n: { kind: string }) => n.kind === 'queue')
        .map((n: { name: string }) => n.name)
        .sort(),
    ).toEqual(['emails', 'signups']);
    const report = JSON.parse(cli.out.at(-1)!);
    expect(report.prefix).toBe(prefix);
    expect(report.measured.map((m: { queue: string }) => m.queue).sort()).toEqual([
      'emails',
      'signups',
    ]);
  });
});
