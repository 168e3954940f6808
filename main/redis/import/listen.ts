import type { Cluster, Redis } from 'ioredis';
import type {
  ObservedEvent,
  ObservedJob,
  ObservedJobState,
} from '../../../shared/calibration/observations';
import { readJobs } from './jobs';

type Client = Redis | Cluster;

const EVENTS = new Set<ObservedEvent['event']>([
  'added',
  'active',
  'completed',
  'failed',
  'retries-exhausted',
  'delayed',
  'stalled',
]);

/** What listening to one queue gathered. */
export interface Heard {
  events: ObservedEvent[];
  /** Jobs whose hash was read while they lived (they may be removed on completion since). */
  live: Map<string, ObservedJob>;
  /** Job names from `added` entries, for jobs whose hash was gone before it could be read. */
  names: Map<string, string>;
  maxActive: number;
  /** Jobs rebuilt from events alone (their hash was already deleted when first polled). */
  rebuilt: number;
}

/**
 * Listens to queues for `ms`: reads each queue's events stream (XRANGE after the last id seen;
 * never XREAD BLOCK, which would hold a connection), samples the `active` list's length for the
 * most jobs active at once, and reads the hash of every job the stream announces while it still
 * exists — so jobs that `removeOnComplete` deletes on completion are seen too, their times
 * completed from the stream. Read-only.
 */
export async function listen(
  client: Client,
  prefix: string,
  queues: readonly string[],
  ms: number,
  intervalMs = 50,
): Promise<Map<string, Heard>> {
  const heard = new Map<string, Heard>(
    queues.map((q) => [
      q,
      { events: [], live: new Map(), names: new Map(), maxActive: 0, rebuilt: 0 },
    ]),
  );
  // From now: the stream's past is covered by the stored jobs.
  const lastIds = new Map(queues.map((q) => [q, `${Date.now()}-0`]));
  const end = Date.now() + ms;
  for (;;) {
    for (const queue of queues) await poll(client, prefix, queue, heard.get(queue)!, lastIds);
    if (Date.now() >= end) break;
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, Math.max(0, end - Date.now()))));
  }
  for (const h of heard.values()) h.rebuilt = completeFromEvents(h);
  return heard;
}

async function poll(
  client: Client,
  prefix: string,
  queue: string,
  heard: Heard,
  lastIds: Map<string, string>,
): Promise<void> {
  const base = `${prefix}:${queue}:`;
  const [entries, active] = await Promise.all([
    client.xrange(`${base}events`, `(${lastIds.get(queue)}`, '+', 'COUNT', 10_000) as Promise<
      [string, string[]][]
    >,
    client.llen(`${base}active`),
  ]);
  heard.maxActive = Math.max(heard.maxActive, active);
  const fresh: { id: string; state: ObservedJobState }[] = [];
  for (const [streamId, fields] of entries) {
    lastIds.set(queue, streamId);
    const get = (name: string) => {
      const i = fields.indexOf(name);
      return i >= 0 && i % 2 === 0 ? fields[i + 1] : undefined;
    };
    const event = get('event') as ObservedEvent['event'] | undefined;
    const jobId = get('jobId');
    if (!event || !jobId || !EVENTS.has(event)) continue;
    const observed: ObservedEvent = { event, jobId, atMs: Number(streamId.split('-')[0]) };
    const attempts = Number(get('attemptsMade'));
    if (get('attemptsMade') !== undefined && Number.isFinite(attempts)) {
      observed.attemptsMade = attempts;
    }
    const name = get('name');
    if (event === 'added' && name !== undefined) {
      observed.name = name;
      heard.names.set(jobId, name);
    }
    heard.events.push(observed);
    if ((event === 'added' || event === 'active') && !heard.live.has(jobId)) {
      fresh.push({ id: jobId, state: event === 'added' ? 'waiting' : 'active' });
    }
  }
  if (fresh.length === 0) return;
  for (const job of await readJobs(client, base, fresh, prefix)) heard.live.set(job.id, job);
}

/**
 * A job read while it lived has the state and times of that moment: the stream says what
 * happened next (started, finished, failed), which is all that is left of a removed job. A job
 * added and deleted between two polls is rebuilt from its events alone: its name from `added`,
 * its options those of the latest job of that name read in the queue (options are set per call
 * site, so jobs of one name share them; an assumption the notes state).
 */
function completeFromEvents(heard: Heard): number {
  let rebuilt = 0;
  const optsByName = new Map<string, ObservedJob['opts']>();
  for (const job of heard.live.values()) optsByName.set(job.name, job.opts);
  for (const e of heard.events) {
    if (e.event === 'added' && !heard.live.has(e.jobId)) {
      const name = heard.names.get(e.jobId) ?? '';
      heard.live.set(e.jobId, {
        id: e.jobId,
        name,
        state: 'waiting',
        timestamp: e.atMs,
        attemptsMade: 0,
        opts: structuredClone(optsByName.get(name) ?? {}),
      });
      rebuilt++;
    }
    const job = heard.live.get(e.jobId);
    if (!job) continue;
    if (e.event === 'active') {
      job.processedOn = e.atMs;
      job.state = 'active';
      delete job.finishedOn;
    } else if (e.event === 'completed' || e.event === 'failed') {
      job.state = e.event;
      job.finishedOn = e.atMs;
      job.attemptsMade = e.attemptsMade ?? job.attemptsMade + 1;
    } else if (e.event === 'delayed' && job.state === 'active') {
      // A failed attempt that will be retried after its backoff (not a job added with a delay).
      job.state = 'delayed';
      job.attemptsMade += 1;
    }
  }
  return rebuilt;
}
