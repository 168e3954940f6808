import { describe, expect, it } from 'vitest';
import type { RedisStatus, RunStatus } from '../../../../shared/api/contract';
import { describeRedis } from '../../../../renderer/runs/redis-status';
import { IDLE_RUN_STATUS } from '../../../../shared/api/contract';

const connected: RedisStatus = {
  state: 'connected',
  url: 'redis://127.0.0.1:6390',
  managed: false,
  version: '7.0.15',
  maxmemoryPolicy: 'noeviction',
  warnings: [],
  message: 'Connected to Redis 7.0.15 at redis://127.0.0.1:6390',
  help: null,
};
const running: RunStatus = {
  ...IDLE_RUN_STATUS,
  runId: 'run-1',
  state: 'running',
  redis: 'connected',
};

describe('Redis in the status bar', () => {
  it('shows the version and whether Pipewright manages the server', () => {
    expect(describeRedis(connected, IDLE_RUN_STATUS)).toMatchObject({
      text: 'Redis 7.0.15 · external',
      tone: 'ok',
    });
    const managed = describeRedis({ ...connected, managed: true }, IDLE_RUN_STATUS);
    expect(managed.text).toBe('Redis 7.0.15 · managed');
    expect(managed.detail).toContain('started by Pipewright');
    expect(managed.detail).toContain('maxmemory-policy: noeviction');
  });

  it('warns when maxmemory-policy may evict jobs', () => {
    const view = describeRedis(
      {
        ...connected,
        maxmemoryPolicy: 'allkeys-lru',
        warnings: ['maxmemory-policy is allkeys-lru: Redis may evict job keys; use noeviction'],
      },
      IDLE_RUN_STATUS,
    );
    expect(view.tone).toBe('warning');
    expect(view.text).toBe('Redis 7.0.15 · external · ⚠ maxmemory-policy allkeys-lru');
    expect(view.detail).toContain('use noeviction');
  });

  it('says Redis is lost when the host or the running runner lost it', () => {
    const lost = describeRedis(
      { ...connected, state: 'lost', message: 'Lost the connection' },
      IDLE_RUN_STATUS,
    );
    expect(lost).toMatchObject({ text: 'Redis lost', tone: 'error' });
    // The runner notices first; its word wins while the host still thinks all is well.
    const runnerLost = describeRedis(connected, { ...running, redis: 'lost' });
    expect(runnerLost).toMatchObject({ text: 'Redis lost', tone: 'error' });
    expect(describeRedis(connected, { ...running, redis: 'reconnected' }).text).toBe(
      'Redis 7.0.15 · external · reconnected',
    );
    expect(describeRedis({ ...connected, state: 'reconnected' }, IDLE_RUN_STATUS).text).toContain(
      'reconnected',
    );
  });

  it('says when there is no Redis, with what to install', () => {
    const view = describeRedis(
      {
        ...connected,
        state: 'unavailable',
        version: null,
        message: 'No Redis server answered and redis-server was not found on PATH.',
        help: 'Debian/Ubuntu: sudo apt-get install redis-server',
      },
      IDLE_RUN_STATUS,
    );
    expect(view).toMatchObject({ text: 'No Redis', tone: 'error' });
    expect(view.help).toContain('apt-get install redis-server');
    expect(view.detail).toContain('the simulator does not');
  });

  it('says when Redis has not been looked for or is being looked for', () => {
    expect(describeRedis(null, IDLE_RUN_STATUS)).toMatchObject({
      text: 'Redis: not checked',
      tone: 'muted',
    });
    expect(describeRedis({ ...connected, state: 'connecting' }, IDLE_RUN_STATUS).text).toBe(
      'Redis: connecting…',
    );
  });
});
