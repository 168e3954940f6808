import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { pingRedis, startTestRedis } from './redis-server';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * Provides `key` to the tests: the URL in the environment variable `envVar` when it is set and a
 * Redis answers there, otherwise one `start` starts for the whole suite (stopped after it).
 */
export async function provideRedis(
  project: TestProject,
  key: 'redisUrl' | 'clusterUrl',
  envVar: string,
  start: () => Promise<{ url: string; stop(): Promise<void> }>,
) {
  const given = process.env[envVar];
  if (given) {
    const url = new URL(given);
    if (!(await pingRedis(url.hostname, Number(url.port || 6379)))) {
      throw new Error(`${envVar} is set to ${given}, but no Redis answers there.`);
    }
    project.provide(key, given);
    return;
  }
  const server = await start();
  project.provide(key, server.url);
  return () => server.stop();
}

/** Starts one redis-server for the whole suite, or uses REDIS_URL when it is set and answers. */
export default function setup(project: TestProject) {
  return provideRedis(project, 'redisUrl', 'REDIS_URL', () => startTestRedis());
}
