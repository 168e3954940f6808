import type { BullDefaultJobOptions } from '../bullmq-options';
import { producerJobOptions, queueDefaultJobOptions } from '../bullmq-options';
import {
  edgeProbability,
  queueAttempts,
  workerCapacity,
  workerFailureRate,
} from '../document/defaults';
import type {
  PipelineDocument,
  ProducerNode,
  QueueNode,
  ServiceDistribution,
  WorkerNode,
} from '../document/schema';
import { buildGraph, engineProblems, nodeLabel, problemLine } from '../document/topology';
import { parseCron, type CronSchedule } from '../schedule/cron';
import { scenarioErrors } from '../validation/scenario-errors';
import { compileFanOuts, type FanOutModel } from './flow-model';

/**
 * A document compiled to integer-indexed stations, the form the engine runs. Every rule here is
 * docs/architecture.md "Semantics"; BullMQ options come from `bullmq-options.ts`, so the simulator and the
 * generated code read the document the same way.
 */

export interface Route {
  queue: number;
  edge: number;
  probability: number;
}

export interface ProducerModel {
  node: ProducerNode;
  targets: Route[];
  priority: number;
  delayMs: number;
  lifo: boolean;
  limit: number;
  startMs: number;
  stopMs: number;
  cron: CronSchedule | undefined;
}

export interface QueueModel {
  node: QueueNode;
  consumers: number[];
  /** Edge index of each consumer's queue → worker edge, parallel to `consumers`. */
  consumerEdges: number[];
  attempts: number;
  backoff: BullDefaultJobOptions['backoff'];
  /** BullMQ limiter, or max 0 when there is none. */
  limitMax: number;
  limitDurationMs: number;
}

export interface WorkerModel {
  node: WorkerNode;
  /** The queue it consumes, or -1 when it has none (it then stays idle). */
  queue: number;
  capacity: number;
  service: ServiceDistribution;
  failureRate: number;
  completed: Route[];
  failed: Route[];
}

export interface SimulationModel {
  doc: PipelineDocument;
  producers: ProducerModel[];
  queues: QueueModel[];
  workers: WorkerModel[];
  edgeIds: string[];
  /** Each worker's flow fan-out (flow-model.ts), or undefined. */
  fanOuts: Array<FanOutModel | undefined>;
  /** Document node ids in document order, with the station they map to. */
  order: Array<{ id: string; kind: 'producer' | 'queue' | 'worker'; index: number }>;
}

/** A document the simulator cannot run, with one message per problem. */
export class SimulationModelError extends Error {
  constructor(readonly problems: string[]) {
    super(`cannot simulate this pipeline:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SimulationModelError';
  }
}

export function compileModel(doc: PipelineDocument): SimulationModel {
  const problems: string[] = [];
  const producers: ProducerModel[] = [];
  const queues: QueueModel[] = [];
  const workers: WorkerModel[] = [];
  const order: SimulationModel['order'] = [];
  const index = new Map<string, { kind: string; index: number }>();

  for (const node of doc.nodes) {
    if (index.has(node.id)) {
      problems.push(`node id "${node.id}" is used twice; give each node its own id`);
      continue;
    }
    if (node.kind === 'producer') {
      const options = producerJobOptions(node);
      let cron: CronSchedule | undefined;
      const arrival = node.config.arrival;
      if (arrival.type === 'schedule' && arrival.cron !== undefined) {
        const parsed = parseCron(arrival.cron);
        if (parsed.ok) cron = parsed.cron;
        else problems.push(`${nodeLabel(node)}: cron "${arrival.cron}": ${parsed.error}`);
      }
      index.set(node.id, { kind: 'producer', index: producers.length });
      order.push({ id: node.id, kind: 'producer', index: producers.length });
      producers.push({
        node,
        targets: [],
        priority: options.priority ?? 0,
        delayMs: options.delay ?? 0,
        lifo: options.lifo ?? false,
        limit: node.config.limit ?? Infinity,
        startMs: node.config.startMs ?? 0,
        stopMs: node.config.stopMs ?? Infinity,
        cron,
      });
    } else if (node.kind === 'queue') {
      const limit = node.config.rateLimit;
      index.set(node.id, { kind: 'queue', index: queues.length });
      order.push({ id: node.id, kind: 'queue', index: queues.length });
      queues.push({
        node,
        consumers: [],
        consumerEdges: [],
        attempts: queueAttempts(node.config),
        backoff: queueDefaultJobOptions(node).backoff,
        limitMax: limit?.max ?? 0,
        // BullMQ sets the limiter key's expiry to floor(duration) ms.
        limitDurationMs: limit ? Math.max(1, Math.floor(limit.durationMs)) : 0,
      });
    } else {
      index.set(node.id, { kind: 'worker', index: workers.length });
      order.push({ id: node.id, kind: 'worker', index: workers.length });
      workers.push({
        node,
        queue: -1,
        capacity: workerCapacity(node.config),
        service: node.config.service,
        failureRate: workerFailureRate(node.config),
        completed: [],
        failed: [],
      });
    }
  }

  // The topology decides which edges are legal and what each one is (docs/architecture.md
  // "Topology"); edges are read in document order, so consumers keep their order.
  const graph = buildGraph(doc);
  problems.push(...engineProblems(graph, 'simulator').map(problemLine));
  // A scenario it cannot play is refused in the Problems panel's words, before any event runs.
  problems.push(...scenarioErrors(doc, graph).map((d) => `${d.message} (${d.hint})`));
  const edgeIds: string[] = [];
  doc.edges.forEach((edge, e) => {
    edgeIds.push(edge.id);
    const kind = graph.kindOf(edge);
    const from = index.get(edge.from);
    const to = index.get(edge.to);
    if (!kind || !from || !to) return;
    const route = {
      queue: to.index,
      edge: e,
      probability: kind.probability ? edgeProbability(edge) : 1,
    };
    switch (kind.id) {
      case 'enqueue':
        producers[from.index]!.targets.push(route);
        break;
      case 'consume':
        if (graph.inputEdge(edge.to) !== edge) break;
        workers[to.index]!.queue = from.index;
        queues[from.index]!.consumers.push(to.index);
        queues[from.index]!.consumerEdges.push(e);
        break;
      case 'completed':
      case 'failed':
        workers[from.index]![kind.id].push(route);
        break;
    }
  });

  if (problems.length > 0) throw new SimulationModelError(problems);
  const edgeIndex = new Map(doc.edges.map((edge, e) => [edge, e] as const));
  const fanOuts = compileFanOuts(graph, (id) => index.get(id)!.index, edgeIndex);
  return { doc, producers, queues, workers, edgeIds, fanOuts, order };
}
