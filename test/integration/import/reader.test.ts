import { FlowProducer, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { readObservations } from '../../../main/redis/import/read';
import { ImportError } from '../../../main/redis/import/errors';
import { deleteKeysByPrefix } from '../../../main/redis/keys';
import { startDeployment, type DeploymentSpec } from '../../helpers/bullmq-deployment';
import { freePort } from '../../helpers/redis-server';
import { freshPrefix, sleep, writesSoFar } from '../runner/helpers';

const redisUrl = inject('redisUrl');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const spec = (prefix: string, extra: Partial<DeploymentSpec> = {}): DeploymentSpec => ({
  url: redisUrl,
  prefix,
  ratePerSec: 40,
  jobName: 'signup',
  a: { queue: 'signups', concurrency: 3, service: { type: 'fixed', ms: 30 }, failureRate: 0 },
  b: {
    queue: 'emails',
    concurrency: 2,
    service: { type: 'fixed', ms: 20 },
    failureRate: 0.3,
    workerName: 'mailer',
  },
  jobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 20 } },
  ...extra,
});

async function admin() {
  const client = new Redis(redisUrl, { maxRetriesPerRequest: null });
  cleanups.push(async () => client.disconnect());
  return client;
}

describe('reading a live BullMQ deployment (read-only)', () => {
  it('reads queues, jobs with their options, workers, schedulers, meta and flows, and writes nothing', async () => {
    const prefix = freshPrefix();
    const client = await admin();
    cleanups.push(() => deleteKeysByPrefix(client, prefix));
    const deployment = await startDeployment(spec(prefix));
    cleanups.push(() => deployment.stop());
    await sleep(2500);
    await deployment.stop();
    // Settings the deployment keeps in Redis, set by its own code (not by the import).
    const reports = new Queue('reports', { connection: client, prefix });
    cleanups.push(() => reports.close());
    await reports.upsertJobScheduler(
      'nightly',
      { pattern: '0 3 * * *', tz: 'UTC' },
      { name: 'nightly-report' },
    );
    await reports.upsertJobScheduler('tick', { every: 60_000, limit: 10 }, { name: 'tick' });
    await reports.setGlobalConcurrency(7);
    await reports.setGlobalRateLimit(50, 1000);
    await reports.pause();
    const flow = new FlowProducer({ connection: client, prefix });
    cleanups.push(() => flow.close());
    await flow.add({
      name: 'bundle',
      queueName: 'reports',
      children: [{ name: 'part', queueName: 'signups', data: {} }],
    });

    const before = await writesSoFar(client);
    const obs = await readObservations({ url: redisUrl, prefix });
    expect(await writesSoFar(client)).toBe(before);

    expect(obs.prefix).toBe(prefix);
    expect(obs.queues.map((q) => q.name)).toEqual(['emails', 'reports', 'signups']);
    const [emails, reports_, signups] = obs.queues as [
      (typeof obs.queues)[number],
      (typeof obs.queues)[number],
      (typeof obs.queues)[number],
    ];
    const m = deployment.measured;
    // Every job the deployment added is read, with its creation time and options as stored.
    expect(signups.jobs.filter((j) => j.name === 'signup')).toHaveLength(m.a.added);
    expect(emails.jobs).toHaveLength(m.b.added);
    for (const job of [...signups.jobs, ...emails.jobs].filter((j) => j.name === 'signup')) {
      expect(job.opts).toEqual({ attempts: 3, backoff: { type: 'exponential', delay: 20 } });
    }
    expect(signups.jobs.filter((j) => j.state === 'completed')).toHaveLength(m.a.completed);
    expect(emails.jobs.filter((j) => j.state === 'completed')).toHaveLength(m.b.completed);
    expect(emails.jobs.filter((j) => j.state === 'failed')).toHaveLength(m.b.failed);
    // Retries: attempts that ended, summed over jobs, are the attempts the workers ran.
    const attempts = emails.jobs.reduce((s, j) => s + j.attemptsMade, 0);
    expect(attempts).toBe(m.b.attempts);
    const done = signups.jobs.find((j) => j.state === 'completed')!;
    expect(done.finishedOn! - done.processedOn!).toBeGreaterThanOrEqual(30);
    expect(done.processedOn).toBeGreaterThanOrEqual(done.timestamp);
    // Workers as BullMQ names their connections; concurrency from overlapping jobs.
    expect(signups.workers).toHaveLength(0); // the deployment stopped: no worker connected
    expect(signups.maxActiveSeen).toBe(3);
    expect(emails.maxActiveSeen).toBe(2);
    expect(reports_.meta).toEqual({
      paused: true,
      concurrency: 7,
      rateLimit: { max: 50, durationMs: 1000 },
    });
    expect(reports_.schedulers).toEqual(
      expect.arrayContaining([
        { key: 'nightly', name: 'nightly-report', pattern: '0 3 * * *', tz: 'UTC' },
        { key: 'tick', name: 'tick', everyMs: 60_000, limit: 10 },
      ]),
    );
    const bundle = reports_.jobs.find((j) => j.name === 'bundle')!;
    expect(bundle.state).toBe('waiting-children');
    const part = signups.jobs.find((j) => j.name === 'part')!;
    expect(part.parent).toEqual({ queue: 'reports', id: bundle.id });
    expect(obs.window.fromMs).toBe(
      Math.min(...obs.queues.flatMap((q) => q.jobs.map((j) => j.timestamp))),
    );
    expect(obs.listenedMs).toBe(0);
  });

  it('lists connected workers by BullMQ client name and samples active jobs while listening', async () => {
    const prefix = freshPrefix();
    const client = await admin();
    cleanups.push(() => deleteKeysByPrefix(client, prefix));
    const deployment = await startDeployment(spec(prefix));
    cleanups.push(() => deployment.stop());
    await sleep(500);
    const obs = await readObservations({ url: redisUrl, prefix, listenMs: 1500 });
    await deployment.stop();
    const emails = obs.queues.find((q) => q.name === 'emails')!;
    const signups = obs.queues.find((q) => q.name === 'signups')!;
    expect(emails.workers.map((w) => w.name)).toEqual([
      `${prefix}:${Buffer.from('emails').toString('base64')}:w:mailer`,
    ]);
    expect(signups.workers.map((w) => w.name)).toEqual([
      `${prefix}:${Buffer.from('signups').toString('base64')}`,
    ]);
    expect(obs.listenedMs).toBe(1500);
    const kinds = new Set(signups.events.map((e) => e.event));
    expect([...kinds].sort()).toEqual(['active', 'added', 'completed']);
    expect(signups.maxActiveSeen).toBe(3);
  });

  it('sees jobs that removeOnComplete deletes by listening, and says so', async () => {
    const prefix = freshPrefix();
    const client = await admin();
    cleanups.push(() => deleteKeysByPrefix(client, prefix));
    const deployment = await startDeployment(
      spec(prefix, {
        jobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 10 }, removeOnComplete: true },
      }),
    );
    cleanups.push(() => deployment.stop());
    await sleep(300);
    const obs = await readObservations({ url: redisUrl, prefix, listenMs: 2000 });
    await deployment.stop();
    const signups = obs.queues.find((q) => q.name === 'signups')!;
    const completed = signups.jobs.filter((j) => j.state === 'completed');
    // About 40 jobs/s for 2 s; every one completed was deleted, so each was seen live.
    expect(completed.length).toBeGreaterThan(50);
    expect(await client.zcard(`${prefix}:signups:completed`)).toBe(0);
    // Times from the events stream are Redis's clock at each step, a few ms after the job's
    // own (the 'active' entry is written after processedOn is stamped): near the 30 ms slept.
    for (const job of completed) {
      expect(job.finishedOn! - job.processedOn!).toBeGreaterThanOrEqual(24);
      expect(job.opts.removeOnComplete).toBe(true);
      expect(job.timestamp).toBeGreaterThanOrEqual(obs.window.fromMs);
    }
    expect(obs.notes.join('\n')).toContain(
      '"signups" removes jobs on completion (removeOnComplete: true): its completed jobs were sampled live while listening for 2 s.',
    );
  });

  it('imports with a Redis user limited to read commands', async () => {
    const prefix = freshPrefix();
    const client = await admin();
    cleanups.push(() => deleteKeysByPrefix(client, prefix));
    const user = `pwreader${Date.now().toString(36)}`;
    await client.call(
      'ACL',
      'SETUSER',
      user,
      'on',
      '>secret',
      '~*',
      'resetchannels',
      '-@all',
      '+@read',
      '+@connection',
      '+client|list',
      '+info',
      '-@write',
    );
    cleanups.push(() => client.call('ACL', 'DELUSER', user));
    const deployment = await startDeployment(spec(prefix));
    cleanups.push(() => deployment.stop());
    await sleep(500);
    const url = redisUrl.replace('redis://', `redis://${user}:secret@`);
    const obs = await readObservations({ url, prefix, listenMs: 1000 });
    await deployment.stop();
    expect(obs.redis).toBe(redisUrl.replace('redis://', `redis://${user}:***@`));
    expect(obs.queues.map((q) => q.name)).toEqual(['emails', 'signups']);
    expect(obs.queues[1]!.jobs.length).toBeGreaterThan(20);
    // The same user cannot write: the ACL really is read-only.
    const reader = new Redis(url, { maxRetriesPerRequest: 0 });
    cleanups.push(async () => reader.disconnect());
    await expect(reader.set(`${prefix}:x`, '1')).rejects.toThrow(/NOPERM/);
  });

  it('says clearly when Redis is unreachable, refuses the credentials, or is PostgreSQL', async () => {
    const port = await freePort();
    const started = Date.now();
    const unreachable = await readObservations({
      url: `redis://127.0.0.1:${port}`,
      timeoutMs: 1000,
    }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(unreachable).toBeInstanceOf(ImportError);
    expect((unreachable as ImportError).kind).toBe('connect');
    expect((unreachable as ImportError).message).toMatch(
      new RegExp(`^redis://127.0.0.1:${port}: could not read from Redis \\(.*ECONNREFUSED`),
    );
    const badAuth = await readObservations({
      url: redisUrl.replace('redis://', 'redis://nobody:wrong@'),
    }).catch((e: unknown) => e);
    expect((badAuth as ImportError).kind).toBe('auth');
    expect((badAuth as ImportError).message).toContain('nobody:***@');
    expect((badAuth as ImportError).message).not.toContain('wrong');
    const pg = await readObservations({ url: 'postgres://u:p@localhost/jobs' }).catch(
      (e: unknown) => e,
    );
    expect((pg as ImportError).kind).toBe('unsupported');
    expect((pg as ImportError).message).toContain("BullMQ's PostgreSQL backend");
  });
});
