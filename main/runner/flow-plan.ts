import {
  childCountBounds,
  childFailureOptions,
  type BullChildFailureOptions,
} from '../../shared/bullmq-options';
import type { PipelineGraph } from '../../shared/document';
import { stableUniform } from './job-ids';

/**
 * What a run's flows are (docs/architecture.md "Flows"), read from the topology: per worker with
 * `children` and `parent` edges, its parent queue and children edges. flows.ts adds them to BullMQ.
 */

export interface ChildrenPlan {
  edgeId: string;
  queueId: string;
  /** Children per parent: uniform over the whole numbers min..max (min = max: fixed). */
  min: number;
  max: number;
  options: BullChildFailureOptions;
}

export interface FanOutPlan {
  parentEdgeId: string;
  parentQueueId: string;
  children: ChildrenPlan[];
}

/** A worker's fan-out, or undefined when it has none (a legal flow has exactly one parent edge). */
export function fanOutPlan(graph: PipelineGraph, workerId: string): FanOutPlan | undefined {
  const parent = graph.routes(workerId, 'parent')[0];
  const children = graph.routes(workerId, 'children');
  if (!parent || children.length === 0) return undefined;
  return {
    parentEdgeId: parent.id,
    parentQueueId: parent.to,
    children: children.map((edge) => ({
      edgeId: edge.id,
      queueId: edge.to,
      ...childCountBounds(edge),
      options: childFailureOptions(edge),
    })),
  };
}

/** Queues that a flow's parent lands in: the ones whose waiting-children count is sampled. */
export function parentQueues(plans: Iterable<{ fanOut?: FanOutPlan }>): Set<string> {
  const ids = new Set<string>();
  for (const plan of plans) if (plan.fanOut) ids.add(plan.fanOut.parentQueueId);
  return ids;
}

/**
 * How many children a job adds along an edge. Drawn from a hash of (job, edge), like the run's
 * routing, so a job that runs again after stalling adds the same flow (same ids: added once).
 */
export function childCount(jobId: string, children: ChildrenPlan): number {
  const span = children.max - children.min + 1;
  if (span <= 1) return children.min;
  return children.min + Math.floor(stableUniform(`${jobId}|${children.edgeId}|n`) * span);
}
