import { edgeOn } from '../defaults';
import type { NodeKind, PipelineNode } from '../schema';
import { ILLEGAL_PAIRS, kindsWith, legalEdgesInWords } from './edge-kinds';
import { flowChildren, flowCycles, flowJoins } from './flows';
import type { PipelineGraph } from './graph';
import { edgeLabel, nodeLabel } from './labels';

/**
 * Whether a document's shape is legal, one check per rule, each problem worded once: the
 * validation rules show these to the user, and code generation, the runner and the simulator
 * refuse a document with them (docs/architecture.md "Topology").
 */

export type TopologyRule =
  | 'illegal-edge'
  | 'failed-edge'
  | 'worker-input'
  | 'producer-target'
  | 'queue-name'
  | 'duplicate-name'
  | 'flow-join'
  | 'flow-children'
  | 'flow-cycle';

export interface TopologyProblem {
  rule: TopologyRule;
  nodeId?: string;
  edgeId?: string;
  /** What is wrong, naming the node or edge as the user named it. */
  message: string;
  /** How to fix it. */
  hint: string;
}

export { edgeLabel, nodeLabel } from './labels';

const article = (kind: NodeKind) => `a ${kind}`;
const either = (kinds: readonly NodeKind[]) => kinds.map(article).join(' or ');

/**
 * Edges the table of edge kinds has no row for, `failed` edges aside (see `failedEdges`):
 * wrong kinds of ends, a node joined to itself, an end that does not exist.
 */
export function illegalEdges(graph: PipelineGraph): TopologyProblem[] {
  return graph.doc.edges.flatMap((edge): TopologyProblem[] => {
    const from = graph.nodes.get(edge.from);
    const to = graph.nodes.get(edge.to);
    const base = { rule: 'illegal-edge' as const, edgeId: edge.id };
    if (!from || !to) {
      const missing = [edge.from, edge.to].filter((id) => !graph.nodes.has(id));
      return [
        {
          ...base,
          message: `edge ${edgeLabel(edge, graph)} joins a node that does not exist (${missing.map((id) => JSON.stringify(id)).join(', ')})`,
          hint: 'delete the edge, or connect two nodes of this pipeline',
        },
      ];
    }
    // failed edges: failedEdges; children and parent edges: flowJoins (flows.ts).
    if (edgeOn(edge) !== 'completed' || graph.kindOf(edge)) return [];
    if (from === to) {
      return [
        {
          ...base,
          message: `edge ${edgeLabel(edge, graph)} connects ${nodeLabel(from)} to itself`,
          hint: 'remove the edge; to re-process jobs, route them through a queue',
        },
      ];
    }
    const pair = ILLEGAL_PAIRS[`${from.kind}→${to.kind}`];
    return [
      {
        ...base,
        message: `edge ${edgeLabel(edge, graph)} joins ${article(from.kind)} to ${article(to.kind)}; ${pair?.why ?? `${article(from.kind)} cannot feed ${article(to.kind)} directly`}`,
        hint: pair?.hint ?? `only ${legalEdgesInWords()} are allowed`,
      },
    ];
  });
}

/** `failed` edges that do not move a worker's finally-failed jobs into a queue. */
export function failedEdges(graph: PipelineGraph): TopologyProblem[] {
  const starts = kindsWith('failed', 'from');
  const ends = kindsWith('failed', 'to');
  return graph.doc.edges.flatMap((edge): TopologyProblem[] => {
    const from = graph.nodes.get(edge.from);
    const to = graph.nodes.get(edge.to);
    if (edgeOn(edge) !== 'failed' || !from || !to || graph.kindOf(edge)) return [];
    const problems: string[] = [];
    if (!starts.includes(from.kind))
      problems.push(`starts at ${nodeLabel(from)}, not at ${either(starts)}`);
    if (!ends.includes(to.kind)) problems.push(`leads to ${nodeLabel(to)}, not to ${either(ends)}`);
    if (problems.length === 0) problems.push(`connects ${nodeLabel(from)} to itself`);
    return [
      {
        rule: 'failed-edge',
        edgeId: edge.id,
        message: `failed edge ${edgeLabel(edge, graph)} ${problems.join(' and ')}; only a worker's failed jobs can be moved, and only into a queue`,
        hint: starts.includes(from.kind)
          ? 'point it at a dead-letter queue (add a queue if needed)'
          : 'start it at the worker whose failed jobs should move, or remove "on": "failed"',
      },
    ];
  });
}

/**
 * A worker consumes exactly one queue. `idle: 'allowed'` lets a worker without any input
 * through (the simulator keeps it idle); two or more are always a problem.
 */
export function workerInputs(
  graph: PipelineGraph,
  idle: 'allowed' | 'refused' = 'refused',
): TopologyProblem[] {
  return graph.workers.flatMap((node): TopologyProblem[] => {
    const queues = graph.inputQueues(node.id);
    if (queues.length === 1 || (queues.length === 0 && idle === 'allowed')) return [];
    if (queues.length === 0) {
      return [
        {
          rule: 'worker-input',
          nodeId: node.id,
          message: `${nodeLabel(node)} has no input queue, so it never gets a job`,
          hint: 'connect the queue it should consume to it (queue → worker), or delete it',
        },
      ];
    }
    const names = queues.map((q) => JSON.stringify(q.name)).join(', ');
    return [
      {
        rule: 'worker-input',
        nodeId: node.id,
        message: `${nodeLabel(node)} consumes ${queues.length} queues (${names}); a BullMQ worker consumes exactly one`,
        hint: 'keep one input edge and add a separate worker for each other queue',
      },
    ];
  });
}

/** A producer adds its jobs to at least one queue. */
export function producerTargets(graph: PipelineGraph): TopologyProblem[] {
  return graph.producers.flatMap((node): TopologyProblem[] =>
    graph.targets(node.id).length > 0
      ? []
      : [
          {
            rule: 'producer-target',
            nodeId: node.id,
            message: `${nodeLabel(node)} has no target queue, so its jobs go nowhere`,
            hint: 'connect it to the queue its jobs belong in (producer → queue), or delete it',
          },
        ],
  );
}

/** BullMQ refuses a queue name containing ":" (it separates the parts of its Redis keys). */
export function queueNames(graph: PipelineGraph): TopologyProblem[] {
  return graph.queues.flatMap((node): TopologyProblem[] =>
    node.name.includes(':')
      ? [
          {
            rule: 'queue-name',
            nodeId: node.id,
            message: `${nodeLabel(node)} contains ":", which BullMQ does not allow in a queue name`,
            hint: `rename it, e.g. ${JSON.stringify(node.name.replaceAll(':', '-'))}`,
          },
        ]
      : [],
  );
}

const WHY_UNIQUE: Record<'queue' | 'worker', { why: string; hint: string }> = {
  queue: {
    why: 'BullMQ identifies a queue by its name, so they would be one queue',
    hint: 'give each queue its own name',
  },
  worker: {
    why: 'generated files, metrics and logs would mix them up',
    hint: 'give each worker its own name',
  },
};

/** Two queues (or two workers) with the same name: one problem per node that shares it. */
export function duplicateNames(
  graph: PipelineGraph,
  kinds: ReadonlyArray<'queue' | 'worker'> = ['queue', 'worker'],
): TopologyProblem[] {
  const groups = new Map<string, Array<PipelineNode & { kind: 'queue' | 'worker' }>>();
  for (const kind of kinds) {
    for (const node of kind === 'queue' ? graph.queues : graph.workers) {
      const key = `${kind}\u0000${node.name}`;
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(node);
    }
  }
  const found: TopologyProblem[] = [];
  for (const nodes of groups.values()) {
    if (nodes.length < 2) continue;
    for (const node of nodes) {
      found.push({
        rule: 'duplicate-name',
        nodeId: node.id,
        message: `${nodes.length} ${node.kind}s are named ${JSON.stringify(node.name)}; ${WHY_UNIQUE[node.kind].why}`,
        hint: WHY_UNIQUE[node.kind].hint,
      });
    }
  }
  return found;
}

/**
 * What stops an engine, in the order reported. BullMQ (generated code and real runs) needs every
 * worker fed by exactly one queue and queue names it accepts; the simulator keeps a worker
 * without input idle and has no names to clash.
 */
export function engineProblems(
  graph: PipelineGraph,
  engine: 'bullmq' | 'simulator',
): TopologyProblem[] {
  const edges = [...illegalEdges(graph), ...failedEdges(graph)];
  const flows = [...flowJoins(graph), ...flowChildren(graph), ...flowCycles(graph)];
  if (engine === 'simulator') return [...edges, ...workerInputs(graph, 'allowed'), ...flows];
  return [
    ...queueNames(graph),
    ...duplicateNames(graph, ['queue']),
    ...edges,
    ...workerInputs(graph),
    ...flows,
  ];
}

/** One problem as one line: what, then how to fix it. */
export const problemLine = (problem: TopologyProblem): string =>
  `${problem.message} (${problem.hint})`;
