import { edgeProbability, workerFailureRate } from '../../document/defaults';
import type { PipelineNode } from '../../document/schema';
import type { Diagnostic, RuleContext, ValidationRule } from '../types';
import { findZeroTimeLoops } from '../zero-time-loops';

const listNames = (nodes: readonly PipelineNode[]) => {
  const names = nodes.map((n) => JSON.stringify(n.name));
  return (names.length > 6 ? [...names.slice(0, 6), '…'] : names).join(', ');
};

/**
 * Two kinds of endless loop:
 * - an error: a loop jobs go round without time passing (workers that take no time; see
 *   zero-time-loops.ts). Nothing can simulate or run it: time never gets past that instant.
 * - a warning: jobs that can never leave a worker → queue loop: every worker on it always succeeds
 *   and always re-enqueues (probability 1) into the loop, and every queue on it feeds only the
 *   loop's workers. Other exits do not help: a job that also leaves still spawns its next round.
 *   Found as the largest set of nodes closed under "certainly passes a job on to a node of the
 *   set". A loop already reported as an error is not warned about again.
 */
export const endlessLoop: ValidationRule = {
  id: 'endless-loop',
  check({ doc, graph }) {
    const zeroTime = findZeroTimeLoops(doc, graph);
    const errors = zeroTime.map(({ queues, workers }): Diagnostic => {
      const anchor = workers[0] ?? queues[0]!;
      return {
        rule: 'endless-loop',
        severity: 'error',
        nodeId: anchor.id,
        message:
          `jobs go round ${listNames([...queues, ...workers])} without time passing: ` +
          `${listNames(workers)} take${workers.length === 1 ? 's' : ''} no time (service 0 ms) and ` +
          'at least one job comes back into the loop for each one taken, so a simulation never gets past that instant',
        hint: 'give a worker of the loop a service time above 0 ms, or lower an edge probability so fewer jobs come back',
      };
    });
    const reported = new Set(zeroTime.flatMap((l) => [...l.queues, ...l.workers]).map((n) => n.id));
    const warnings = certainLoops(doc, graph)
      .filter((members) => !members.some((n) => reported.has(n.id)))
      .map((members): Diagnostic => {
        const anchor = members.find((n) => n.kind === 'worker') ?? members[0]!;
        return {
          rule: 'endless-loop',
          severity: 'warning',
          nodeId: anchor.id,
          message: `jobs loop forever between ${listNames(members)}: every worker there always succeeds and always re-enqueues into the loop`,
          hint: 'give an edge of the loop a probability below 1 (or let a worker fail sometimes) so jobs can leave it',
        };
      });
    return [...errors, ...warnings];
  },
};

/** The loops no job ever leaves, each as its nodes in document order. */
function certainLoops(doc: RuleContext['doc'], graph: RuleContext['graph']): PipelineNode[][] {
  const inSet = new Set(doc.nodes.filter((n) => n.kind !== 'producer').map((n) => n.id));
  const keeps = (node: PipelineNode): boolean => {
    if (node.kind === 'queue') {
      const consumers = graph.consumers(node.id);
      return consumers.length > 0 && consumers.every((w) => inSet.has(w.id));
    }
    if (node.kind !== 'worker' || workerFailureRate(node.config) > 0) return false;
    return graph
      .routes(node.id, 'completed')
      .some((e) => edgeProbability(e) === 1 && inSet.has(e.to));
  };
  // Drop what cannot keep a job, then re-check only what depended on a dropped node: a queue
  // on its consumers (a dropped worker's queues), a worker on its targets (a dropped queue's
  // sources). Linear in the graph, however deep.
  const recheck = [...inSet];
  while (recheck.length > 0) {
    const id = recheck.pop()!;
    if (!inSet.has(id) || keeps(graph.nodes.get(id)!)) continue;
    inSet.delete(id);
    for (const edge of graph.incoming(id)) if (inSet.has(edge.from)) recheck.push(edge.from);
  }
  return components(inSet, doc.nodes, graph.outgoing);
}

/** Groups of the set joined by edges (either direction), each in document order. */
function components(
  ids: ReadonlySet<string>,
  nodes: readonly PipelineNode[],
  outgoing: (id: string) => readonly { to: string }[],
): PipelineNode[][] {
  const parent = new Map([...ids].map((id) => [id, id] as const));
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(id, r);
    return r;
  };
  for (const id of ids) {
    for (const e of outgoing(id)) if (ids.has(e.to)) parent.set(root(e.to), root(id));
  }
  const groups = new Map<string, PipelineNode[]>();
  for (const node of nodes) {
    if (!ids.has(node.id)) continue;
    const r = root(node.id);
    (groups.get(r) ?? groups.set(r, []).get(r)!).push(node);
  }
  return [...groups.values()];
}
