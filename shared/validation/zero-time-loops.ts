import { edgeProbability, queueAttempts, workerFailureRate } from '../document/defaults';
import type { PipelineGraph } from '../document/topology';
import type {
  PipelineDocument,
  QueueNode,
  ServiceDistribution,
  WorkerNode,
} from '../document/schema';

/**
 * Loops that jobs can go round without time passing: every worker on them takes no time (its
 * service is always 0 ms), no queue on them has a rate limit (a limiter makes time pass), and a
 * job taken from the loop puts back, on average, at least one job into it. A simulation then
 * never gets past that instant, and a real run spins. Less than one job back per job is fine:
 * the loop dies out at once.
 *
 * The loop is found over queues: q → q' weighs the expected jobs a zero-time consumer of q adds
 * to q' for each job it takes (edge probability × the chance the job ends on that edge's side:
 * completed 1 − f^attempts, failed f^attempts); with several zero-time consumers the largest
 * counts, since any of them may take the job. A strongly connected group of queues loops without
 * end when the Perron root of its weights is at least 1.
 */

export interface ZeroTimeLoop {
  queues: QueueNode[];
  workers: WorkerNode[];
}

/** True when every sample of the distribution is 0 ms. */
export function alwaysZero(service: ServiceDistribution): boolean {
  switch (service.type) {
    case 'fixed':
      return service.ms === 0;
    case 'uniform':
      return service.maxMs === 0;
    case 'normal':
      return service.meanMs === 0 && service.stdDevMs === 0;
    default:
      return false;
  }
}

export function findZeroTimeLoops(doc: PipelineDocument, graph: PipelineGraph): ZeroTimeLoop[] {
  const queues = doc.nodes.filter(
    (n): n is QueueNode => n.kind === 'queue' && n.config.rateLimit === undefined,
  );
  const index = new Map(queues.map((q, i) => [q.id, i] as const));
  // weights[i]: target queue index → expected jobs per job taken from queue i.
  const weights = queues.map((q) => {
    const row = new Map<number, number>();
    const attempts = queueAttempts(q.config);
    for (const w of graph.consumers(q.id)) {
      if (!alwaysZero(w.config.service)) continue;
      const failsFinally = workerFailureRate(w.config) ** attempts;
      const mine = new Map<number, number>();
      for (const on of ['completed', 'failed'] as const) {
        const side = on === 'failed' ? failsFinally : 1 - failsFinally;
        for (const e of graph.routes(w.id, on)) {
          const to = index.get(e.to);
          if (to !== undefined) mine.set(to, (mine.get(to) ?? 0) + edgeProbability(e) * side);
        }
      }
      for (const [to, weight] of mine) row.set(to, Math.max(row.get(to) ?? 0, weight));
    }
    return row;
  });
  const loops: ZeroTimeLoop[] = [];
  for (const group of stronglyConnected(weights)) {
    const inGroup = new Set(group);
    const local = group.map((i) => [...weights[i]!].filter(([to, w]) => inGroup.has(to) && w > 0));
    const selfLoop = local[0]!.some(([to]) => to === group[0]);
    if (group.length === 1 && !selfLoop) continue;
    if (perronRootAtLeastOne(group, local)) {
      const members = group.map((i) => queues[i]!);
      const workers = new Map<string, WorkerNode>();
      for (const q of members) {
        for (const w of graph.consumers(q.id)) {
          const feedsGroup = graph.routes(w.id).some((e) => inGroup.has(index.get(e.to) ?? -1));
          if (alwaysZero(w.config.service) && feedsGroup) workers.set(w.id, w);
        }
      }
      loops.push({ queues: members, workers: [...workers.values()] });
    }
  }
  return loops;
}

/**
 * Whether ρ(M) ≥ 1 for the non-negative irreducible M given by rows `local` over `group`.
 * The row sums bound ρ; in between, power iteration on M + I (primitive, so it converges) with
 * Collatz–Wielandt bounds min/max (Av)_i / v_i decides it.
 */
function perronRootAtLeastOne(group: number[], local: Array<Array<[number, number]>>): boolean {
  const sums = local.map((row) => row.reduce((s, [, w]) => s + w, 0));
  if (Math.min(...sums) >= 1) return true;
  if (Math.max(...sums) < 1) return false;
  const at = new Map(group.map((g, k) => [g, k] as const));
  let v = group.map(() => 1);
  let estimate = 1;
  for (let iteration = 0; iteration < 500; iteration++) {
    const next = local.map((row, k) => row.reduce((s, [to, w]) => s + w * v[at.get(to)!]!, v[k]!));
    const ratios = next.map((x, k) => x / v[k]!);
    const low = Math.min(...ratios) - 1;
    const high = Math.max(...ratios) - 1;
    if (low >= 1 - 1e-12) return true;
    if (high < 1 - 1e-12) return false;
    estimate = (low + high) / 2;
    const scale = Math.max(...next);
    v = next.map((x) => x / scale);
  }
  return estimate >= 1 - 1e-9;
}

/** Tarjan's strongly connected components, iterative so a deep graph cannot overflow the stack. */
function stronglyConnected(rows: ReadonlyArray<ReadonlyMap<number, number>>): number[][] {
  const n = rows.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const groups: number[][] = [];
  const targets = rows.map((row) => [...row.keys()]);
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    const work: Array<[number, number]> = [[root, 0]];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const [node, next] = top;
      const edges = targets[node]!;
      if (next < edges.length) {
        top[1]++;
        const to = edges[next]!;
        if (order[to] === -1) {
          order[to] = low[to] = counter++;
          stack.push(to);
          onStack[to] = 1;
          work.push([to, 0]);
        } else if (onStack[to]) low[node] = Math.min(low[node]!, order[to]!);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[node]!);
      }
      if (low[node] === order[node]) {
        const group: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = 0;
          group.push(member);
        } while (member !== node);
        groups.push(group.sort((a, b) => a - b));
      }
    }
  }
  return groups;
}
