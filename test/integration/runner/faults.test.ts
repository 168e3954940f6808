import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkerFigures } from '../../../shared/metrics';
import { freeLoopbackPort, startManagedRedis } from '../../../main/redis/managed';
import { probeRedis } from '../../../main/redis/probe';
import {
  edge,
  freshPrefix,
  keysUnder,
  pipeline,
  producer,
  queue,
  recordingService,
  sleep,
  until,
  worker,
} from './helpers';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** redis-server on a fixed port and folder, so a test can kill it and bring it back with its data. */
async function redisAt(port: number, dir: string, extra: string[] = []): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...extra],
    { stdio: 'ignore' },
  );
  await until(
    async () => (await probeRedis(`redis://127.0.0.1:${port}`, 200)).ok,
    'redis-server to answer',
  );
  return child;
}
const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

const steady = () =>
  pipeline(
    'steady',
    [
      producer('p', { arrival: { type: 'constant', ratePerSec: 40 } }),
      queue('q', { attempts: 3, backoff: { type: 'fixed', delayMs: 100 } }),
      worker('w', { concurrency: 4, replicas: 2, service: { type: 'fixed', ms: 20 } }),
    ],
    [edge('p', 'q'), edge('q', 'w')],
  );

describe('faults', () => {
  it('says within 2 s that Redis was killed, reconnects when it returns and carries on', async () => {
    const managed = await startManagedRedis();
    cleanups.push(() => managed.stop());
    const env = recordingService(managed.url);
    cleanups.push(() => env.close());
    await env.service.start({ document: steady() });
    await until(
      () => ((env.last().nodes.w as WorkerFigures | undefined)?.completed ?? 0) > 20,
      'jobs flowing',
    );

    const runLost = env.nextStatus((s) => s.redis === 'lost');
    const barLost = env.nextRedisStatus((s) => s.state === 'lost');
    const killedAt = Date.now();
    process.kill(managed.redisPid, 'SIGKILL');
    await managed.stop();
    // The promise is "within 2 s", timed by when each status event was emitted, not by a poll.
    const [run, bar] = await Promise.all([runLost, barLost]);
    expect(run.at - killedAt).toBeLessThan(2000);
    expect(bar.at - killedAt).toBeLessThan(2000);
    expect(env.logs.some((l) => /lost the connection to Redis/.test(l.message))).toBe(true);

    await sleep(500);
    const again = await startManagedRedis({ port: managed.port });
    cleanups.push(() => again.stop());
    await until(() => env.service.status().redis === 'reconnected', 'the runner to reconnect');
    await until(() => env.redis.status().state === 'reconnected', 'the status bar to reconnect');
    // The run carries on: new jobs flow through the restarted (empty) server.
    const before = (env.last().nodes.w as WorkerFigures).completed;
    await until(
      () => (env.last().nodes.w as WorkerFigures).completed > before + 20,
      'jobs flowing again',
    );
    expect(env.service.status().state).toBe('running');
    const result = await env.service.stop();
    expect(result.keysRemoved).toBeGreaterThan(0);
  });

  it('with an appendonly Redis, every job Redis acknowledged ends completed or failed after a crash', async () => {
    const port = await freeLoopbackPort();
    const dir = mkdtempSync(join(tmpdir(), 'pw-aof-'));
    const aof = ['--appendonly', 'yes', '--appendfsync', 'always'];
    let server = await redisAt(port, dir, aof);
    cleanups.push(async () => {
      await killed(server);
      rmSync(dir, { recursive: true, force: true });
    });
    const url = `redis://127.0.0.1:${port}`;
    const env = recordingService(url);
    cleanups.push(() => env.close());
    const doc = pipeline(
      'durable',
      [
        producer('p', { arrival: { type: 'constant', ratePerSec: 60 } }),
        queue('q', { attempts: 3, backoff: { type: 'fixed', delayMs: 50 } }),
        worker('w', {
          concurrency: 5,
          replicas: 2,
          service: { type: 'fixed', ms: 40 },
          failureRate: 0.1,
        }),
      ],
      [edge('p', 'q'), edge('q', 'w')],
    );
    const info = await env.service.start({ document: doc, keepKeys: true });
    const made = () => (env.last().nodes.p as { created: number } | undefined)?.created ?? 0;
    await until(() => made() >= 60, 'jobs made before the crash');
    await killed(server);
    await sleep(700);
    server = await redisAt(port, dir, aof);
    await until(() => env.service.status().redis === 'reconnected', 'the runner to reconnect');
    const before = made();
    await until(() => made() >= before + 60, 'jobs made after the crash');
    const result = await env.service.stop({ drain: true });
    expect(result.drained).toBe(true);
    const created = (result.summary.nodes.p as { created: number }).created;
    expect(created).toBeGreaterThan(100);

    // Count them: each job the producer got an acknowledgement for is completed or failed.
    const client = new Redis(url);
    cleanups.push(async () => client.disconnect());
    const base = `${info.prefix}:q`;
    const pipe = client.pipeline();
    for (let k = 0; k < created; k++) {
      pipe.zscore(`${base}:completed`, `p.0.${k}`);
      pipe.zscore(`${base}:failed`, `p.0.${k}`);
    }
    const replies = (await pipe.exec())!;
    const missing: string[] = [];
    for (let k = 0; k < created; k++) {
      if (replies[2 * k]![1] === null && replies[2 * k + 1]![1] === null) missing.push(`p.0.${k}`);
    }
    expect(missing).toEqual([]);
    const [completed, failed, waiting, active, delayed] = await Promise.all([
      client.zcard(`${base}:completed`),
      client.zcard(`${base}:failed`),
      client.llen(`${base}:wait`),
      client.llen(`${base}:active`),
      client.zcard(`${base}:delayed`),
    ]);
    expect(waiting + active + delayed).toBe(0);
    // Exactly the acknowledged jobs, each once: no job both completed and failed, none extra.
    const [completedIds, failedIds] = await Promise.all([
      client.zrange(`${base}:completed`, 0, -1),
      client.zrange(`${base}:failed`, 0, -1),
    ]);
    const ended = [...completedIds, ...failedIds];
    expect(new Set(ended).size).toBe(ended.length);
    expect(ended.sort()).toEqual(Array.from({ length: created }, (_, k) => `p.0.${k}`).sort());
    expect(completed + failed).toBe(created);
    // The summary is read back from Redis: its counts are Redis's, outage or not.
    expect(result.summary.reconciled).toBe(true);
    expect(result.summary.nodes.q).toMatchObject({ enqueued: created });
    expect(result.summary.nodes.w).toMatchObject({ completed, failed });
    expect(result.summary.incidents).toEqual([
      expect.objectContaining({
        key: 'outage:1',
        kind: 'outage',
        endT: expect.any(Number),
        message: expect.stringMatching(/^Redis was unreachable from [\d.]+ m?s to [\d.]+ m?s/),
      }),
    ]);
    await client.unlink(...(await keysUnder(url, info.prefix)));
  });

  it('reports a runner crash, restarts it on the same keys, and the run carries on', async () => {
    const managed = await startManagedRedis();
    cleanups.push(() => managed.stop());
    const env = recordingService(managed.url);
    cleanups.push(() => env.close());
    const info = await env.service.start({ document: steady() });
    await until(
      () => ((env.last().nodes.w as WorkerFigures | undefined)?.completed ?? 0) > 10,
      'jobs flowing',
    );
    // Steered before the crash: 2 × 4 slots become 1 × 3.
    await env.service.control({ type: 'concurrency', workerId: 'w', concurrency: 3 });
    await env.service.control({ type: 'killReplica', workerId: 'w' });
    await until(() => (env.last().nodes.w as WorkerFigures | undefined)?.capacity === 3, '3 slots');
    const pid = env.service.runnerPid!;
    const crashed = env.nextStatus((s) => s.state === 'crashed');
    process.kill(pid, 'SIGKILL');
    await crashed;
    expect(env.service.status()).toMatchObject({ canRestart: true, runId: info.runId });
    expect(env.service.status().message).toMatch(
      /runner stopped unexpectedly \(the runner process was killed \(SIGKILL\)\)/,
    );
    await expect(env.service.control({ type: 'pause', queueId: 'q' })).rejects.toThrow(/crashed/);

    const restarted = await env.service.restart();
    expect(restarted).toMatchObject({ runId: info.runId, prefix: info.prefix });
    expect(env.service.runnerPid).not.toBe(pid);
    expect(env.service.status().state).toBe('running');
    const seen = env.snapshots.length;
    // The new runner carries the live changes on instead of going back to the design (8 slots).
    await until(() => env.snapshots.length > seen + 2, 'snapshots of the new runner');
    expect(
      env.snapshots.slice(seen + 1).map((s) => (s.snapshot.nodes.w as WorkerFigures).capacity),
    ).toEqual(expect.arrayContaining([3]));
    expect(
      env.snapshots
        .slice(seen + 2)
        .every((s) => (s.snapshot.nodes.w as WorkerFigures).capacity === 3),
    ).toBe(true);
    await until(() => env.snapshots.length > seen + 4, 'snapshots from the new runner');
    // The clock carries on from the first start.
    expect(env.last().t).toBeGreaterThan(1000);
    await until(
      () => ((env.last().nodes.w as WorkerFigures | undefined)?.completed ?? 0) > 10,
      'jobs flowing again',
    );
    await expect(env.service.restart()).rejects.toThrow(/no crashed run/);
    await env.service.stop();
    expect(await keysUnder(managed.url, info.prefix)).toEqual([]);
  });

  it('ends a run carried on after a runner crash with the counts Redis holds, both runners included', async () => {
    const managed = await startManagedRedis();
    cleanups.push(() => managed.stop());
    const env = recordingService(managed.url);
    cleanups.push(() => env.close());
    const info = await env.service.start({ document: steady(), keepKeys: true });
    await until(
      () => ((env.last().nodes.w as WorkerFigures | undefined)?.completed ?? 0) > 20,
      'jobs flowing',
    );
    const crashed = env.nextStatus((s) => s.state === 'crashed');
    process.kill(env.service.runnerPid!, 'SIGKILL');
    await crashed;
    await env.service.restart();
    const client = new Redis(managed.url);
    cleanups.push(async () => client.disconnect());
    const base = `${info.prefix}:q`;
    const completedBy = async (runner: number) =>
      (await client.zrange(`${base}:completed`, 0, -1)).filter((id) =>
        id.startsWith(`p.${runner}.`),
      ).length;
    await until(async () => (await completedBy(1)) > 20, 'the second runner to complete jobs');
    const result = await env.service.stop({ drain: true });
    const [completed, failed, waiting] = await Promise.all([
      client.zrange(`${base}:completed`, 0, -1),
      client.zrange(`${base}:failed`, 0, -1),
      client.llen(`${base}:wait`),
    ]);
    expect(waiting).toBe(0);
    const first = completed.filter((id) => id.startsWith('p.0.')).length;
    const second = completed.filter((id) => id.startsWith('p.1.')).length;
    expect(first).toBeGreaterThan(20);
    expect(second).toBeGreaterThan(20);
    // The second runner's events saw only its own jobs; the summary counts what Redis holds.
    expect(result.summary.reconciled).toBe(true);
    expect(result.summary.nodes.p).toMatchObject({ created: completed.length + failed.length });
    expect(result.summary.nodes.q).toMatchObject({ enqueued: completed.length + failed.length });
    expect(result.summary.nodes.w).toMatchObject({
      completed: completed.length,
      failed: failed.length,
    });
    await client.unlink(...(await keysUnder(managed.url, info.prefix)));
  });

  it('cleans up the keys of a crashed run that is stopped instead of restarted', async () => {
    const managed = await startManagedRedis();
    cleanups.push(() => managed.stop());
    const env = recordingService(managed.url);
    cleanups.push(() => env.close());
    const info = await env.service.start({ document: steady() });
    await until(() => env.snapshots.length > 3, 'snapshots');
    const crashed = env.nextStatus((s) => s.state === 'crashed');
    process.kill(env.service.runnerPid!, 'SIGKILL');
    await crashed;
    expect((await keysUnder(managed.url, info.prefix)).length).toBeGreaterThan(0);
    const result = await env.service.stop();
    expect(result.keysRemoved).toBeGreaterThan(0);
    expect(result.summary.nodes.w).toMatchObject({ kind: 'worker' });
    expect(await keysUnder(managed.url, info.prefix)).toEqual([]);
    expect(env.service.status().state).toBe('stopped');
  });

  it('does not leave the runner behind when its host is SIGKILLed', async () => {
    const managed = await startManagedRedis();
    cleanups.push(() => managed.stop());
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const host = spawn(
      process.execPath,
      [
        '--import',
        tsx,
        fileURLToPath(new URL('./run-host.ts', import.meta.url)),
        managed.url,
        freshPrefix(),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    cleanups.push(async () => host.kill('SIGKILL'));
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      host.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      host.once('exit', () => reject(new Error(`host exited early: ${out}`)));
    });
    const { runnerPid } = JSON.parse(line) as { runnerPid: number };
    const alive = () => {
      try {
        process.kill(runnerPid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive()).toBe(true);
    host.kill('SIGKILL');
    // The runner sees its IPC channel close and exits.
    await until(() => !alive(), 'the orphaned runner to exit');
  });
});
