import { FlowProducer, type FlowJobNode, type Job, type Queue } from 'bullmq';
import type { BullChildFailureOptions, BullDefaultJobOptions } from '../../shared/bullmq-options';
import type { RedisClient } from '../redis/client';
import { childCount, type ChildrenPlan, type FanOutPlan } from './flow-plan';
import { hopJobId } from './job-ids';
import type { RunMetrics } from './metrics';
import type { QueuePlan } from './plan';
import type { RunJobData } from './workers';

/**
 * BullMQ flows in a run (docs/architecture.md "Flows"): a worker with `children` and `parent`
 * edges adds, from its processor as its job completes, one flow through a real FlowProducer — a
 * parent job on the parent queue, in waiting-children until its children are done, and N children
 * per children edge with the edge's failure policy. A child whose own worker fans out adds its
 * flow with `parent` set to its own parent, so the outer parent also waits for the inner one.
 */

/** The failure policy a nested flow's parent takes over from the child whose place it takes. */
function inheritedPolicy(job: Job): BullChildFailureOptions {
  const { opts } = job;
  if (opts.failParentOnFailure) return { failParentOnFailure: true };
  if (opts.ignoreDependencyOnFailure) return { ignoreDependencyOnFailure: true };
  if (opts.removeDependencyOnFailure) return { removeDependencyOnFailure: true };
  return {};
}

export interface FlowContext {
  queues: Map<string, { plan: QueuePlan; queue: Queue }>;
  metrics: RunMetrics | null;
}

/**
 * The run's one FlowProducer. It shares the runner's client, as the queues do (BullMQ keeps a
 * given ioredis instance instead of opening its own), so flows cost no connection
 * (connections.ts); with the run's prefix, a hash tag on a cluster, every key of a flow is in one
 * slot and BullMQ adds the whole flow atomically.
 */
export class RunFlows {
  private readonly producer: FlowProducer;
  /** Each queue's default job options by BullMQ name: a FlowProducer applies none by itself. */
  private readonly queuesOptions: Record<string, { defaultJobOptions: BullDefaultJobOptions }>;

  constructor(
    client: RedisClient,
    prefix: string,
    private readonly ctx: FlowContext,
  ) {
    this.producer = new FlowProducer({ connection: client, prefix });
    this.queuesOptions = {};
    for (const { plan } of ctx.queues.values()) {
      this.queuesOptions[plan.bullName] = { defaultJobOptions: plan.defaultJobOptions };
    }
  }

  on(event: 'error', listener: (error: Error) => void): void {
    this.producer.on(event, listener);
  }

  /** Adds the flow `job` makes as it completes: its parent, waiting for its children. */
  async fanOut(job: Job, fanOut: FanOutPlan): Promise<void> {
    const data = job.data as Partial<RunJobData> | undefined;
    const next: RunJobData = { origin: data?.origin ?? job.timestamp };
    if (data?.payload !== undefined) next.payload = data.payload;
    const parentId = hopJobId(job.id!, fanOut.parentEdgeId);
    const bullName = (queueId: string) => this.ctx.queues.get(queueId)!.plan.bullName;
    const children: FlowJobNode[] = [];
    const added: Array<[ChildrenPlan, number]> = [];
    for (const edge of fanOut.children) {
      const n = childCount(job.id!, edge);
      added.push([edge, n]);
      for (let k = 0; k < n; k++) {
        children.push({
          name: job.name,
          queueName: bullName(edge.queueId),
          data: next,
          opts: { jobId: hopJobId(parentId, `${edge.edgeId}.${k}`), ...edge.options },
        });
      }
    }
    // Nested: this job is a child; its parent now also waits for this flow's parent.
    const outer = job.parent?.id
      ? { parent: { id: job.parent.id, queue: job.parent.queueKey }, ...inheritedPolicy(job) }
      : {};
    await this.producer.add(
      {
        name: job.name,
        queueName: bullName(fanOut.parentQueueId),
        data: next,
        opts: { jobId: parentId, ...outer },
        children,
      },
      { queuesOptions: this.queuesOptions },
    );
    const metrics = this.ctx.metrics;
    if (!metrics) return;
    metrics.enqueued(fanOut.parentQueueId, 1, fanOut.parentEdgeId);
    for (const [edge, n] of added) if (n > 0) metrics.enqueued(edge.queueId, n, edge.edgeId);
  }

  close(): Promise<void> {
    return this.producer.close();
  }
}
