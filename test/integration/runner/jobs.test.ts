import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { ApiError } from '../../../shared/api/contract';
import { runRequestSchemas } from '../../../shared/api/runs';
import { deleteKeysByPrefix } from '../../../main/redis/keys';
import { createRunServices, type RunServices } from '../../../main/services/runs/api';
import { edge, pipeline, producer, queue, until, worker, writesSoFar } from './helpers';

const redisUrl = inject('redisUrl');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function services(): RunServices {
  const s = createRunServices({ redisUrl: () => redisUrl, emit: () => undefined });
  cleanups.push(() => s.close());
  return s;
}

describe('the queue browser', () => {
  it('lists a run’s jobs by state with data, attempts, times and failures; retries and removes them', async () => {
    const { handlers, runs } = services();
    // Every attempt fails, two attempts per job: failed jobs carry two stack traces.
    const doc = pipeline(
      'jobs',
      [
        producer('p', {
          arrival: { type: 'constant', ratePerSec: 20 },
          limit: 6,
          payload: { userId: 'u-1' },
        }),
        queue('q', { attempts: 2 }),
        worker('w', { concurrency: 2, service: { type: 'fixed', ms: 5 }, failureRate: 1 }),
      ],
      [edge('p', 'q'), edge('q', 'w')],
    );
    await handlers['run:start']({ document: doc, keepKeys: true });
    const failed = () => handlers['jobs:list']({ source: 'run', queue: 'q', state: 'failed' });
    await until(async () => (await failed()).counts.failed === 6, 'six failed jobs', 15_000);
    const list = await failed();
    expect(list.queue).toBe('q');
    expect(list.canModify).toBe(true);
    expect(list.jobs).toHaveLength(6);
    const job = list.jobs[0]!;
    expect(job).toMatchObject({
      state: 'failed',
      name: 'p-job',
      attemptsMade: 2,
      failedReason: 'synthetic failure (failure rate 1)',
    });
    expect(JSON.parse(job.data)).toEqual({ payload: { userId: 'u-1' } });
    expect(job.stacktrace).toHaveLength(2);
    expect(job.stacktrace[0]).toMatch(/^SyntheticFailure: synthetic failure/);
    expect(job.finishedOn).toBeGreaterThanOrEqual(job.processedOn!);
    expect(job.processedOn).toBeGreaterThanOrEqual(job.timestamp);
    // Most recent first.
    const finished = list.jobs.map((j) => j.finishedOn!);
    expect([...finished].sort((a, b) => b - a)).toEqual(finished);
    const limited = await handlers['jobs:list']({
      source: 'run',
      queue: 'q',
      state: 'failed',
      limit: 2,
    });
    expect(limited.jobs.map((j) => j.id)).toEqual(list.jobs.slice(0, 2).map((j) => j.id));

    // Remove one, retry another (it fails again, twice more).
    await handlers['jobs:act']({ queueId: 'q', jobId: list.jobs[1]!.id, action: 'remove' });
    await handlers['jobs:act']({ queueId: 'q', jobId: job.id, action: 'retry' });
    await until(async () => {
      const l = await failed();
      return l.counts.failed === 5 && l.jobs.some((j) => j.id === job.id && j.attemptsMade >= 2);
    }, 'the retried job failing again');
    expect((await failed()).jobs.some((j) => j.id === list.jobs[1]!.id)).toBe(false);
    await expect(
      handlers['jobs:act']({ queueId: 'q', jobId: 'no-such-job', action: 'retry' }),
    ).rejects.toThrow('job no-such-job is not in queue "q" (any more)');
    await expect(
      handlers['jobs:list']({ source: 'run', queue: 'nope', state: 'failed' }),
    ).rejects.toThrow('no queue with id "nope" in the running pipeline');
    await runs.stop({ keepKeys: false });
    await expect(failed()).rejects.toThrow(/its keys were removed/);
  });

  it('lists a monitored Redis’s jobs without writing to it, and offers no retry or remove', async () => {
    const prefix = `pwjobs${Date.now().toString(36)}`;
    const client = new Redis(redisUrl, { maxRetriesPerRequest: null });
    cleanups.push(async () => {
      await deleteKeysByPrefix(client, prefix);
      client.disconnect();
    });
    const orders = new Queue('orders', { connection: client, prefix });
    cleanups.push(() => orders.close());
    await orders.addBulk(
      Array.from({ length: 3 }, (_, i) => ({
        name: 'order',
        data: { i },
        opts: { delay: 60_000 },
      })),
    );
    await orders.add('order', { i: 9 });
    const w = new Worker('orders', async () => ({ shipped: true }), {
      connection: { url: redisUrl },
      prefix,
    });
    cleanups.push(() => w.close());
    const { handlers } = services();
    await expect(
      handlers['jobs:list']({ source: 'monitor', queue: 'orders', state: 'delayed' }),
    ).rejects.toThrow('nothing is being monitored; start watching a Redis first');
    await handlers['monitor:start']({ prefix });
    const list = (state: 'delayed' | 'completed') =>
      handlers['jobs:list']({ source: 'monitor', queue: 'orders', state });
    await until(async () => (await list('completed')).jobs.length === 1, 'the job done');
    await handlers['monitor:stop']({});
    await handlers['monitor:start']({ prefix });

    const before = await writesSoFar(client);
    const delayed = await list('delayed');
    const completed = await list('completed');
    expect(await writesSoFar(client)).toBe(before);

    expect(delayed.canModify).toBe(false);
    expect(delayed.counts).toEqual({ waiting: 0, active: 0, delayed: 3, completed: 1, failed: 0 });
    expect(delayed.jobs.map((j) => [j.delayMs, JSON.parse(j.data).i]).sort()).toEqual([
      [60_000, 0],
      [60_000, 1],
      [60_000, 2],
    ]);
    expect(completed.jobs[0]).toMatchObject({ returnValue: '{"shipped":true}', attemptsMade: 1 });
    await expect(
      handlers['jobs:list']({ source: 'monitor', queue: 'invoices', state: 'failed' }),
    ).rejects.toThrow(`no queue "invoices" under "${prefix}"; queues there: orders`);
    // Retry and remove act on the run's queues only: a monitored queue is never touched.
    await expect(
      handlers['jobs:act']({ queueId: 'orders', jobId: delayed.jobs[0]!.id, action: 'remove' }),
    ).rejects.toBeInstanceOf(ApiError);
    expect((await list('delayed')).counts.delayed).toBe(3);
  });

  it('validates requests on the host with clear messages', () => {
    const bad = runRequestSchemas.jobs.safeParse({ source: 'disk', queue: '', state: 'lost' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'source: must be "run" or "monitor"',
      'queue: must be a queue id or name',
      'state: must be one of waiting, active, delayed, completed, failed',
    ]);
    const action = runRequestSchemas.jobAction.safeParse({
      queueId: 'q',
      jobId: '1',
      action: 'promote',
    });
    expect(action.error!.issues[0]!.message).toBe('must be "retry" or "remove"');
  });
});
