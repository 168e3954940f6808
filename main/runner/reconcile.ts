import type { RedisClient } from '../redis/client';
import type { RunSummary } from '../../shared/metrics';
import { queueKeyBase } from '../redis/bullmq-counts';
import { producerJobIdPrefix } from './job-ids';
import type { RunPlan } from './plan';

/** The jobs of one queue as Redis holds them at the end of a run. */
export interface QueueJobs {
  ids: Set<string>;
  completed: number;
  failed: number;
}

const LISTS = ['wait', 'paused', 'active'] as const;
const SETS = ['prioritized', 'delayed', 'completed', 'failed', 'waiting-children'] as const;

export async function readQueueJobs(
  client: RedisClient,
  prefix: string,
  queue: string,
): Promise<QueueJobs> {
  const base = queueKeyBase(prefix, queue);
  const pipe = client.pipeline();
  for (const list of LISTS) pipe.lrange(`${base}${list}`, 0, -1);
  for (const set of SETS) pipe.zrange(`${base}${set}`, 0, -1);
  const replies = (await pipe.exec()) ?? [];
  const lists = replies.map(([error, value]) => {
    if (error) throw error;
    return value as string[];
  });
  return {
    ids: new Set(lists.flat()),
    completed: lists[LISTS.length + SETS.indexOf('completed')]!.length,
    failed: lists[LISTS.length + SETS.indexOf('failed')]!.length,
  };
}

/**
 * The summary's counts, read back from Redis. Events miss what happened while the runner could
 * not hear (a completion whose reply was lost in an outage) and count twice what BullMQ did once
 * (an add resent after a reconnect, whose id already existed); the job ids in Redis are the
 * truth. A queue that removes finished jobs (removeOnComplete / removeOnFail) or that a job
 * scheduler feeds cannot be counted this way: its event counts stay, and `reconciled` says so.
 */
export async function reconcileSummary(
  client: RedisClient,
  prefix: string,
  plan: RunPlan,
  summary: RunSummary,
  scheduledQueues: ReadonlySet<string>,
  /** Per queue, jobs failed without running (flow parents a child failed): no worker's. */
  failedWithoutRunning: ReadonlyMap<string, number> = new Map(),
): Promise<RunSummary> {
  const countable = new Map<string, QueueJobs>();
  for (const [id, q] of plan.queues) {
    const { removeOnComplete, removeOnFail } = q.defaultJobOptions;
    if (removeOnComplete || removeOnFail || scheduledQueues.has(id)) continue;
    countable.set(id, await readQueueJobs(client, prefix, q.bullName));
  }
  const nodes = { ...summary.nodes };
  for (const [id, jobs] of countable) {
    const node = nodes[id];
    if (node?.kind === 'queue') nodes[id] = { ...node, enqueued: jobs.ids.size };
  }
  for (const [id, w] of plan.workers) {
    const jobs = countable.get(w.queueId);
    const node = nodes[id];
    // A queue shared by several workers says how many jobs finished, not which worker ran them.
    if (!jobs || node?.kind !== 'worker' || plan.queues.get(w.queueId)!.consumerEdges.size !== 1)
      continue;
    const failed = jobs.failed - (failedWithoutRunning.get(w.queueId) ?? 0);
    nodes[id] = { ...node, completed: jobs.completed, failed };
  }
  for (const [id, p] of plan.producers) {
    const first = p.targets[0];
    const jobs = first && countable.get(first.queueId);
    const node = nodes[id];
    if (!jobs || node?.kind !== 'producer' || p.node.config.arrival.type === 'schedule') continue;
    const own = new RegExp(`^${escapeRegExp(producerJobIdPrefix(id, 0).slice(0, -2))}\\d+\\.\\d+$`);
    let created = 0;
    for (const jobId of jobs.ids) if (own.test(jobId)) created++;
    nodes[id] = { ...node, created };
  }
  const complete = countable.size === plan.queues.size;
  return { ...summary, nodes, reconciled: complete };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
