import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { redisInstallHelp } from '../../../main/redis/install-help';
import { locateRedis, RedisUnavailableError } from '../../../main/redis/locate';
import {
  findOnPath,
  freeLoopbackPort,
  RedisNotInstalledError,
  startManagedRedis,
  type ManagedRedis,
} from '../../../main/redis/managed';
import { probeRedis } from '../../../main/redis/probe';
import { alive, until } from '../../helpers/processes';

const redisUrl = inject('redisUrl');
const started: ManagedRedis[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((r) => r.stop()));
});

describe('managed Redis', () => {
  it('starts redis-server on a free loopback port in a temp folder, and stop() removes both', async () => {
    const redis = await startManagedRedis();
    started.push(redis);
    expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(redis.probe.version).toMatch(/^\d+\.\d+/);
    expect(redis.probe.maxmemoryPolicy).toBe('noeviction');
    expect(redis.probe.warnings).toEqual([]);
    expect(existsSync(redis.dir)).toBe(true);
    expect(alive(redis.redisPid)).toBe(true);
    await redis.stop();
    expect(existsSync(redis.dir)).toBe(false);
    expect(alive(redis.redisPid)).toBe(false);
    expect((await probeRedis(redis.url, 300)).ok).toBe(false);
  });

  it('warns when maxmemory-policy is not noeviction', async () => {
    const redis = await startManagedRedis({ extraArgs: ['--maxmemory-policy', 'allkeys-lru'] });
    started.push(redis);
    expect(redis.probe.maxmemoryPolicy).toBe('allkeys-lru');
    expect(redis.probe.warnings[0]).toMatch(/allkeys-lru.*evict.*noeviction/s);
  });

  it('is not left behind when its host is SIGKILLed', async () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const host = spawn(
      process.execPath,
      ['--import', tsx, fileURLToPath(new URL('./managed-host.ts', import.meta.url))],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      host.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      host.once('exit', () => reject(new Error(`host exited early: ${out}`)));
    });
    const info = JSON.parse(line) as {
      url: string;
      redisPid: number;
      guardPid: number;
      dir: string;
    };
    expect(alive(info.redisPid)).toBe(true);
    expect((await probeRedis(info.url)).ok).toBe(true);
    host.kill('SIGKILL');
    // The guard sees its stdin close at once; the pid poll would catch it within a second too.
    await until(() => !alive(info.redisPid), 'redis-server to stop after its host was killed');
    await until(() => !alive(info.guardPid), 'the guard to exit');
    expect(existsSync(info.dir)).toBe(false);
    expect((await probeRedis(info.url, 300)).ok).toBe(false);
  });

  it('says redis-server is not installed, with per-OS install help', async () => {
    await expect(startManagedRedis({ binary: 'redis-server-that-does-not-exist' })).rejects.toThrow(
      RedisNotInstalledError,
    );
    expect(findOnPath('redis-server')).toMatch(/redis-server$/);
    expect(findOnPath('redis-server', { PATH: '' })).toBeNull();
    expect(redisInstallHelp('linux')).toMatch(/apt-get install redis-server/);
    expect(redisInstallHelp('darwin')).toMatch(/brew install redis/);
    expect(redisInstallHelp('win32')).toMatch(/WSL.*Memurai/s);
    for (const platform of ['linux', 'darwin', 'win32']) {
      expect(redisInstallHelp(platform)).toMatch(/simulator needs no Redis/);
    }
  });
});

describe('locateRedis', () => {
  it('uses the given URL when it answers', async () => {
    const endpoint = await locateRedis({ url: redisUrl });
    expect(endpoint.url).toBe(redisUrl);
    expect(endpoint.managed).toBeNull();
    expect(endpoint.probe.version).toMatch(/^\d/);
  });

  it('starts redis-server from PATH when the URL does not answer (within the ping timeout)', async () => {
    const dead = `redis://127.0.0.1:${await freeLoopbackPort()}`;
    const t0 = Date.now();
    const endpoint = await locateRedis({ url: dead, probeTimeoutMs: 500 });
    started.push(endpoint.managed!);
    expect(endpoint.managed).not.toBeNull();
    expect(endpoint.url).not.toBe(dead);
    expect(Date.now() - t0).toBeLessThan(8000);
    expect((await probeRedis(endpoint.url)).ok).toBe(true);
  });

  it('explains what to install when nothing answers and starting is not allowed', async () => {
    const dead = `redis://127.0.0.1:${await freeLoopbackPort()}`;
    const error = await locateRedis({ url: dead, allowStart: false, platform: 'darwin' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect((error as RedisUnavailableError).message).toMatch(/did not answer/);
    expect((error as RedisUnavailableError).help).toMatch(/brew install redis/);
  });
});
