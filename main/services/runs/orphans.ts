import { ApiError, type OrphanRuns } from '../../../shared/api/contract';
import type { RedisClient } from '../../redis/client';
import { connectShortLived, deleteKeysByPrefix } from '../../redis/keys';
import { redactUrl } from '../../redis/probe';
import { findRuns, planClean } from '../../redis/run-markers';

/**
 * A short-lived client for one look or one clean-up: nothing stays connected in between. On a
 * cluster it reaches every master, so orphans on any of them are found and removed.
 */
async function withClient<T>(url: string, use: (client: RedisClient) => Promise<T>): Promise<T> {
  let client: RedisClient | null = null;
  try {
    client = await connectShortLived(url);
    return await use(client);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError({
      code: 'io',
      message: `Redis at ${redactUrl(url)}: ${(error as Error).message}`,
    });
  } finally {
    client?.disconnect();
  }
}

/**
 * Runs a killed host or CLI left behind in the app's Redis: their marker is there, their
 * runner's heartbeat is not. `current` is the prefix of the app's own run, never an orphan.
 */
export function listOrphans(url: string, current: string | null): Promise<OrphanRuns> {
  return withClient(url, async (client) => ({
    redisUrl: redactUrl(url),
    runs: (await findRuns(client))
      .filter((run) => !run.live && run.prefix !== current)
      .map(({ prefix, runId, document, startedAt }) => ({ prefix, runId, document, startedAt })),
  }));
}

/** Removes an orphaned run's keys; refuses anything else (no marker, a live runner, our run). */
export function cleanOrphan(
  url: string,
  prefix: string,
  current: string | null,
): Promise<{ prefix: string; removed: number }> {
  return withClient(url, async (client) => {
    const plan = await planClean(client, prefix);
    const refusal =
      prefix === current
        ? 'it is the prefix of the run on now; stop the run instead'
        : plan.refusal;
    if (refusal) {
      throw new ApiError({
        code: 'invalid-request',
        message: `not cleaning "${prefix}": ${refusal.replace(/; check with --dry-run.*$/, '')}`,
      });
    }
    return { prefix, removed: await deleteKeysByPrefix(client, prefix) };
  });
}
