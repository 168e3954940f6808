import type { Cluster, Redis } from 'ioredis';
import type {
  ObservedJob,
  ObservedJobState,
  ObservedKeepJobs,
} from '../../../shared/calibration/observations';

/**
 * Reads a queue's stored jobs, read-only: the ids in each state's list or sorted set (newest first)
 * and the fields of each job's hash the fitters need. BullMQ 6's key layout: lists `wait`,
 * `paused`, `active`; sorted sets `completed`/`failed` (by finish time), `delayed`, `prioritized`,
 * `waiting-children`; the job hash at `<prefix>:<queue>:<id>`.
 */

type Client = Redis | Cluster;

/** Each state's key and how to read its newest `n` ids. */
const STATE_KEYS: { key: string; state: ObservedJobState; list: boolean }[] = [
  { key: 'completed', state: 'completed', list: false },
  { key: 'failed', state: 'failed', list: false },
  { key: 'active', state: 'active', list: true },
  { key: 'wait', state: 'waiting', list: true },
  { key: 'paused', state: 'waiting', list: true },
  { key: 'prioritized', state: 'prioritized', list: false },
  { key: 'delayed', state: 'delayed', list: false },
  { key: 'waiting-children', state: 'waiting-children', list: false },
];

/** The hash fields read, in HMGET order. */
const FIELDS = [
  'name',
  'timestamp',
  'processedOn',
  'finishedOn',
  'atm',
  'attemptsMade',
  'opts',
  'failedReason',
  'parentKey',
] as const;

/** Ids per state, newest first, at most `limit` per state. */
export async function readJobIds(
  client: Client,
  base: string,
  limit: number,
): Promise<{ id: string; state: ObservedJobState }[]> {
  const pipeline = client.pipeline();
  for (const { key, list } of STATE_KEYS) {
    // Lists get new jobs at the head (LPUSH); sorted sets score them by time.
    if (list) pipeline.lrange(`${base}${key}`, 0, limit - 1);
    else pipeline.zrevrange(`${base}${key}`, 0, limit - 1);
  }
  const replies = (await pipeline.exec()) ?? [];
  const out: { id: string; state: ObservedJobState }[] = [];
  const seen = new Set<string>();
  replies.forEach(([error, ids], i) => {
    if (error) throw error;
    for (const id of ids as string[]) {
      // A job moving between states during the read shows twice: keep the first (finished) one.
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ id, state: STATE_KEYS[i]!.state });
    }
  });
  return out;
}

/** The jobs' hashes, parsed; ids whose hash is gone (removed meanwhile) are left out. */
export async function readJobs(
  client: Client,
  base: string,
  refs: readonly { id: string; state: ObservedJobState }[],
  prefix: string,
  batch = 500,
): Promise<ObservedJob[]> {
  const jobs: ObservedJob[] = [];
  for (let start = 0; start < refs.length; start += batch) {
    const slice = refs.slice(start, start + batch);
    const pipeline = client.pipeline();
    for (const { id } of slice) pipeline.hmget(`${base}${id}`, ...FIELDS);
    const replies = (await pipeline.exec()) ?? [];
    replies.forEach(([error, values], i) => {
      if (error) throw error;
      const job = parseJob(slice[i]!.id, slice[i]!.state, values as (string | null)[], prefix);
      if (job) jobs.push(job);
    });
  }
  return jobs;
}

const num = (text: string | null | undefined): number | undefined => {
  if (text === null || text === undefined || text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
};

/** One job from its HMGET values; undefined when the hash does not exist (all fields null). */
export function parseJob(
  id: string,
  state: ObservedJobState,
  values: readonly (string | null)[],
  prefix: string,
): ObservedJob | undefined {
  const field = (name: (typeof FIELDS)[number]) => values[FIELDS.indexOf(name)] ?? null;
  const timestamp = num(field('timestamp'));
  if (timestamp === undefined) return undefined;
  const job: ObservedJob = {
    id,
    name: field('name') ?? '',
    state,
    timestamp,
    attemptsMade: num(field('atm')) ?? num(field('attemptsMade')) ?? 0,
    opts: parseOpts(field('opts')),
  };
  const processedOn = num(field('processedOn'));
  const finishedOn = num(field('finishedOn'));
  if (processedOn !== undefined) job.processedOn = processedOn;
  if (finishedOn !== undefined) job.finishedOn = finishedOn;
  const failedReason = field('failedReason');
  if (failedReason) job.failedReason = failedReason;
  const parent = parseParentKey(field('parentKey'), prefix);
  if (parent) job.parent = parent;
  return job;
}

/** The options the fitters use, from the stored JSON (BullMQ keeps these under their own names). */
function parseOpts(text: string | null): ObservedJob['opts'] {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
  const opts: ObservedJob['opts'] = {};
  if (typeof raw.attempts === 'number') opts.attempts = raw.attempts;
  if (typeof raw.backoff === 'number' || (raw.backoff && typeof raw.backoff === 'object')) {
    opts.backoff = raw.backoff as ObservedJob['opts']['backoff'] & object;
  }
  if (typeof raw.priority === 'number') opts.priority = raw.priority;
  if (typeof raw.delay === 'number') opts.delay = raw.delay;
  if (typeof raw.lifo === 'boolean') opts.lifo = raw.lifo;
  const keep = (value: unknown): ObservedKeepJobs | undefined =>
    typeof value === 'boolean' || typeof value === 'number' || (value && typeof value === 'object')
      ? (value as ObservedKeepJobs)
      : undefined;
  const onComplete = keep(raw.removeOnComplete);
  const onFail = keep(raw.removeOnFail);
  if (onComplete !== undefined) opts.removeOnComplete = onComplete;
  if (onFail !== undefined) opts.removeOnFail = onFail;
  return opts;
}

/** `<prefix>:<queue>:<id>` → { queue, id }, when the parent is under the same prefix. */
function parseParentKey(key: string | null, prefix: string): ObservedJob['parent'] {
  if (!key || !key.startsWith(`${prefix}:`)) return undefined;
  const rest = key.slice(prefix.length + 1);
  const colon = rest.indexOf(':');
  if (colon <= 0) return undefined;
  return { queue: rest.slice(0, colon), id: rest.slice(colon + 1) };
}

/**
 * The trace Pipewright-generated code carries: it adds a worker's next job with the id
 * `<id of the job it came from, ":" as "_">><route>` (shared/codegen `hopJobId`), so every job
 * of one trace shares the part before the first ">" — the root job's id. Set on every job once
 * any id has that shape; deployments whose ids never do carry no trace.
 */
export function assignTraceIds(jobs: ObservedJob[]): void {
  if (!jobs.some((j) => j.id.includes('>'))) return;
  for (const job of jobs) {
    const root = job.id.includes('>') ? job.id.slice(0, job.id.indexOf('>')) : job.id;
    job.traceId = root.replaceAll(':', '_');
  }
}

/** The most intervals [processedOn, finishedOn) open at once: the concurrency the jobs show. */
export function maxOverlap(jobs: readonly ObservedJob[]): number {
  const points: [number, number][] = [];
  for (const j of jobs) {
    if (j.processedOn === undefined || j.finishedOn === undefined) continue;
    if (j.finishedOn < j.processedOn) continue;
    points.push([j.processedOn, 1], [j.finishedOn, -1]);
  }
  // Ends before starts at the same millisecond: back-to-back jobs on one slot are not overlap.
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let max = 0;
  for (const [, delta] of points) {
    open += delta;
    if (open > max) max = open;
  }
  return max;
}
