import {
  childCountBounds,
  childFailureOptions,
  type BullChildFailureOptions,
} from '../bullmq-options';
import { edgeProbability, resolveSettings } from '../document/defaults';
import type { PipelineDocument, ProducerNode, QueueNode, WorkerNode } from '../document/schema';
import { buildGraph, engineProblems } from '../document/topology';
import type { Diagnostic } from '../validation/types';
import { NameAllocator, type NodeNames } from './names';

/**
 * What code generation needs from a document: each node with its names, the graph resolved
 * into producers → queues → workers → queues, and the payload types flowing along it.
 */

export interface ProducerModel {
  node: ProducerNode;
  names: NodeNames;
  /** One job per arrival into each of these (one per edge, as the runner and simulator do). */
  targets: QueueModel[];
}

/**
 * One kind of job data a queue receives: a producer's payload, a worker's dead letters, or any
 * JSON, for a queue nothing in the pipeline feeds.
 */
export type PayloadSource =
  | { kind: 'producer'; producer: ProducerModel }
  | { kind: 'json' }
  | { kind: 'dead-letter'; queue: QueueModel };

export interface QueueModel {
  node: QueueNode;
  names: NodeNames;
  /** Every kind of data that can arrive: producers' payloads first, in document order. */
  sources: PayloadSource[];
  consumers: WorkerModel[];
  /**
   * A flow's parent queue: the workers whose results its jobs' children values can be (each
   * child's, and the parent of a nested flow that took a child's place). Empty otherwise.
   */
  childResults: WorkerModel[];
}

export interface RouteModel {
  queue: QueueModel;
  probability: number;
  /**
   * Unique among the worker's routes of one kind, an identifier name (`audit`, `audit_2`): names
   * the route in code and in the ids of the jobs passed along it.
   */
  tag: string;
}

/** A `children` edge: N children per completed job (uniform over min..max), with its policy. */
export interface ChildrenModel {
  queue: QueueModel;
  min: number;
  max: number;
  options: BullChildFailureOptions;
  /** Unique among the worker's children edges: names the edge in the children's job ids. */
  tag: string;
}

/** The flow a worker's completed job adds (docs/architecture.md "Flows"). */
export interface FanOutModel {
  parent: QueueModel;
  children: ChildrenModel[];
}

export interface WorkerModel {
  node: WorkerNode;
  names: NodeNames;
  input: QueueModel;
  /** `on: completed` edges: each taken independently with its probability. */
  routes: RouteModel[];
  /** `on: failed` edges: where a job that failed its last attempt goes. */
  deadLetters: RouteModel[];
  /** `children` and `parent` edges: the flow each completed job adds. */
  fanOut?: FanOutModel;
}

export interface CodegenModel {
  doc: PipelineDocument;
  producers: ProducerModel[];
  queues: QueueModel[];
  workers: WorkerModel[];
  settings: Required<NonNullable<PipelineDocument['settings']>>;
}

/** A document that cannot become a project, with every reason why. */
export class CodegenError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`cannot generate code: ${diagnostics.map((d) => `${d.message} (${d.hint})`).join('; ')}`);
    this.name = 'CodegenError';
  }
}

/** Resolves a document for code generation; throws CodegenError when it cannot run. */
export function buildModel(doc: PipelineDocument): CodegenModel {
  // What BullMQ cannot run is the topology's to say (docs/architecture.md "Topology").
  const graph = buildGraph(doc);
  const problems = engineProblems(graph, 'bullmq').map((p): Diagnostic => ({
    ...p,
    severity: 'error',
  }));

  const producerNames = new NameAllocator('producer');
  const queueNames = new NameAllocator('queue');
  // docker-compose.yml names one service per worker beside the `redis` service.
  const workerNames = new NameAllocator('worker', ['redis']);

  const queues = new Map<string, QueueModel>();
  for (const node of graph.queues) {
    queues.set(node.id, {
      node,
      names: queueNames.allocate(node.name),
      sources: [],
      consumers: [],
      childResults: [],
    });
  }
  const producers = graph.producers.map((node): ProducerModel => ({
    node,
    names: producerNames.allocate(node.name),
    targets: graph.targets(node.id).map((e) => queues.get(e.to)!),
  }));
  const workers: WorkerModel[] = [];
  for (const node of graph.workers) {
    const input = graph.inputEdge(node.id);
    if (!input) continue;
    const routeList = (on: 'completed' | 'failed' | 'children') => {
      const used = new Map<string, number>();
      return graph.routes(node.id, on).map((edge) => {
        const queue = queues.get(edge.to)!;
        const n = (used.get(queue.names.key) ?? 0) + 1;
        used.set(queue.names.key, n);
        const tag = n === 1 ? queue.names.key : `${queue.names.key}_${n}`;
        return { queue, probability: edgeProbability(edge), tag, edge };
      });
    };
    const worker: WorkerModel = {
      node,
      names: workerNames.allocate(node.name),
      input: queues.get(input.from)!,
      routes: routeList('completed').map(({ edge: _, ...route }) => route),
      deadLetters: routeList('failed').map(({ edge: _, ...route }) => route),
    };
    const parent = graph.routes(node.id, 'parent')[0];
    const children = routeList('children');
    if (parent && children.length > 0) {
      worker.fanOut = {
        parent: queues.get(parent.to)!,
        children: children.map(({ queue, tag, edge }) => ({
          queue,
          tag,
          ...childCountBounds(edge),
          options: childFailureOptions(edge),
        })),
      };
    }
    worker.input.consumers.push(worker);
    workers.push(worker);
  }
  if (problems.length > 0) throw new CodegenError(problems);

  const model: CodegenModel = {
    doc,
    producers,
    queues: [...queues.values()],
    workers,
    settings: resolveSettings(doc.settings),
  };
  resolvePayloadSources(model);
  resolveChildResults(model);
  return model;
}

/**
 * What each flow parent queue's children can return: the results of the workers of its children
 * queues and, where such a worker fans out itself, of the workers of its own parent queue, whose
 * parent takes the child's place (nesting), and so on down.
 */
function resolveChildResults(model: CodegenModel): void {
  const completesAs = (queue: QueueModel, seen: Set<QueueModel>): WorkerModel[] => {
    if (seen.has(queue)) return [];
    seen.add(queue);
    return queue.consumers.flatMap((w) => [
      w,
      ...(w.fanOut ? completesAs(w.fanOut.parent, seen) : []),
    ]);
  };
  for (const worker of model.workers) {
    if (!worker.fanOut) continue;
    const into = worker.fanOut.parent.childResults;
    for (const edge of worker.fanOut.children) {
      for (const w of completesAs(edge.queue, new Set())) if (!into.includes(w)) into.push(w);
    }
  }
}

/**
 * Which payloads reach each queue: producers' payloads, carried unchanged along completion
 * edges (a handler returns what it received, unless you change it), and dead letters of the
 * queue a failing worker consumed. Iterates to a fixed point, so cycles are fine.
 */
function resolvePayloadSources(model: CodegenModel): void {
  const sets = new Map<QueueModel, Set<string>>(model.queues.map((q) => [q, new Set<string>()]));
  const producerIndex = new Map<string, ProducerModel>(model.producers.map((p, i) => [`p${i}`, p]));
  const queueIndex = new Map<string, QueueModel>(model.queues.map((q, i) => [`q${i}`, q]));
  const queueKey = new Map<QueueModel, string>(model.queues.map((q, i) => [q, `q${i}`]));
  model.producers.forEach((producer, i) => {
    for (const target of producer.targets) sets.get(target)!.add(`p${i}`);
  });
  const propagate = () => {
    for (let changed = true; changed;) {
      changed = false;
      for (const worker of model.workers) {
        const from = sets.get(worker.input)!;
        const add = (into: Set<string>, source: string) => {
          if (!into.has(source)) {
            into.add(source);
            changed = true;
          }
        };
        // A flow's children and parent carry the job's result on, as a completed route does.
        const onward = [
          ...worker.routes.map((r) => r.queue),
          ...(worker.fanOut
            ? [worker.fanOut.parent, ...worker.fanOut.children.map((c) => c.queue)]
            : []),
        ];
        for (const queue of onward) {
          const into = sets.get(queue)!;
          for (const source of from) add(into, source);
        }
        for (const route of worker.deadLetters) {
          add(sets.get(route.queue)!, `d${queueKey.get(worker.input)!}`);
        }
      }
    }
  };
  // A queue nothing in the pipeline feeds takes any JSON, which flows on like a payload.
  for (;;) {
    propagate();
    const empty = model.queues.filter((q) => sets.get(q)!.size === 0);
    if (empty.length === 0) break;
    for (const queue of empty) sets.get(queue)!.add('json');
  }
  const order = (id: string) =>
    id === 'json' ? 1e9 : (id.startsWith('p') ? 0 : 2e9) + Number(id.replace(/\D/g, ''));
  for (const queue of model.queues) {
    queue.sources = [...sets.get(queue)!]
      .sort((a, b) => order(a) - order(b))
      .map((id): PayloadSource => {
        if (id === 'json') return { kind: 'json' };
        return id.startsWith('p')
          ? { kind: 'producer', producer: producerIndex.get(id)! }
          : { kind: 'dead-letter', queue: queueIndex.get(id.slice(1))! };
      });
  }
}
