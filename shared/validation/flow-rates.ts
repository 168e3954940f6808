import {
  edgeProbability,
  meanArrivalRatePerSec,
  queueAttempts,
  workerCapacity,
  workerFailureRate,
} from '../document/defaults';
import { buildGraph, type PipelineGraph } from '../document/topology';
import type { PipelineDocument, QueueNode, WorkerNode } from '../document/schema';

/**
 * Long-run job flow through a pipeline, from the producers' mean rates (docs/architecture.md semantics):
 * - a producer adds one job per arrival to each queue it targets;
 * - a queue's jobs are shared among its workers in proportion to their capacity
 *   (concurrency × replicas);
 * - a job fails for good with probability failureRate^attempts (attempts of the queue it came
 *   from) and then follows the worker's `failed` edges; otherwise it completes and each
 *   `completed` edge enqueues a job with that edge's probability, independently.
 * Loops are solved exactly; a loop that re-enqueues at least as many jobs as it receives gives
 * Infinity for its queues (and everything downstream). Retries are not counted here: see
 * `expectedAttempts` for the extra work they add. Edges that the rules flag as illegal carry no flow.
 */
export interface FlowRates {
  /** New jobs per second entering each queue (by queue id). */
  queues: Map<string, number>;
  /** New jobs per second handed to each worker (by worker id). */
  workers: Map<string, number>;
}

/** Mean number of attempts per job when each attempt fails with probability `failureRate`. */
export function expectedAttempts(failureRate: number, attempts: number): number {
  if (failureRate >= 1) return attempts;
  return (1 - failureRate ** attempts) / (1 - failureRate);
}

/** Probability that a job fails its last attempt. */
export const finalFailureProbability = (failureRate: number, attempts: number): number =>
  failureRate ** attempts;

/** The workers consuming a queue, each with its share of the queue's jobs. */
export function consumerShares(
  graph: PipelineGraph,
  queueId: string,
): Array<{ worker: WorkerNode; share: number }> {
  const workers = [...new Map(graph.consumers(queueId).map((w) => [w.id, w] as const)).values()];
  const total = workers.reduce((sum, w) => sum + workerCapacity(w.config), 0);
  return workers.map((worker) => ({ worker, share: workerCapacity(worker.config) / total }));
}

/** New jobs per second entering each queue, by queue id. */
export function arrivalRatesPerSec(doc: PipelineDocument): Map<string, number> {
  return flowRatesPerSec(doc).queues;
}

interface Transfer {
  to: number;
  coefficient: number;
}

/** Flow rates by the graph they were solved for (a graph is of one document, as it was). */
const solved = new WeakMap<PipelineGraph, FlowRates>();

/**
 * Jobs per second through each queue and worker. Solved once per graph: the rules and the
 * queueing theory that ask for the same graph share the answer.
 */
export function flowRatesPerSec(doc: PipelineDocument, graph = buildGraph(doc)): FlowRates {
  const known = solved.get(graph);
  if (known) return known;
  const rates = solveFlowRates(doc, graph);
  solved.set(graph, rates);
  return rates;
}

function solveFlowRates(doc: PipelineDocument, graph: PipelineGraph): FlowRates {
  const queues = doc.nodes.filter((n): n is QueueNode => n.kind === 'queue');
  const indexOf = new Map(queues.map((q, i) => [q.id, i] as const));
  const external = new Array<number>(queues.length).fill(0);
  for (const producer of doc.nodes) {
    if (producer.kind !== 'producer') continue;
    const rate = meanArrivalRatePerSec(producer.config.arrival);
    for (const edge of graph.targets(producer.id)) external[indexOf.get(edge.to)!]! += rate;
  }
  const transfers = queues.map((queue) => transfersOf(graph, queue, indexOf));
  const rates = solve(external, transfers);

  const workers = new Map<string, number>();
  queues.forEach((queue, i) => {
    for (const { worker, share } of consumerShares(graph, queue.id)) {
      const add = rates[i]! === 0 ? 0 : rates[i]! * share;
      workers.set(worker.id, (workers.get(worker.id) ?? 0) + add);
    }
  });
  for (const node of doc.nodes) {
    if (node.kind === 'worker' && !workers.has(node.id)) workers.set(node.id, 0);
  }
  return { queues: new Map(queues.map((q, i) => [q.id, rates[i]!] as const)), workers };
}

function transfersOf(
  graph: PipelineGraph,
  queue: QueueNode,
  indexOf: ReadonlyMap<string, number>,
): Transfer[] {
  const out: Transfer[] = [];
  for (const { worker, share } of consumerShares(graph, queue.id)) {
    const failed = finalFailureProbability(
      workerFailureRate(worker.config),
      queueAttempts(queue.config),
    );
    const routes = [
      ...graph.routes(worker.id, 'completed').map((edge) => ({ edge, side: 1 - failed })),
      ...graph.routes(worker.id, 'failed').map((edge) => ({ edge, side: failed })),
    ];
    for (const { edge, side } of routes) {
      const coefficient = share * side * edgeProbability(edge);
      if (coefficient > 0) out.push({ to: indexOf.get(edge.to)!, coefficient });
    }
  }
  return out;
}

/** Solves rate = external + Σ inflow, one strongly connected group of queues at a time. */
function solve(external: readonly number[], transfers: readonly Transfer[][]): number[] {
  const rates = new Array<number>(external.length).fill(0);
  const inflow = [...external];
  const groups = stronglyConnected(transfers).reverse(); // upstream groups first
  for (const group of groups) {
    const members = new Set(group);
    const internal = group.some((q) => transfers[q]!.some((t) => members.has(t.to)));
    const values = internal ? solveLoop(group, members, inflow, transfers) : [inflow[group[0]!]!];
    group.forEach((q, k) => {
      rates[q] = values[k]!;
      for (const t of transfers[q]!) {
        if (!members.has(t.to) && rates[q]! > 0) inflow[t.to]! += rates[q]! * t.coefficient;
      }
    });
  }
  return rates;
}

const DIRECT_SOLVE_LIMIT = 300;

/** Rates of a loop of queues: (I − M) x = b, or Infinity where the loop does not drain. */
function solveLoop(
  group: readonly number[],
  members: ReadonlySet<number>,
  inflow: readonly number[],
  transfers: readonly Transfer[][],
): number[] {
  const b = group.map((q) => inflow[q]!);
  if (b.every((v) => v === 0)) return b;
  if (b.some((v) => !Number.isFinite(v))) return b.map(() => Infinity);
  const position = new Map(group.map((q, k) => [q, k] as const));
  const n = group.length;
  let x: number[] | undefined;
  if (n <= DIRECT_SOLVE_LIMIT) {
    const a = group.map(() => new Array<number>(n).fill(0));
    group.forEach((q, k) => {
      a[k]![k]! += 1;
      // x_to receives coefficient × x_q: column q of row `to` loses it.
      for (const t of transfers[q]!)
        if (members.has(t.to)) a[position.get(t.to)!]![k]! -= t.coefficient;
    });
    x = gaussianSolve(a, b);
  } else {
    x = iterate(group, members, position, b, transfers);
  }
  // With a positive input, a non-negative solution exists only when the loop drains (ρ < 1).
  const scale = Math.max(...b);
  if (!x || x.some((v) => !Number.isFinite(v) || v < -1e-9 * scale)) return b.map(() => Infinity);
  return x.map((v) => Math.max(0, v));
}

function gaussianSolve(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const rhs = [...b];
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    }
    if (Math.abs(a[pivot]![col]!) < 1e-12) return undefined;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [rhs[col], rhs[pivot]] = [rhs[pivot]!, rhs[col]!];
    const row = a[col]!;
    for (let r = col + 1; r < n; r++) {
      const factor = a[r]![col]! / row[col]!;
      if (factor === 0) continue;
      for (let c = col; c < n; c++) a[r]![c]! -= factor * row[c]!;
      rhs[r]! -= factor * rhs[col]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = rhs[r]!;
    for (let c = r + 1; c < n; c++) sum -= a[r]![c]! * x[c]!;
    x[r] = sum / a[r]![r]!;
  }
  return x;
}

/**
 * Gauss-Seidel sweeps for very large loops, visiting queues in depth-first order along the
 * loop so one sweep carries jobs all the way round; undefined when it does not settle.
 */
function iterate(
  group: readonly number[],
  members: ReadonlySet<number>,
  position: ReadonlyMap<number, number>,
  b: readonly number[],
  transfers: readonly Transfer[][],
): number[] | undefined {
  const incoming = group.map(() => [] as Array<[number, number]>);
  group.forEach((q, k) => {
    for (const t of transfers[q]!) {
      if (members.has(t.to)) incoming[position.get(t.to)!]!.push([k, t.coefficient]);
    }
  });
  const order: number[] = [];
  const seen = new Set<number>();
  const stack = [0];
  while (stack.length > 0) {
    const k = stack.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    order.push(k);
    for (const t of transfers[group[k]!]!) {
      const next = position.get(t.to);
      if (next !== undefined && !seen.has(next)) stack.push(next);
    }
  }
  const x = [...b];
  for (let sweep = 0; sweep < 2_000; sweep++) {
    let change = 0;
    for (const k of order) {
      let v = b[k]!;
      for (const [j, c] of incoming[k]!) v += c * x[j]!;
      change = Math.max(change, Math.abs(v - x[k]!));
      x[k] = v;
    }
    if (!Number.isFinite(change)) return undefined;
    if (change <= 1e-12 * Math.max(...x)) return x;
  }
  return undefined;
}

/** Tarjan's algorithm without recursion; groups come out downstream-first. */
function stronglyConnected(transfers: readonly Transfer[][]): number[][] {
  const n = transfers.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const groups: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: Array<[number, number]> = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, i] = frame;
      if (i === 0) {
        index[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = true;
      }
      const edges = transfers[v]!;
      if (i < edges.length) {
        frame[1] = i + 1;
        const w = edges[i]!.to;
        if (index[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[v]!);
      if (low[v] === index[v]) {
        const group: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          group.push(w);
        } while (w !== v);
        groups.push(group.sort((p, q) => p - q));
      }
    }
  }
  return groups;
}
