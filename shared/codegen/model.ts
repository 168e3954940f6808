import { edgeOn, edgeProbability, resolveSettings } from '../document/defaults';
import type {
  PipelineDocument,
  PipelineNode,
  ProducerNode,
  QueueNode,
  WorkerNode,
} from '../document/schema';
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

export interface WorkerModel {
  node: WorkerNode;
  names: NodeNames;
  input: QueueModel;
  /** `on: completed` edges: each taken independently with its probability. */
  routes: RouteModel[];
  /** `on: failed` edges: where a job that failed its last attempt goes. */
  deadLetters: RouteModel[];
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

const quote = (node: PipelineNode) => `${node.kind} ${JSON.stringify(node.name)}`;

/** Resolves a document for code generation; throws CodegenError when it cannot run. */
export function buildModel(doc: PipelineDocument): CodegenModel {
  const problems: Diagnostic[] = [];
  const problem = (d: Omit<Diagnostic, 'rule' | 'severity'>) =>
    problems.push({ rule: 'codegen', severity: 'error', ...d });

  const producerNames = new NameAllocator('producer');
  const queueNames = new NameAllocator('queue');
  // docker-compose.yml names one service per worker beside the `redis` service.
  const workerNames = new NameAllocator('worker', ['redis']);

  const producers = new Map<string, ProducerModel>();
  const queues = new Map<string, QueueModel>();
  const workers = new Map<string, WorkerModel>();
  const queueByName = new Map<string, QueueNode>();
  for (const node of doc.nodes) {
    if (node.kind === 'producer') {
      producers.set(node.id, { node, names: producerNames.allocate(node.name), targets: [] });
    } else if (node.kind === 'queue') {
      queues.set(node.id, {
        node,
        names: queueNames.allocate(node.name),
        sources: [],
        consumers: [],
      });
      if (node.name.includes(':')) {
        problem({
          nodeId: node.id,
          message: `${quote(node)} has a ":" in its name, which BullMQ does not allow in queue names`,
          hint: 'rename the queue without ":"',
        });
      }
      const same = queueByName.get(node.name);
      if (same) {
        problem({
          nodeId: node.id,
          message: `${quote(node)} has the same name as queue ${JSON.stringify(same.id)}, so BullMQ would treat them as one queue`,
          hint: 'give each queue its own name',
        });
      } else queueByName.set(node.name, node);
    }
  }

  const nodes = new Map(doc.nodes.map((n) => [n.id, n] as const));
  const inputs = new Map<string, QueueModel[]>();
  const outgoing = new Map<string, { queue: QueueModel; on: string; probability: number }[]>();
  for (const edge of doc.edges) {
    const from = nodes.get(edge.from);
    const to = nodes.get(edge.to);
    if (!from || !to) continue;
    const wrong = (what: string) =>
      problem({
        edgeId: edge.id,
        message: `edge ${JSON.stringify(edge.id)} joins ${quote(from)} to ${quote(to)}: ${what}`,
        hint: 'connect producer → queue, queue → worker and worker → queue',
      });
    if (from.kind === 'producer') {
      const queue = queues.get(to.id);
      if (queue) producers.get(from.id)!.targets.push(queue);
      else wrong('a producer adds jobs to queues only');
    } else if (from.kind === 'queue') {
      if (to.kind === 'worker') {
        const list = inputs.get(to.id) ?? [];
        list.push(queues.get(from.id)!);
        inputs.set(to.id, list);
      } else wrong('a queue feeds workers only');
    } else {
      const queue = queues.get(to.id);
      if (!queue) wrong('a worker passes jobs on to queues only');
      else {
        const list = outgoing.get(from.id) ?? [];
        list.push({ queue, on: edgeOn(edge), probability: edgeProbability(edge) });
        outgoing.set(from.id, list);
      }
    }
  }

  for (const node of doc.nodes) {
    if (node.kind !== 'worker') continue;
    const input = inputs.get(node.id) ?? [];
    if (input.length !== 1) {
      problem({
        nodeId: node.id,
        message: `${quote(node)} consumes ${input.length === 0 ? 'no queue' : `${input.length} queues`}`,
        hint: 'connect exactly one queue to each worker',
      });
      continue;
    }
    const routeList = (on: string) => {
      const used = new Map<string, number>();
      return (outgoing.get(node.id) ?? [])
        .filter((o) => o.on === on)
        .map((o) => {
          const n = (used.get(o.queue.names.key) ?? 0) + 1;
          used.set(o.queue.names.key, n);
          const tag = n === 1 ? o.queue.names.key : `${o.queue.names.key}_${n}`;
          return { queue: o.queue, probability: o.probability, tag };
        });
    };
    const worker: WorkerModel = {
      node,
      names: workerNames.allocate(node.name),
      input: input[0]!,
      routes: routeList('completed'),
      deadLetters: routeList('failed'),
    };
    worker.input.consumers.push(worker);
    workers.set(node.id, worker);
  }
  if (problems.length > 0) throw new CodegenError(problems);

  const model: CodegenModel = {
    doc,
    producers: [...producers.values()],
    queues: [...queues.values()],
    workers: [...workers.values()],
    settings: resolveSettings(doc.settings),
  };
  resolvePayloadSources(model);
  return model;
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
        for (const route of worker.routes) {
          const into = sets.get(route.queue)!;
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
