import { Queue, type Job, type JobType } from 'bullmq';
import { detectCluster, openRedis } from '../redis/client';
import {
  ApiError,
  JOB_STATES,
  type JobActionRequest,
  type JobList,
  type JobListRequest,
  type JobListState,
  type JobView,
} from '../../shared/api/contract';

/** Where a queue's keys are: a Redis, a BullMQ prefix and the queue's name. */
export interface QueueLocation {
  url: string;
  prefix: string;
  name: string;
}

/** Who can answer for a run's or a monitor's queues (the services that hold them). */
export interface JobSources {
  /** The current run's queue with this node id; throws a clear ApiError when there is none. */
  runQueue(queueId: string): QueueLocation;
  /** The watched Redis's queue with this name; throws when nothing is watched. */
  monitorQueue(name: string): QueueLocation;
}

const MAX_TEXT = 4000;
/** BullMQ lists behind each state; prioritized jobs wait too. */
const LISTS: Record<JobListState, JobType[]> = {
  waiting: ['waiting', 'prioritized'],
  active: ['active'],
  delayed: ['delayed'],
  completed: ['completed'],
  failed: ['failed'],
};

const bad = (message: string) => new ApiError({ code: 'invalid-request', message });

function json(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? 'undefined';
  } catch {
    text = String(value);
  }
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}… (cut)` : text;
}

function view(job: Job, state: JobListState): JobView {
  return {
    id: job.id ?? '',
    name: job.name,
    state,
    data: json(job.data),
    attemptsMade: job.attemptsMade,
    attemptsStarted: job.attemptsStarted ?? job.attemptsMade,
    timestamp: job.timestamp,
    processedOn: job.processedOn ?? null,
    finishedOn: job.finishedOn ?? null,
    delayMs: job.delay ?? 0,
    failedReason: job.failedReason || null,
    stacktrace: (job.stacktrace ?? []).map((s) => (s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s)),
    returnValue:
      job.returnvalue === undefined || job.returnvalue === null ? null : json(job.returnvalue),
  };
}

/** Opens the queue on a short-lived connection for one request. */
async function withQueue<T>(at: QueueLocation, use: (queue: Queue) => Promise<T>): Promise<T> {
  // A queue on a cluster is read through a cluster client, which finds the master of its slot.
  const cluster = await detectCluster(at.url).catch(() => false);
  const connection = openRedis(at.url, { cluster, maxRetriesPerRequest: 1 });
  connection.on('error', () => {});
  // Reading must not write: no meta update (a monitored Redis is someone else's).
  const queue = new Queue(at.name, {
    connection,
    prefix: at.prefix,
    skipMetasUpdate: true,
    skipVersionCheck: true,
  });
  try {
    await queue.waitUntilReady();
    return await use(queue);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError({
      code: 'io',
      message: `could not read queue "${at.name}": ${(error as Error).message}`,
    });
  } finally {
    await queue.close().catch(() => undefined);
    connection.disconnect();
  }
}

/**
 * A queue browser: the recent jobs of a queue in one state with their data, attempts, times and
 * failures, for a run's own queues and a monitored Redis's; retry and remove for a run's jobs
 * only (a monitored Redis belongs to someone else and stays read-only).
 */
export class JobsService {
  constructor(private readonly sources: JobSources) {}

  async list(request: JobListRequest): Promise<JobList> {
    const at =
      request.source === 'run'
        ? this.sources.runQueue(request.queue)
        : this.sources.monitorQueue(request.queue);
    const limit = request.limit ?? 20;
    return withQueue(at, async (queue) => {
      const raw = await queue.getJobCounts(...JOB_STATES, 'prioritized');
      const counts = Object.fromEntries(
        JOB_STATES.map((s) => [s, (raw[s] ?? 0) + (s === 'waiting' ? (raw.prioritized ?? 0) : 0)]),
      ) as Record<JobListState, number>;
      const jobs = await queue.getJobs(LISTS[request.state], 0, limit - 1, false);
      return {
        queue: at.name,
        state: request.state,
        counts,
        jobs: jobs
          .filter((j): j is Job => j !== undefined && j !== null)
          .slice(0, limit)
          .map((j) => view(j, request.state)),
        canModify: request.source === 'run',
      };
    });
  }

  async act(request: JobActionRequest): Promise<void> {
    const at = this.sources.runQueue(request.queueId);
    await withQueue(at, async (queue) => {
      const job = await queue.getJob(request.jobId);
      if (!job) throw bad(`job ${request.jobId} is not in queue "${at.name}" (any more)`);
      const state = await job.getState();
      if (request.action === 'remove') {
        if (state === 'active') {
          throw bad(`job ${request.jobId} is being processed; remove it once it has finished`);
        }
        await job.remove();
        return;
      }
      if (state !== 'failed' && state !== 'completed') {
        throw bad(`job ${request.jobId} is ${state}; only failed or completed jobs can be retried`);
      }
      await job.retry(state);
    });
  }
}
