import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { QueueFigures, WorkerFigures, ProducerFigures } from '../../../shared/metrics';
import { createHostServices } from '../../../main/services/host-services';
import {
  edge,
  pipeline,
  producer,
  queue,
  recordingService,
  simplePipeline,
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

type Env = { last(): { nodes: Record<string, unknown> } };
const EMPTY_QUEUE = { waiting: 0, paused: false } as QueueFigures;
const EMPTY_WORKER = { active: 0, capacity: 0, completed: 0, failed: 0 } as WorkerFigures;
const q = (env: Env, id: string) =>
  (env.last().nodes[id] as QueueFigures | undefined) ?? EMPTY_QUEUE;
const w = (env: Env, id: string) =>
  (env.last().nodes[id] as WorkerFigures | undefined) ?? EMPTY_WORKER;

describe('runner controls', () => {
  it('pauses a queue (its depth grows), resumes it (it drains), and changes rate, concurrency and failure rate', async () => {
    env = recordingService(redisUrl);
    await env.service.start({ document: simplePipeline({ rate: 40, worker: { concurrency: 2 } }) });
    await until(() => env!.snapshots.length >= 2, 'snapshots');

    await env.service.control({ type: 'pause', queueId: 'q' });
    expect(env.service.status().pausedQueues).toEqual(['q']);
    const pausedAt = Date.now();
    await until(() => q(env!, 'q').waiting >= 20 && q(env!, 'q').paused, 'backlog while paused');
    expect(w(env, 'w').throughputPerSec).toBe(0);
    // Nothing starts, so the frame says how old the line is: about as long as it was paused.
    await until(() => q(env!, 'q').oldestWaitingMs !== undefined, 'the oldest waiting age');
    expect(q(env, 'q').oldestWaitingMs).toBeGreaterThan(300);
    expect(q(env, 'q').oldestWaitingMs).toBeLessThanOrEqual(Date.now() - pausedAt + 100);
    await env.service.control({ type: 'resume', queueId: 'q' });
    await until(() => q(env!, 'q').waiting < 5 && !q(env!, 'q').paused, 'the queue to drain');

    await env.service.control({ type: 'rate', producerId: 'p', ratePerSec: 150 });
    await sleep(1200);
    const rates = env.snapshots
      .slice(-3)
      .map((s) => (s.snapshot.nodes.p as ProducerFigures).ratePerSec);
    expect(Math.max(...rates)).toBeGreaterThan(100);

    await env.service.control({ type: 'concurrency', workerId: 'w', concurrency: 7 });
    await until(() => w(env!, 'w').capacity === 7, 'capacity 7');

    const failedBefore = w(env, 'w').failed;
    await env.service.control({ type: 'failureRate', workerId: 'w', failureRate: 1 });
    await until(() => w(env!, 'w').failed > failedBefore + 20, 'injected failures');
    expect(env.logs.some((l) => /now fails 100% of attempts/.test(l.message))).toBe(true);
    expect(env.logs.some((l) => l.level === 'error' && /synthetic failure/.test(l.message))).toBe(
      true,
    );
  });

  it('refuses bad values with clear errors, through the host API (zod) and the service', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-controls-'));
    const host = createHostServices({ userDataDir: dir, examplesDir: dir, warn: () => {} });
    try {
      const doc = pipeline(
        'controls',
        [
          producer('p', { arrival: { type: 'constant', ratePerSec: 5 } }),
          producer('nightly', { arrival: { type: 'schedule', cron: '0 2 * * *' } }),
          queue('q'),
          worker('w', { replicas: 1 }),
        ],
        [edge('p', 'q'), edge('nightly', 'q'), edge('q', 'w')],
      );
      // Before any run.
      expect(await host.dispatch('run:control', { type: 'pause', queueId: 'q' })).toMatchObject({
        ok: false,
        error: { code: 'invalid-request', message: expect.stringMatching(/no run is on/) },
      });
      const started = await host.dispatch('run:start', { document: doc, redisUrl });
      expect(started).toMatchObject({ ok: true });

      const refused = async (payload: unknown, message: RegExp) => {
        const answer = await host.dispatch('run:control', payload);
        expect(answer.ok).toBe(false);
        if (!answer.ok) {
          expect(answer.error.code).toBe('invalid-request');
          expect(answer.error.message).toMatch(message);
        }
      };
      await refused(
        { type: 'rate', producerId: 'p', ratePerSec: -1 },
        /ratePerSec: must be a number from 0 to 100000/,
      );
      await refused(
        { type: 'concurrency', workerId: 'w', concurrency: 0 },
        /concurrency: must be an integer from 1 to 10000/,
      );
      await refused({ type: 'concurrency', workerId: 'w', concurrency: 2.5 }, /must be an integer/);
      await refused(
        { type: 'failureRate', workerId: 'w', failureRate: 1.5 },
        /failureRate: must be a number from 0 to 1/,
      );
      await refused({ type: 'explode' }, /needs "type" set to one of/);
      await refused({ type: 'pause', queueId: 'q', extra: 1 }, /extra: unknown field/);
      await refused(
        { type: 'pause', queueId: 'nope' },
        /no queue with id "nope" in the running pipeline; its queues are: q \("q"\)/,
      );
      await refused({ type: 'pause', queueId: 'w' }, /no queue with id "w"/);
      await refused(
        { type: 'rate', producerId: 'nightly', ratePerSec: 3 },
        /cron schedule "0 2 \* \* \*"; it has no rate/,
      );
      await refused(
        { type: 'killReplica', workerId: 'w', replica: 3 },
        /no live replica 3 \(live: 0\)/,
      );
      // The service refuses the same way when called directly (CLI, tests).
      await expect(
        host.runs.runs.control({ type: 'rate', producerId: 'p', ratePerSec: -1 }),
      ).rejects.toThrow(/ratePerSec: must be a number from 0 to 100000/);
      // A good one still works after all that.
      expect(
        await host.dispatch('run:control', { type: 'rate', producerId: 'p', ratePerSec: 0 }),
      ).toEqual({
        ok: true,
        value: { ok: true },
      });
      const stopped = await host.dispatch('run:stop', {});
      expect(stopped).toMatchObject({ ok: true, value: { keysKept: false } });
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('kills a worker replica: its active jobs come back as stalled and are retried, none lost', async () => {
    env = recordingService(redisUrl);
    const doc = pipeline(
      'kill',
      [
        producer('p', { arrival: { type: 'constant', ratePerSec: 20 }, limit: 40 }),
        queue('q'),
        worker('w', { concurrency: 5, replicas: 2, service: { type: 'fixed', ms: 600 } }),
      ],
      [edge('p', 'q'), edge('q', 'w')],
    );
    await env.service.start({ document: doc });
    await until(() => (w(env!, 'w').active ?? 0) >= 6, 'both replicas busy');
    const t0 = Date.now();
    await env.service.control({ type: 'killReplica', workerId: 'w', replica: 1 });
    expect(
      env.logs.some((l) =>
        /killed replica #1 of worker "w" with [1-5] active jobs/.test(l.message),
      ),
    ).toBe(true);
    await until(() => w(env!, 'w').capacity === 5, 'capacity down to one replica');
    await until(() => env!.logs.some((l) => /stalled/.test(l.message)), 'a stalled job', 15_000);
    const stalledAfter = Date.now() - t0;
    expect(stalledAfter).toBeLessThan(8000);
    // Every job the producer created completes, including those the killed replica held.
    await until(() => w(env!, 'w').completed >= 40, 'all 40 jobs completed', 20_000);
    const result = await env.service.stop({ drain: true });
    expect(result.drained).toBe(true);
    const s = result.summary.nodes;
    expect(s.p).toMatchObject({ created: 40 });
    expect(s.w).toMatchObject({ completed: 40, failed: 0 });
    await expect(env.service.control({ type: 'killReplica', workerId: 'w' })).rejects.toThrow(
      /no run is on/,
    );
  });

  it('starts a replica again after the only one was killed, and the report replays the changes', async () => {
    env = recordingService(redisUrl);
    const doc = pipeline(
      'revive',
      [
        producer('p', { arrival: { type: 'constant', ratePerSec: 20 } }),
        queue('q'),
        worker('w', { concurrency: 2, replicas: 1, service: { type: 'fixed', ms: 20 } }),
      ],
      [edge('p', 'q'), edge('q', 'w')],
    );
    await env.service.start({ document: doc });
    await until(() => w(env!, 'w').completed >= 5, 'first completions');
    await env.service.control({ type: 'killReplica', workerId: 'w' });
    await until(() => w(env!, 'w').capacity === 0, 'the worker down');
    await expect(env.service.control({ type: 'killReplica', workerId: 'w' })).rejects.toThrow(
      'worker "w" has no replica left to kill',
    );
    await until(() => q(env!, 'q').waiting >= 10, 'a backlog while down');
    const completedWhileDown = w(env, 'w').completed;
    await env.service.control({ type: 'startReplica', workerId: 'w' });
    expect(
      env.logs.some((l) => /started replica #1 of worker "w" \(1 alive\)/.test(l.message)),
    ).toBe(true);
    await until(() => w(env!, 'w').capacity === 2, 'capacity back');
    await until(() => w(env!, 'w').completed > completedWhileDown + 10, 'completions again');
    await until(() => q(env!, 'q').waiting < 3, 'the backlog served');
    await env.service.control({ type: 'startReplica', workerId: 'w' });
    await until(() => w(env!, 'w').capacity === 4, 'a second replica');

    await env.service.stop();
    const report = env.service.report();
    expect(report.changes.map((c) => [c.change, c.description])).toEqual([
      [{ type: 'replicas', replicas: 0 }, 'worker "w": a replica killed: 0 alive (down)'],
      [{ type: 'replicas', replicas: 1 }, 'worker "w": a replica started: 1 alive'],
      [{ type: 'replicas', replicas: 2 }, 'worker "w": a replica started: 2 alive'],
    ]);
    // On the run's clock, in order, within the run.
    const times = report.changes.map((c) => c.atMs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[2]).toBeLessThan(report.summary.durationMs);
    // The prediction has the same down time, so its mean wait is far above the design's.
    const predicted = report.comparison.find(
      (r) => r.nodeId === 'q' && r.figure === 'mean wait ms',
    )!;
    expect(predicted.predicted).toBeGreaterThan(50);
  });
});
