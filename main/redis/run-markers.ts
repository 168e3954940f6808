import type { Redis } from 'ioredis';

/**
 * Every run marks its keys: `<prefix>:pipewright-run` says a Pipewright run lives under that
 * prefix (it goes when the run's keys go), `<prefix>:pipewright-runner` is its runner's
 * heartbeat, which expires a few seconds after the runner dies. A marker with no heartbeat is an
 * orphan: a run whose host or runner was killed and whose keys nobody will remove. BullMQ never
 * writes `<prefix>:<name>` keys of its own (its keys are `<prefix>:<queue>:<type>`).
 */
export const RUN_MARKER = 'pipewright-run';
export const RUNNER_HEARTBEAT = 'pipewright-runner';

export interface RunMarker {
  runId: string;
  document: string;
  /** Epoch ms. */
  startedAt: number;
}

export async function writeRunMarker(
  client: Redis,
  prefix: string,
  marker: RunMarker,
): Promise<void> {
  await client.set(`${prefix}:${RUN_MARKER}`, JSON.stringify(marker));
}

export async function beatRunner(client: Redis, prefix: string, ttlMs: number): Promise<void> {
  await client.set(`${prefix}:${RUNNER_HEARTBEAT}`, String(process.pid), 'PX', ttlMs);
}

export interface FoundRun extends RunMarker {
  prefix: string;
  /** True while its runner's heartbeat is alive. */
  live: boolean;
}

/** The runs whose keys are in this Redis, from their markers (SCAN only, nothing written). */
export async function findRuns(client: Redis): Promise<FoundRun[]> {
  const suffix = `:${RUN_MARKER}`;
  const markers: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', `*${suffix}`, 'COUNT', 1000);
    cursor = next;
    markers.push(...batch);
  } while (cursor !== '0');
  const found: FoundRun[] = [];
  for (const key of markers) {
    const prefix = key.slice(0, -suffix.length);
    const [raw, beat] = await Promise.all([
      client.get(key),
      client.exists(`${prefix}:${RUNNER_HEARTBEAT}`),
    ]);
    let marker: Partial<RunMarker> = {};
    try {
      marker = JSON.parse(raw ?? '{}') as Partial<RunMarker>;
    } catch {
      // A marker someone else wrote: still a run prefix, described as unknown.
    }
    found.push({
      prefix,
      runId: typeof marker.runId === 'string' ? marker.runId : '(unknown)',
      document: typeof marker.document === 'string' ? marker.document : '(unknown)',
      startedAt: typeof marker.startedAt === 'number' ? marker.startedAt : 0,
      live: beat === 1,
    });
  }
  return found.sort((a, b) => a.startedAt - b.startedAt);
}
