import { afterEach, describe, expect, inject, it } from 'vitest';
import type { QueueFigures, WorkerFigures } from '../../../shared/metrics';
import {
  edge,
  keysUnder,
  pipeline,
  producer,
  queue,
  recordingService,
  sleep,
  until,
  worker,
} from './helpers';

const redisUrl = inject('redisUrl');
let env: ReturnType<typeof recordingService> | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const chain = () =>
  pipeline(
    'chain',
    [
      producer('signup', { arrival: { type: 'constant', ratePerSec: 40 } }),
      queue('emails', { attempts: 2, backoff: { type: 'fixed', delayMs: 50 } }),
      worker('sender', { concurrency: 5, replicas: 2, failureRate: 0.2 }),
      queue('audit'),
      worker('auditor', { concurrency: 2, service: { type: 'exponential', meanMs: 5 } }),
      queue('dead'),
    ],
    [
      edge('signup', 'emails'),
      edge('emails', 'sender'),
      edge('sender', 'audit'),
      edge('audit', 'auditor'),
      edge('sender', 'dead', { on: 'failed' }),
    ],
  );

describe('runner: a real run on BullMQ', () => {
  it('runs a chain with retries and a dead-letter queue, streaming snapshots about 4 times a second', async () => {
    env = recordingService(redisUrl);
    const doc = chain();
    const info = await env.service.start({ document: doc });
    expect(info.prefix).toBe(`${doc.settings!.prefix}-${info.runId}`);
    expect(env.service.status().state).toBe('running');
    await sleep(2500);
    const result = await env.service.stop();

    // ≈ 4 snapshots per second over 2.5 s.
    expect(env.snapshots.length).toBeGreaterThanOrEqual(7);
    expect(env.snapshots.length).toBeLessThanOrEqual(13);
    const last = env.snapshots.at(-1)!.snapshot;
    const emails = last.nodes.emails as QueueFigures;
    const sender = last.nodes.sender as WorkerFigures;
    const auditor = last.nodes.auditor as WorkerFigures;
    expect(emails.enqueued).toBeGreaterThan(60);
    expect(sender.capacity).toBe(10);
    expect(sender.completed).toBeGreaterThan(30);
    expect(sender.retried).toBeGreaterThan(0);
    // Every completion of `sender` chained one job into `audit`, processed by `auditor`. A live
    // snapshot may catch a job between its chained add (in the processor) and its completed
    // event: at most one per busy slot ahead; the reconciled summary below is exact.
    const chained = (last.nodes.audit as QueueFigures).enqueued - sender.completed;
    expect(chained).toBeGreaterThanOrEqual(0);
    expect(chained).toBeLessThanOrEqual(sender.capacity);
    expect(auditor.completed).toBeGreaterThan(0);
    expect(env.snapshots.some((s) => (s.snapshot.edges['sender->audit'] ?? 0) > 0)).toBe(true);
    expect(env.snapshots.at(-1)!.redis!.usedMemoryBytes).toBeGreaterThan(0);

    const summary = result.summary;
    expect(summary).toMatchObject({
      format: 'pipewright-summary/v1',
      mode: 'run',
      document: 'chain',
    });
    expect(summary.durationMs).toBeGreaterThan(2000);
    const sent = summary.nodes.sender!;
    expect(sent.kind).toBe('worker');
    if (sent.kind === 'worker') {
      expect(sent.serviceMs.mean).toBeGreaterThanOrEqual(4);
      // Wall-clock job timings stretch when the machine is loaded (2 shared cores): the bound is
      // generous on purpose; it catches a unit mix-up (seconds for ms), not a slow machine.
      expect(sent.serviceMs.p99).toBeLessThan(2000);
      expect(sent.utilisation).toBeGreaterThan(0);
      // Final failures (both attempts failed) went to the dead-letter queue.
      const dead = summary.nodes.dead!;
      if (dead.kind === 'queue') expect(dead.enqueued).toBe(sent.failed);
      const audit = summary.nodes.audit!;
      expect(audit.kind === 'queue' && audit.enqueued).toBe(sent.completed);
    }
    expect(summary.endToEndMs.mean).toBeGreaterThan(0);
    expect(env.logs.some((l) => l.level === 'warn' && /failed .* will retry/.test(l.message))).toBe(
      true,
    );
    // Keys removed.
    expect(result.keysRemoved).toBeGreaterThan(0);
    expect(await keysUnder(redisUrl, info.prefix)).toEqual([]);
    expect(env.service.status().state).toBe('stopped');
  });

  it('dead-letters every job when the failure rate is 1, and keeps keys when asked', async () => {
    env = recordingService(redisUrl);
    const doc = pipeline(
      'all-fail',
      [
        producer('p', { arrival: { type: 'constant', ratePerSec: 30 } }),
        queue('q', { attempts: 1 }),
        worker('w', { failureRate: 1 }),
        queue('dlq'),
        worker('alerts', {}),
      ],
      [edge('p', 'q'), edge('q', 'w'), edge('w', 'dlq', { on: 'failed' }), edge('dlq', 'alerts')],
    );
    const info = await env.service.start({ document: doc, keepKeys: true });
    await sleep(1200);
    const result = await env.service.stop({ drain: true });
    expect(result.drained).toBe(true);
    expect(result.keysKept).toBe(true);
    const s = result.summary.nodes;
    const w = s.w!;
    const alerts = s.alerts!;
    const created = s.p!.kind === 'producer' ? s.p!.created : -1;
    expect(created).toBeGreaterThan(10);
    if (w.kind === 'worker' && alerts.kind === 'worker') {
      expect(w.completed).toBe(0);
      expect(w.failed).toBe(created);
      expect(alerts.completed).toBe(created);
    }
    const keys = await keysUnder(redisUrl, info.prefix);
    expect(keys.length).toBeGreaterThan(0);
    // Clean up what the run kept.
    const { Redis } = await import('ioredis');
    const client = new Redis(redisUrl);
    await client.unlink(...keys);
    client.disconnect();
  });

  it('refuses a second run, an invalid document and a pipeline that cannot run', async () => {
    env = recordingService(redisUrl);
    await expect(
      env.service.start({ document: { format: 'pipewright/v1' } }),
    ).rejects.toMatchObject({
      code: 'invalid-document',
    });
    const orphan = pipeline('orphan', [queue('q'), worker('w', {})], []);
    await expect(env.service.start({ document: orphan })).rejects.toThrow(
      /input queue|exactly one/i,
    );
    const colon = pipeline(
      'colon',
      [
        producer('p', { arrival: { type: 'constant', ratePerSec: 1 } }),
        queue('q', {}, 'a:b'),
        worker('w', {}),
      ],
      [edge('p', 'q'), edge('q', 'w')],
    );
    await expect(env.service.start({ document: colon })).rejects.toThrow(/":"/);
    await env.service.start({ document: chain() });
    await expect(env.service.start({ document: chain() })).rejects.toThrow(/stop it before/);
    await until(() => env!.snapshots.length > 0, 'a snapshot');
  });
});
