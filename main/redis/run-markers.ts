import type { RedisClient } from './client';
import { escapeGlob, scanKeys, scanMatching } from './keys';
import { formatCount } from '../../shared/metrics/format';

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
  client: RedisClient,
  prefix: string,
  marker: RunMarker,
): Promise<void> {
  await client.set(`${prefix}:${RUN_MARKER}`, JSON.stringify(marker));
}

export async function beatRunner(
  client: RedisClient,
  prefix: string,
  ttlMs: number,
): Promise<void> {
  await client.set(`${prefix}:${RUNNER_HEARTBEAT}`, String(process.pid), 'PX', ttlMs);
}

export interface FoundRun extends RunMarker {
  prefix: string;
  /** True while its runner's heartbeat is alive. */
  live: boolean;
}

/**
 * The runs whose keys are in this Redis (or the one under `prefix`), from their markers: SCAN
 * and reads only, nothing written.
 */
export async function findRuns(client: RedisClient, prefix?: string): Promise<FoundRun[]> {
  const suffix = `:${RUN_MARKER}`;
  const markers: string[] = [];
  if (prefix !== undefined) {
    if (await client.exists(`${prefix}${suffix}`)) markers.push(`${prefix}${suffix}`);
  } else {
    for await (const batch of scanMatching(client, `*${escapeGlob(suffix)}`))
      markers.push(...batch);
  }
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

/** What `pipewright clean` (and the app's "Clean up") finds under a prefix before removing it. */
export interface CleanPlan {
  prefix: string;
  /** Keys under `<prefix>:`. */
  keys: number;
  /** The run that wrote them, when a Pipewright run marker is there. */
  run: FoundRun | null;
  /** Why it must not be removed without `force`, or null. */
  refusal: string | null;
}

/**
 * Looks before removing: only a prefix a Pipewright run marked, whose runner is gone, is removed
 * without `force`. Any other prefix — `bull`, BullMQ's default, above all — may hold someone's
 * real queues, and a live run's keys are in use.
 */
export async function planClean(client: RedisClient, prefix: string): Promise<CleanPlan> {
  const keys = (await scanKeys(client, prefix)).length;
  const run = (await findRuns(client, prefix))[0] ?? null;
  let refusal: string | null = null;
  if (!run) {
    refusal =
      `no Pipewright run marker under "${prefix}" (no ${prefix}:${RUN_MARKER} key), so these ` +
      `${formatCount(keys)} keys may be someone's real queues` +
      (prefix === 'bull' ? ' ("bull" is BullMQ\'s default prefix)' : '') +
      '; check with --dry-run, and pass --force to remove them anyway';
  } else if (run.live) {
    refusal =
      `run ${run.runId} of "${run.document}" is still running under "${prefix}" (its runner's ` +
      'heartbeat is alive); stop it from the app or its terminal first';
  }
  return { prefix, keys, run, refusal };
}
