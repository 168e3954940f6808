import { edgeChildren, edgeOn, edgeProbability } from '../defaults';
import type { PipelineEdge } from '../schema';
import type { TopologyProblem } from './checks';
import { edgeLabel, nodeLabel } from './labels';
import type { PipelineGraph } from './graph';

/**
 * The legal shapes of BullMQ flows (docs/architecture.md "Flows"): a worker whose completed job
 * fans out `children` onto one or more queues and continues as one parent job on its `parent`
 * queue once they are done. Each problem is worded once here; validation rules show them and every
 * engine (simulator, runner, code generation) refuses a document with them.
 */

const q = (graph: PipelineGraph, id: string) => JSON.stringify(graph.nodes.get(id)?.name ?? id);

/**
 * Children and parent edges that do not make a flow: not from a worker to a queue, children
 * without a parent (a fan-out without a join queue), a parent without children, two parents.
 */
export function flowJoins(graph: PipelineGraph): TopologyProblem[] {
  const found: TopologyProblem[] = [];
  for (const edge of graph.doc.edges) {
    const on = edgeOn(edge);
    const from = graph.nodes.get(edge.from);
    const to = graph.nodes.get(edge.to);
    if ((on !== 'children' && on !== 'parent') || !from || !to || graph.kindOf(edge)) continue;
    found.push({
      rule: 'flow-join',
      edgeId: edge.id,
      message: `${on} edge ${edgeLabel(edge, graph)} joins ${nodeLabel(from)} to ${nodeLabel(to)}; a flow's ${on === 'children' ? 'children' : 'parent'} go from the worker that fans out to a queue`,
      hint: `start it at a worker and end it at a queue, or remove "on": "${on}"`,
    });
  }
  for (const worker of graph.workers) {
    const children = graph.routes(worker.id, 'children');
    const parents = graph.routes(worker.id, 'parent');
    const name = nodeLabel(worker);
    if (children.length > 0 && parents.length === 0) {
      found.push({
        rule: 'flow-join',
        nodeId: worker.id,
        message: `${name} fans out children onto ${children.map((e) => q(graph, e.to)).join(', ')} but has no parent edge: no job waits for the children, so nothing joins them`,
        hint: `add an edge with "on": "parent" from ${JSON.stringify(worker.name)} to the queue where the job continues once its children are done, or make the children edges "completed"`,
      });
    } else if (parents.length > 0 && children.length === 0) {
      found.push({
        rule: 'flow-join',
        nodeId: worker.id,
        message: `${name} has a parent edge to ${q(graph, parents[0]!.to)} but no children edge: the parent would wait for nothing`,
        hint: `add an edge with "on": "children" from ${JSON.stringify(worker.name)} to the queue of the children, or make the parent edge "completed"`,
      });
    }
    if (parents.length > 1) {
      found.push({
        rule: 'flow-join',
        nodeId: worker.id,
        message: `${name} has ${parents.length} parent edges (to ${parents.map((e) => q(graph, e.to)).join(', ')}); a flow has one parent job, in one queue`,
        hint: 'keep one parent edge; to continue in several queues, let the parent queue\'s worker pass its job on with "completed" edges',
      });
    }
  }
  return found;
}

/** Children edges that add no children (N < 1), and flow fields on edges that are not flows. */
export function flowChildren(graph: PipelineGraph): TopologyProblem[] {
  return graph.doc.edges.flatMap((edge): TopologyProblem[] => {
    const on = edgeOn(edge);
    if (on !== 'children') {
      const fields = (['children', 'childFailure'] as const).filter((f) => edge[f] !== undefined);
      if (fields.length === 0) return [];
      return [
        {
          rule: 'flow-children',
          edgeId: edge.id,
          message: `${on} edge ${edgeLabel(edge, graph)} has ${fields.map((f) => `"${f}"`).join(' and ')}, which only a children edge uses`,
          hint: `set "on": "children" to make it a fan-out, or remove ${fields.map((f) => `"${f}"`).join(' and ')}`,
        },
      ];
    }
    const count = edgeChildren(edge);
    const most = typeof count === 'number' ? count : count.max;
    if (most >= 1) return [];
    return [
      {
        rule: 'flow-children',
        edgeId: edge.id,
        message: `children edge ${edgeLabel(edge, graph)} adds ${typeof count === 'number' ? `${count} children` : `between ${count.min} and ${count.max} children`} per job (N < 1): no child ever runs and the parent never waits`,
        hint: '"children" must be 1 or more (or a uniform max of 1 or more); or make the edge a "completed" edge',
      },
    ];
  });
}

/**
 * Cycles through a flow: queues whose jobs come back to them along children or parent edges and
 * edges taken for sure (completed, probability 1), so every round fans out again and the flow
 * never ends (or, through children, its jobs multiply without bound). One problem per cycle,
 * on the first children or parent edge in it.
 */
export function flowCycles(graph: PipelineGraph): TopologyProblem[] {
  const next = (queueId: string): PipelineEdge[] =>
    graph
      .consumers(queueId)
      .flatMap((w) => [
        ...graph.routes(w.id, 'children'),
        ...graph.routes(w.id, 'parent'),
        ...graph.routes(w.id, 'completed').filter((e) => edgeProbability(e) >= 1),
      ]);
  const found: TopologyProblem[] = [];
  const reported = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  // path[i] is the edge taken out of queues[i].
  const queues: string[] = [];
  const path: PipelineEdge[] = [];
  const visit = (queueId: string): void => {
    state.set(queueId, 'open');
    queues.push(queueId);
    for (const edge of next(queueId)) {
      const seen = state.get(edge.to);
      if (seen === 'open') {
        const cycle = [...path.slice(queues.indexOf(edge.to)), edge];
        const flow = cycle.find((e) => edgeOn(e) === 'children' || edgeOn(e) === 'parent');
        if (flow && !reported.has(flow.id)) {
          reported.add(flow.id);
          const names = cycle.map((e) => q(graph, e.to));
          found.push({
            rule: 'flow-cycle',
            edgeId: flow.id,
            message: `queues ${[q(graph, edge.to), ...names].join(' → ')} form a cycle through the flow of ${edgeOn(flow)} edge ${edgeLabel(flow, graph)}: every job there fans out or continues again, so the flow never ends`,
            hint: 'break the cycle: let one worker in it complete without a children, parent or certain completed edge back, or give a completed edge in it a probability below 1',
          });
        }
      } else if (seen === undefined) {
        path.push(edge);
        visit(edge.to);
        path.pop();
      }
    }
    queues.pop();
    state.set(queueId, 'done');
  };
  for (const queue of graph.queues) if (!state.has(queue.id)) visit(queue.id);
  return found;
}
