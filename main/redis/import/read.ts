import type {
  ObservedJob,
  ObservedQueue,
  Observations,
} from '../../../shared/calibration/observations';
import { readQueueCounts } from '../bullmq-counts';
import { discoverQueues } from '../discover';
import { redactUrl } from '../probe';
import { openImportTarget, type ImportTarget } from './connect';
import { importErrorOf } from './errors';
import { assignTraceIds, maxOverlap, readJobIds, readJobs } from './jobs';
import { listen, type Heard } from './listen';
import { otherPrefixes } from './prefixes';
import {
  readClientLists,
  readQueueMeta,
  readSchedulers,
  workersFromClientLists,
} from './queue-info';

export interface ReadOptions {
  url: string;
  /** BullMQ key prefix (default `bull`). */
  prefix?: string;
  /** How long to listen live (events stream, active jobs) before reading stored jobs; 0: don't. */
  listenMs?: number;
  /** Stored jobs read per queue and state, newest first (default 5,000). */
  limitPerQueue?: number;
  /** Connect and command timeout (default 5 s). */
  timeoutMs?: number;
}

export const DEFAULT_IMPORT_LIMIT = 5000;

/**
 * Reads a live BullMQ deployment into `Observations` (docs/architecture.md "Import"), with read
 * commands only: it never writes to the user's Redis. Listens first, then reads what is stored,
 * so the stored jobs cover the listening window too; jobs deleted on completion are kept from
 * what listening saw.
 */
export async function readObservations(options: ReadOptions): Promise<Observations> {
  const prefix = options.prefix ?? 'bull';
  const limit = options.limitPerQueue ?? DEFAULT_IMPORT_LIMIT;
  const listenMs = Math.max(0, options.listenMs ?? 0);
  const target = await openImportTarget(options.url, options.timeoutMs);
  const startedAt = Date.now();
  try {
    const queues = await discoverAll(target, prefix);
    const heard =
      listenMs > 0 && queues.length > 0
        ? await listen(target.client, prefix, queues, listenMs)
        : new Map<string, Heard>();
    const lists = await readClientLists(target.masters);
    const workers = workersFromClientLists(lists, prefix, queues);
    const observed: ObservedQueue[] = [];
    for (const name of queues) {
      observed.push(
        await readQueue(target, prefix, name, limit, heard.get(name), workers[name] ?? []),
      );
    }
    const toMs = Date.now();
    const notes: string[] = [];
    let fromMs = windowStart(observed, limit, startedAt, notes);
    // A queue that deletes its completed jobs was only seen while listening: so is every queue.
    if (listenMs > 0 && observed.some(removesOnComplete)) fromMs = Math.max(fromMs, startedAt);
    for (const q of observed) q.jobs = q.jobs.filter((j) => j.timestamp >= fromMs);
    assignTraceIds(observed.flatMap((q) => q.jobs));
    notes.push(...removedNotes(observed, listenMs));
    for (const [name, h] of heard) {
      if (h.rebuilt === 0) continue;
      notes.push(
        `"${name}": ${h.rebuilt} jobs were deleted before their hash could be read; they were ` +
          'rebuilt from the events stream, with the options of the other jobs of their name.',
      );
    }
    if (queues.length === 0) notes.push(await noQueuesNote(target, prefix));
    if (target.cluster) notes.push(`Redis Cluster: read ${target.masters.length} masters.`);
    return {
      redis: redactUrl(options.url),
      prefix,
      window: { fromMs, toMs },
      listenedMs: listenMs > 0 && queues.length > 0 ? listenMs : 0,
      queues: observed,
      notes,
    };
  } catch (error) {
    throw importErrorOf(error, options.url);
  } finally {
    target.close();
  }
}

async function noQueuesNote(target: ImportTarget, prefix: string): Promise<string> {
  const others = (await otherPrefixes(target.masters)).filter((p) => p !== prefix);
  return (
    `No BullMQ queues under the prefix "${prefix}".` +
    (others.length > 0
      ? ` BullMQ queues exist under ${others.map((p) => `"${p}"`).join(', ')}: pass one as the prefix.`
      : ' This Redis holds no BullMQ queues at all.')
  );
}

/** Queue names under the prefix on every master (a Cluster spreads queues across them). */
async function discoverAll(target: ImportTarget, prefix: string): Promise<string[]> {
  const names = new Set<string>();
  for (const master of target.masters) {
    for (const name of await discoverQueues(master, prefix)) names.add(name);
  }
  return [...names].sort();
}

async function readQueue(
  target: ImportTarget,
  prefix: string,
  name: string,
  limit: number,
  heard: Heard | undefined,
  workers: ObservedQueue['workers'],
): Promise<ObservedQueue> {
  const base = `${prefix}:${name}:`;
  const client = target.client;
  const refs = await readJobIds(client, base, limit);
  const stored = await readJobs(client, base, refs, prefix);
  const storedIds = new Set(stored.map((j) => j.id));
  const live = [...(heard?.live.values() ?? [])].filter((j) => !storedIds.has(j.id));
  const jobs = [...stored, ...live].sort((a, b) => b.timestamp - a.timestamp);
  const [counts] = await readQueueCounts(client as Parameters<typeof readQueueCounts>[0], prefix, [
    name,
  ]);
  return {
    name,
    counts: {
      waiting: counts!.waiting,
      active: counts!.active,
      delayed: counts!.delayed,
      completed: counts!.completed,
      failed: counts!.failed,
    },
    jobs,
    events: heard?.events ?? [],
    workers,
    schedulers: await readSchedulers(client, base),
    meta: await readQueueMeta(client, base),
    maxActiveSeen: Math.max(heard?.maxActive ?? 0, counts!.active, maxOverlap(jobs)),
  };
}

/**
 * The window's start: the oldest job read — unless the limit cut a queue's history short, then
 * the latest such cut, so every queue's jobs cover the same span (rates stay unbiased).
 */
function windowStart(
  queues: readonly ObservedQueue[],
  limit: number,
  fallback: number,
  notes: string[],
): number {
  const oldest = (jobs: readonly ObservedJob[]) =>
    jobs.reduce((min, j) => Math.min(min, j.timestamp), Infinity);
  let start = oldest(queues.flatMap((q) => q.jobs));
  let cut: string | undefined;
  for (const q of queues) {
    const finished = q.jobs.filter((j) => j.state === 'completed' || j.state === 'failed');
    if (finished.length < limit) continue;
    const from = oldest(finished);
    if (from > start || cut === undefined) {
      start = Math.max(start, from);
      cut = q.name;
    }
  }
  if (cut !== undefined) {
    notes.push(
      `Read the newest ${limit.toLocaleString('en-US')} finished jobs per queue; "${cut}" has more, ` +
        `so the window starts at its oldest one read (${new Date(start).toISOString()}).`,
    );
  }
  return Number.isFinite(start) ? start : fallback;
}

const removesOnComplete = (q: ObservedQueue) =>
  q.jobs.some((j) => j.opts.removeOnComplete === true);

/** Says when finished jobs are deleted on completion or failure, and what was done about it. */
function removedNotes(queues: readonly ObservedQueue[], listenMs: number): string[] {
  const notes: string[] = [];
  for (const q of queues) {
    if (!removesOnComplete(q)) continue;
    notes.push(
      listenMs > 0
        ? `"${q.name}" removes jobs on completion (removeOnComplete: true): its completed jobs were ` +
            `sampled live while listening for ${Math.round(listenMs / 1000)} s.`
        : `"${q.name}" removes jobs on completion (removeOnComplete: true) and nothing listened: ` +
            'its completed jobs cannot be seen. Import again with a listening window (--listen 60s).',
    );
  }
  return notes;
}
