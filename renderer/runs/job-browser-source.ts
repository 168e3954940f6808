import type { JobList, JobListRequest, JobListState, JobView } from '../../shared/api/contract';
import type { RouteStep, SimulatedJob } from '../../shared/simulation/simulated-jobs';
import type { SimulatedQueueView } from '../state/simulated-jobs-store';
import { host } from '../api/host';

/**
 * Where a queue's job browser reads its jobs: the host (a live run's Redis or a watched one) or a
 * simulation's job trace. The browser shows any source the same way; what differs is said here.
 */
export interface JobBrowserSource {
  /** Changes when the jobs shown are another queue's or another run's: the list is read again. */
  key: string;
  kind: JobListRequest['source'] | 'simulation';
  /** Wall time (epoch ms) or simulated time (ms since the simulation started). */
  clock: 'wall' | 'simulated';
  /** Jobs keep moving: re-read the list every so often while nothing is open. */
  live: boolean;
  read(state: JobListState): Promise<BrowsedJobList>;
  /** Retry or remove a job; absent for a read-only source. */
  act?: (jobId: string, action: 'retry' | 'remove') => Promise<void>;
}

/** A job as the browser shows it: the host's view, and what a simulated job adds. */
export interface BrowsedJob extends JobView {
  /** The most attempts it gets (a simulated job's queue setting). */
  attempts?: number;
  backoffMs?: number;
  route?: RouteStep[];
}

export interface BrowsedJobList extends Omit<JobList, 'jobs'> {
  jobs: BrowsedJob[];
  /** Simulated time the list is of (a simulation's end). */
  atMs?: number;
}

/** A live run's or a watched Redis's queue, read through the host. */
export function hostJobSource(
  request: Pick<JobListRequest, 'source' | 'queue'>,
  queueId: string,
): JobBrowserSource {
  return {
    key: `${request.source}:${request.queue}`,
    kind: request.source,
    clock: 'wall',
    live: true,
    read: (state) => host()['jobs:list']({ ...request, state }),
    ...(request.source === 'run'
      ? {
          act: async (jobId: string, action: 'retry' | 'remove') => {
            await host()['jobs:act']({ queueId, jobId, action });
          },
        }
      : {}),
  };
}

function browsed(job: SimulatedJob): BrowsedJob {
  return {
    id: job.id,
    name: job.name,
    state: job.state,
    data: job.data,
    attemptsMade: job.attemptsMade,
    attemptsStarted: job.attemptsMade + (job.state === 'active' ? 1 : 0),
    timestamp: job.addedAtMs,
    processedOn: job.processedAtMs,
    finishedOn: job.finishedAtMs,
    delayMs: job.delayMs,
    failedReason: job.failedReason,
    // A simulated attempt fails by a draw against the failure rate: no code ran, nothing threw.
    stacktrace: [],
    returnValue: null,
    attempts: job.attempts,
    backoffMs: job.backoffMs,
    route: job.route,
  };
}

/** A simulation's trace of one queue: read-only, on the simulated clock, not moving. */
export function simulatedJobSource(view: SimulatedQueueView, queueId: string): JobBrowserSource {
  return {
    key: `simulation:${view.serial}:${queueId}`,
    kind: 'simulation',
    clock: 'simulated',
    live: false,
    read: (state) =>
      Promise.resolve({
        queue: queueId,
        state,
        counts: view.queue.counts,
        jobs: view.queue.jobs[state].map(browsed),
        canModify: false,
        atMs: view.atMs,
      }),
  };
}
