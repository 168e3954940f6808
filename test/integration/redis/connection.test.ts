import { afterEach, describe, expect, it } from 'vitest';
import type { RedisStatus } from '../../../shared/api/contract';
import { ConnectionMonitor, type ConnectionEvent } from '../../../main/redis/connection-monitor';
import {
  freeLoopbackPort,
  startManagedRedis,
  type ManagedRedis,
} from '../../../main/redis/managed';
import { RedisUnavailableError } from '../../../main/redis/locate';
import { RedisService } from '../../../main/services/runs/redis';

const cleanups: Array<() => Promise<void>> = [];
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

/** Kills redis-server as a crash would (SIGKILL), and waits until the port is free. */
async function crash(redis: ManagedRedis): Promise<void> {
  process.kill(redis.redisPid, 'SIGKILL');
  await redis.stop();
}

describe('Redis connection status', () => {
  it('reports connected, then lost within 2 s of Redis dying, then reconnected when it returns', async () => {
    const redis = await startManagedRedis();
    const events: Array<ConnectionEvent & { seenAt: number }> = [];
    const monitor = new ConnectionMonitor(redis.url);
    cleanups.push(() => monitor.close());
    monitor.on((e) => events.push({ ...e, seenAt: Date.now() }));
    await until(() => monitor.current === 'connected', 'connected');

    const killedAt = Date.now();
    await crash(redis);
    await until(() => monitor.current === 'lost', 'lost');
    const lost = events.find((e) => e.state === 'lost')!;
    expect(lost.seenAt - killedAt).toBeLessThan(2000);
    expect(lost.message).toMatch(/Lost the connection/);

    const again = await startManagedRedis({ port: redis.port });
    cleanups.push(() => again.stop());
    await until(() => monitor.current === 'reconnected', 'reconnected');
    expect(events.map((e) => e.state)).toEqual(['connected', 'lost', 'reconnected']);
  });

  it('notices a server that stops answering (paused) through its heartbeat', async () => {
    const redis = await startManagedRedis();
    cleanups.push(async () => {
      process.kill(redis.redisPid, 'SIGCONT');
      await redis.stop();
    });
    const monitor = new ConnectionMonitor(redis.url, { heartbeatMs: 300, timeoutMs: 700 });
    cleanups.push(() => monitor.close());
    await until(() => monitor.current === 'connected', 'connected');
    const pausedAt = Date.now();
    process.kill(redis.redisPid, 'SIGSTOP');
    await until(() => monitor.current === 'lost', 'lost');
    expect(Date.now() - pausedAt).toBeLessThan(2000);
    process.kill(redis.redisPid, 'SIGCONT');
    await until(() => monitor.current === 'reconnected', 'reconnected');
  });
});

describe('RedisService', () => {
  it('uses the configured URL, shows its version, and streams status changes', async () => {
    const redis = await startManagedRedis();
    const service = new RedisService({ defaultUrl: () => redis.url, allowStart: false });
    cleanups.push(async () => {
      await service.close();
      await redis.stop().catch(() => undefined);
    });
    const statuses: RedisStatus[] = [];
    service.onStatus((s) => statuses.push(s));
    const endpoint = await service.ensure();
    expect(endpoint.url).toBe(redis.url);
    expect(service.status()).toMatchObject({ state: 'connected', managed: false, help: null });
    expect(service.status().version).toMatch(/^\d/);
    expect(await service.ensure()).toBe(endpoint);
    await crash(redis);
    await until(() => service.status().state === 'lost', 'lost');
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'connected', 'lost']);
  });

  it('starts a managed server when the URL does not answer, and stops it on close', async () => {
    const dead = `redis://127.0.0.1:${await freeLoopbackPort()}`;
    const service = new RedisService({ defaultUrl: () => dead });
    const endpoint = await service.ensure();
    expect(endpoint.managed).not.toBeNull();
    expect(service.status()).toMatchObject({ state: 'connected', managed: true });
    expect(service.status().message).toMatch(/Started redis-server/);
    // The same request reuses the server it started.
    expect(await service.ensure()).toBe(endpoint);
    const pid = endpoint.managed!.redisPid;
    await service.close();
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('says what to install when no Redis can be found', async () => {
    const dead = `redis://127.0.0.1:${await freeLoopbackPort()}`;
    const service = new RedisService({
      defaultUrl: () => dead,
      allowStart: false,
      platform: 'linux',
    });
    cleanups.push(() => service.close());
    await expect(service.ensure()).rejects.toBeInstanceOf(RedisUnavailableError);
    expect(service.status().state).toBe('unavailable');
    expect(service.status().help).toMatch(/apt-get install redis-server/);
  });
});
