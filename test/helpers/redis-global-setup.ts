import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { pingRedis, startTestRedis } from './redis-server';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** Starts one redis-server for the whole suite, or uses REDIS_URL when it is set and answers. */
export default async function setup(project: TestProject) {
  const given = process.env.REDIS_URL;
  if (given) {
    const url = new URL(given);
    if (!(await pingRedis(url.hostname, Number(url.port || 6379)))) {
      throw new Error(`REDIS_URL is set to ${given}, but no Redis answers there.`);
    }
    project.provide('redisUrl', given);
    return;
  }
  const redis = await startTestRedis();
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
