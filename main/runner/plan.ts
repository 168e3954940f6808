import {
  buildGraph,
  edgeOn,
  edgeProbability,
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

const hopsOf = (edges: readonly PipelineEdge[], queues: Map<string, QueueNode>, on: string) =>
  edges
    .filter((e) => queues.has(e.to) && edgeOn(e) === on)
    .map((e) => ({ edgeId: e.id, queueId: e.to, probability: edgeProbability(e) }));

/**
 * What the runner builds from a document, using the shared BullMQ mapping. Refuses, with one
 * message per problem, what cannot run: a worker without exactly one input queue, duplicate or
 * invalid BullMQ queue names.
 */
export function planRun(doc: PipelineDocument): PlanResult {
  const graph = buildGraph(doc);
  const errors: string[] = [];
  const queueNodes = new Map(
    doc.nodes.filter((n): n is QueueNode => n.kind === 'queue').map((n) => [n.id, n] as const),
  );
  const queues = new Map<string, QueuePlan>();
  const byName = new Map<string, string>();
  for (const node of queueNodes.values()) {
    if (node.name.includes(':')) {
      errors.push(
        `queue "${node.name}" (${node.id}): BullMQ queue names cannot contain ":"; rename the queue`,
      );
    }
    const other = byName.get(node.name);
    if (other !== undefined) {
      errors.push(
        `queues ${other} and ${node.id} are both named "${node.name}"; BullMQ would treat them ` +
          'as one queue: give each queue its own name',
      );
    }
    byName.set(node.name, node.id);
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
  for (const node of doc.nodes) {
    if (node.kind !== 'worker') continue;
    const inputs = graph.incoming(node.id).filter((e) => queueNodes.has(e.from));
    if (inputs.length !== 1) {
      errors.push(
        `worker "${node.name}" (${node.id}) has ${inputs.length} input queues; connect exactly ` +
          'one queue to it',
      );
      continue;
    }
    const input = inputs[0]!;
    const queue = queues.get(input.from)!;
    queue.consumerEdges.set(node.id, input.id);
    const outgoing = graph.outgoing(node.id);
    workers.set(node.id, {
      node,
      queueId: input.from,
      options: workerOptions(node, queue.node),
      work: workerWork(node.config),
      failureRate: workerFailureRate(node.config),
      onCompleted: hopsOf(outgoing, queueNodes, 'completed'),
      onFailed: hopsOf(outgoing, queueNodes, 'failed'),
    });
  }

  const producers = new Map<string, ProducerPlan>();
  for (const node of doc.nodes) {
    if (node.kind !== 'producer') continue;
    producers.set(node.id, {
      node,
      jobOptions: producerJobOptions(node),
      targets: graph
        .outgoing(node.id)
        .filter((e) => queueNodes.has(e.to))
        .map((e) => ({ edgeId: e.id, queueId: e.to, probability: edgeProbability(e) })),
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, plan: { doc, queues, workers, producers } };
}
