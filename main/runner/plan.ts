import {
  buildGraph,
  edgeProbability,
  engineProblems,
  problemLine,
  workerFailureRate,
  workerWork,
  type PipelineDocument,
  type PipelineEdge,
  type ProducerNode,
  type QueueNode,
  type WorkerNode,
} from '../../shared/document';
import {
  producerJobOptions,
  queueDefaultJobOptions,
  workerOptions,
  type BullDefaultJobOptions,
  type BullJobOptions,
  type BullWorkerOptions,
} from '../../shared/bullmq-options';
import { fanOutPlan, type FanOutPlan } from './flow-plan';

/** A downstream hop: `edge` leads into queue `queueId`. */
export interface Hop {
  edgeId: string;
  queueId: string;
  probability: number;
}

export interface QueuePlan {
  node: QueueNode;
  /** The BullMQ queue name: the node's name, as the generated code uses it. */
  bullName: string;
  defaultJobOptions: BullDefaultJobOptions;
  attempts: number;
  /** queue → worker edges by worker id, for edge throughput. */
  consumerEdges: Map<string, string>;
}

export interface WorkerPlan {
  node: WorkerNode;
  queueId: string;
  options: BullWorkerOptions;
  work: 'io' | 'cpu';
  failureRate: number;
  onCompleted: Hop[];
  onFailed: Hop[];
  /** The flow a completed job adds (`children` and `parent` edges), if any: flows.ts. */
  fanOut?: FanOutPlan;
}

export interface ProducerPlan {
  node: ProducerNode;
  jobOptions: BullJobOptions;
  targets: Hop[];
}

export interface RunPlan {
  doc: PipelineDocument;
  queues: Map<string, QueuePlan>;
  workers: Map<string, WorkerPlan>;
  producers: Map<string, ProducerPlan>;
}

export type PlanResult = { ok: true; plan: RunPlan } | { ok: false; errors: string[] };

const hop = (edge: PipelineEdge): Hop => ({
  edgeId: edge.id,
  queueId: edge.to,
  probability: edgeProbability(edge),
});

/**
 * What the runner builds from a document, using the shared BullMQ mapping. Refuses, with one
 * message per problem, what BullMQ cannot run: the topology's checks (docs/architecture.md
 * "Topology"), worded as the editor's diagnostics are.
 */
export function planRun(doc: PipelineDocument): PlanResult {
  const graph = buildGraph(doc);
  const errors = engineProblems(graph, 'bullmq').map(problemLine);
  if (errors.length > 0) return { ok: false, errors };

  const queues = new Map<string, QueuePlan>();
  for (const node of graph.queues) {
    const defaultJobOptions = queueDefaultJobOptions(node);
    queues.set(node.id, {
      node,
      bullName: node.name,
      defaultJobOptions,
      attempts: defaultJobOptions.attempts ?? 1,
      consumerEdges: new Map(),
    });
  }

  const workers = new Map<string, WorkerPlan>();
  for (const node of graph.workers) {
    const input = graph.inputEdge(node.id)!;
    const queue = queues.get(input.from)!;
    queue.consumerEdges.set(node.id, input.id);
    workers.set(node.id, {
      node,
      queueId: input.from,
      options: workerOptions(node, queue.node),
      work: workerWork(node.config),
      failureRate: workerFailureRate(node.config),
      onCompleted: graph.routes(node.id, 'completed').map(hop),
      onFailed: graph.routes(node.id, 'failed').map(hop),
    });
    const fanOut = fanOutPlan(graph, node.id);
    if (fanOut) workers.get(node.id)!.fanOut = fanOut;
  }

  const producers = new Map<string, ProducerPlan>();
  for (const node of graph.producers) {
    producers.set(node.id, {
      node,
      jobOptions: producerJobOptions(node),
      // Every arrival adds one job to each target: no probability (docs/architecture.md).
      targets: graph.targets(node.id).map((edge) => ({ ...hop(edge), probability: 1 })),
    });
  }
  return { ok: true, plan: { doc, queues, workers, producers } };
}
