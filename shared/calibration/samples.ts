import type { ObservedEvent, ObservedJob, ObservedQueue } from './observations';

/**
 * The raw samples of one queue, read from its stored jobs and, for jobs no longer stored (e.g.
 * `removeOnComplete: true`), from the events captured while listening.
 */
export interface Creation {
  id: string;
  name: string;
  at: number;
  parent?: { queue: string; id: string };
  traceId?: string;
  /** Whether the job failed its last attempt (for trace ids: which route it took next). */
  failed: boolean;
}

export interface QueueSamples {
  /** Every job created, in no order. Jobs known only from events without a name have name "". */
  created: Creation[];
  /** Service times (ms) of attempts that were a job's only one. */
  serviceMs: number[];
  /** Waits (ms) from ready to the first start, of the same jobs. */
  waitMs: number[];
  /** Ends of completed jobs and of jobs that failed their last attempt (epoch ms). */
  completedAt: number[];
  failedAt: number[];
  /** Attempts that ended, and how many of them failed. */
  attempts: number;
  failedAttempts: number;
  /** Service samples from jobs that ran more than once, left out (the retry trap). */
  retriedSkipped: number;
  /** Jobs known only from the events stream. */
  fromEvents: number;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) =>
  (map.get(key) ?? map.set(key, []).get(key)!).push(value);

function fromJob(job: ObservedJob, s: QueueSamples): void {
  s.created.push({
    id: job.id,
    name: job.name,
    at: job.timestamp,
    parent: job.parent,
    traceId: job.traceId,
    failed: job.state === 'failed',
  });
  const ended = job.state === 'completed' || job.state === 'failed';
  if (!ended) return;
  // A completed job failed every attempt but its last; a failed one failed them all.
  const made = Math.max(1, job.attemptsMade);
  s.attempts += made;
  s.failedAttempts += job.state === 'failed' ? made : made - 1;
  if (job.finishedOn !== undefined) {
    (job.state === 'completed' ? s.completedAt : s.failedAt).push(job.finishedOn);
  }
  if (job.processedOn === undefined || job.finishedOn === undefined) return;
  // Each retry overwrites processedOn, and finishedOn − processedOn of a retried job depends on
  // how the retries went: only single-attempt jobs give an unbiased service time and wait.
  if (made !== 1) {
    s.retriedSkipped += 1;
    return;
  }
  s.serviceMs.push(job.finishedOn - job.processedOn);
  s.waitMs.push(Math.max(0, job.processedOn - job.timestamp - (job.opts.delay ?? 0)));
}

/** Jobs seen only in the events stream: pair each job's added, active and end entries. */
function fromEvents(events: readonly ObservedEvent[], known: ReadonlySet<string>, s: QueueSamples) {
  const byJob = new Map<string, ObservedEvent[]>();
  for (const e of events) if (!known.has(e.jobId)) push(byJob, e.jobId, e);
  for (const list of byJob.values()) {
    list.sort((a, b) => a.atMs - b.atMs);
    const added = list.find((e) => e.event === 'added');
    const actives = list.filter((e) => e.event === 'active');
    const end = list.find((e) => e.event === 'completed' || e.event === 'failed');
    const failed = end?.event === 'failed';
    if (added) s.created.push({ id: added.jobId, name: added.name ?? '', at: added.atMs, failed });
    if (!added && !end) continue;
    s.fromEvents += 1;
    if (!end) continue;
    const made = end.attemptsMade ?? actives.length;
    if (made < 1) continue;
    s.attempts += made;
    // BullMQ writes `failed` only for a job's last attempt (a retry goes back to delayed or
    // waiting); every attempt starts with an `active` entry.
    const finalFailure = end.event === 'failed';
    s.failedAttempts += finalFailure ? made : made - 1;
    (finalFailure ? s.failedAt : s.completedAt).push(end.atMs);
    if (made !== 1 || actives.length !== 1) {
      if (made !== 1) s.retriedSkipped += 1;
      continue;
    }
    s.serviceMs.push(end.atMs - actives[0]!.atMs);
    if (added) s.waitMs.push(Math.max(0, actives[0]!.atMs - added.atMs));
  }
}

export function queueSamples(queue: ObservedQueue): QueueSamples {
  const s: QueueSamples = {
    created: [],
    serviceMs: [],
    waitMs: [],
    completedAt: [],
    failedAt: [],
    attempts: 0,
    failedAttempts: 0,
    retriedSkipped: 0,
    fromEvents: 0,
  };
  const known = new Set<string>();
  for (const job of queue.jobs) {
    known.add(job.id);
    fromJob(job, s);
  }
  fromEvents(queue.events, known, s);
  return s;
}
