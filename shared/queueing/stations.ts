import {
  edgeOn,
  edgeProbability,
  meanArrivalRatePerSec,
  meanServiceMs,
  queueAttempts,
  workerCapacity,
  workerFailureRate,
} from '../document/defaults';
import { buildGraph, type PipelineGraph } from '../document/topology';
import type { PipelineDocument, QueueNode, WorkerNode } from '../document/schema';
import {
  consumerShares,
  expectedAttempts,
  finalFailureProbability,
  flowRatesPerSec,
} from '../validation/flow-rates';
import { ggcWait, type StationWait } from './erlang';
import { arrivalScv, departureScv, serviceScv } from './service';

/**
 * Queueing theory beside the simulation: for each queue (with the workers consuming it, as one
 * station of c = Σ concurrency × replicas servers) and each worker, the offered load and
 * utilisation ρ = λ·E[S]/c, and for a stable station the wait: exact Erlang C (M/M/c) when the
 * arrivals are Poisson and service exponential, otherwise Allen–Cunneen with arrival variability
 * carried through the network by Whitt's QNA equations, marked `approximate`. Needs no simulation:
 * cheap enough to run on every edit.
 */

export type Bottleneck = 'workers' | 'rate-limit' | 'no-workers';

export interface QueueStation {
  queueId: string;
  workerIds: string[];
  /** New jobs per second entering the queue (flow-rates.ts). */
  arrivalRatePerSec: number;
  /** Attempts per second, retries included. */
  attemptRatePerSec: number;
  /** Servers: Σ concurrency × replicas of its workers. */
  servers: number;
  /** Mean service time of an attempt (ms), weighted by each worker's share. */
  meanServiceMs: number;
  /** Offered load in erlangs (busy servers needed on average): attempts/s × E[S]. */
  offeredLoad: number;
  /** ρ = offered load / servers (Infinity when jobs arrive and nothing consumes them). */
  utilisation: number;
  /** Starts per second the queue's rate limit allows, when it has one. */
  rateLimitPerSec?: number;
  /** ρ ≥ 1 or the rate limit is below the attempt rate: the backlog grows without bound. */
  unstable: boolean;
  bottleneck?: Bottleneck;
  /** True when every arrival stream into the queue is Poisson. */
  poissonArrivals: boolean;
  /** The wait figures are an approximation (not M/M/c, or a rate limit, retries, a loop). */
  approximate: boolean;
  /** Wait figures of a stable station. */
  wait?: StationWait;
}

export interface WorkerStation {
  workerId: string;
  queueId?: string;
  arrivalRatePerSec: number;
  attemptRatePerSec: number;
  capacity: number;
  meanServiceMs: number;
  offeredLoad: number;
  utilisation: number;
  unstable: boolean;
}

export interface QueueingAnalysis {
  queues: Map<string, QueueStation>;
  workers: Map<string, WorkerStation>;
}

interface Stream {
  rate: number;
  scv: number;
  /** Exactly Poisson (a Poisson producer, or Burke's output of an exact M/M/c station). */
  poisson: boolean;
}

const PASSES = 30; // enough for arrival variability to settle through any realistic depth

/** `graph` may be passed when the caller already built it for this document. */
export function analyseQueueing(
  doc: PipelineDocument,
  graph: PipelineGraph = buildGraph(doc),
): QueueingAnalysis {
  const flow = flowRatesPerSec(doc, graph);
  const queues = doc.nodes.filter((n): n is QueueNode => n.kind === 'queue');
  const inLoop = queuesInLoops(graph, queues);
  const base = new Map(queues.map((q) => [q.id, baseStation(q, graph, flow.queues)] as const));

  // Arrival variability per queue, refined pass by pass from the producers downstream.
  let scv = new Map<string, { scv: number; poisson: boolean }>(
    queues.map((q) => [q.id, { scv: 1, poisson: true }]),
  );
  const inflows = new Map(
    queues.map((q) => [q.id, inflowsOf(q, graph, base, flow.workers)] as const),
  );
  let exact = new Map<string, boolean>();
  for (let pass = 0; pass < PASSES; pass++) {
    const next = new Map<string, { scv: number; poisson: boolean }>();
    exact = new Map();
    for (const q of queues) {
      next.set(q.id, superpose(inflowStreams(inflows.get(q.id)!, scv)));
      const station = base.get(q.id)!;
      exact.set(
        q.id,
        !inLoop.has(q.id) && station.markovian && !station.unstable && next.get(q.id)!.poisson,
      );
    }
    // A pass that changes nothing makes every later pass repeat it exactly: stop there (in a
    // pipeline without loops, after as many passes as it is deep).
    const settled = queues.every((q) => {
      const before = scv.get(q.id)!;
      const after = next.get(q.id)!;
      return (
        before.scv === after.scv &&
        before.poisson === after.poisson &&
        base.get(q.id)!.exactOut === exact.get(q.id)
      );
    });
    scv = next;
    if (settled) break;
    for (const q of queues) base.get(q.id)!.exactOut = exact.get(q.id)!;
  }

  const out = new Map<string, QueueStation>();
  for (const q of queues) {
    const s = base.get(q.id)!;
    const arrivals = scv.get(q.id)!;
    const station: QueueStation = {
      queueId: q.id,
      workerIds: s.workerIds,
      arrivalRatePerSec: s.arrivalRatePerSec,
      attemptRatePerSec: s.attemptRatePerSec,
      servers: s.servers,
      meanServiceMs: s.meanServiceMs,
      offeredLoad: s.offeredLoad,
      utilisation: s.utilisation,
      unstable: s.unstable,
      poissonArrivals: arrivals.poisson,
      approximate: !exact.get(q.id),
    };
    if (s.rateLimitPerSec !== undefined) station.rateLimitPerSec = s.rateLimitPerSec;
    if (s.bottleneck) station.bottleneck = s.bottleneck;
    if (!s.unstable && s.servers > 0) {
      const wait = ggcWait(
        s.attemptRatePerSec,
        s.meanServiceMs,
        s.servers,
        arrivals.scv,
        s.serviceScv,
      );
      if (wait) station.wait = wait;
    }
    out.set(q.id, station);
  }
  return { queues: out, workers: workerStations(doc, graph, flow.workers) };
}

interface BaseStation {
  workerIds: string[];
  arrivalRatePerSec: number;
  attemptRatePerSec: number;
  servers: number;
  meanServiceMs: number;
  serviceScv: number;
  offeredLoad: number;
  utilisation: number;
  rateLimitPerSec?: number;
  unstable: boolean;
  bottleneck?: Bottleneck;
  /** Exponential service of one mean, no retries, no rate limit. */
  markovian: boolean;
  /** Its departures are exactly Poisson (set per pass). */
  exactOut: boolean;
}

function baseStation(
  queue: QueueNode,
  graph: PipelineGraph,
  rates: ReadonlyMap<string, number>,
): BaseStation {
  const shares = consumerShares(graph, queue.id);
  const lambda = rates.get(queue.id) ?? 0;
  const attempts = queueAttempts(queue.config);
  // Per-attempt service moments over the workers, weighted by their share of attempts.
  let attemptFactor = 0;
  let mean = 0;
  let second = 0;
  for (const { worker, share } of shares) {
    const factor = expectedAttempts(workerFailureRate(worker.config), attempts);
    const m = meanServiceMs(worker.config.service);
    attemptFactor += share * factor;
    mean += share * factor * m;
    second += share * factor * m * m * (1 + serviceScv(worker.config.service));
  }
  mean = attemptFactor > 0 ? mean / attemptFactor : 0;
  second = attemptFactor > 0 ? second / attemptFactor : 0;
  const servers = shares.reduce((sum, s) => sum + workerCapacity(s.worker.config), 0);
  const attemptRate = lambda * (attemptFactor || 1);
  const offeredLoad = (attemptRate * mean) / 1000;
  const limit = queue.config.rateLimit;
  const rateLimitPerSec = limit
    ? (limit.max * 1000) / Math.floor(Math.max(1, limit.durationMs))
    : undefined;
  const utilisation = servers > 0 ? offeredLoad / servers : lambda > 0 ? Infinity : 0;
  let bottleneck: Bottleneck | undefined;
  if (servers === 0 && lambda > 0) bottleneck = 'no-workers';
  else if (utilisation >= 1) bottleneck = 'workers';
  else if (rateLimitPerSec !== undefined && attemptRate >= rateLimitPerSec)
    bottleneck = 'rate-limit';
  const retries = shares.some((s) => workerFailureRate(s.worker.config) > 0) && attempts > 1;
  const exponential = shares.every((s) => s.worker.config.service.type === 'exponential');
  const oneMean = new Set(shares.map((s) => meanServiceMs(s.worker.config.service))).size <= 1;
  const station: BaseStation = {
    workerIds: shares.map((s) => s.worker.id),
    arrivalRatePerSec: lambda,
    attemptRatePerSec: attemptRate,
    servers,
    meanServiceMs: mean,
    serviceScv: mean > 0 ? second / (mean * mean) - 1 : 0,
    offeredLoad,
    utilisation,
    unstable: bottleneck !== undefined,
    markovian: exponential && oneMean && !retries && !limit && servers > 0,
    exactOut: false,
  };
  if (rateLimitPerSec !== undefined) station.rateLimitPerSec = rateLimitPerSec;
  if (bottleneck) station.bottleneck = bottleneck;
  return station;
}

/**
 * What flows into a queue, fixed for the whole analysis: a producer's stream, or the share `p` of
 * an upstream worker's departures (whose variability depends on its queue's, pass by pass).
 */
type Inflow =
  | { rate: number; stream: Stream }
  | {
      rate: number;
      p: number;
      from: BaseStation;
      fromQueue: string;
      serviceScv: number;
      servers: number;
    };

/** The arrival streams into a queue: producers directly, and upstream workers' outputs. */
function inflowsOf(
  queue: QueueNode,
  graph: PipelineGraph,
  stations: ReadonlyMap<string, BaseStation>,
  workerRates: ReadonlyMap<string, number>,
): Inflow[] {
  const inflows: Inflow[] = [];
  for (const edge of graph.feeds(queue.id)) {
    const from = graph.nodes.get(edge.from);
    if (from?.kind === 'producer') {
      const c = from.config;
      const rate = meanArrivalRatePerSec(c.arrival);
      inflows.push({
        rate,
        stream: {
          rate,
          scv: arrivalScv(c.arrival),
          poisson: c.arrival.type === 'poisson' && c.limit === undefined && c.stopMs === undefined,
        },
      });
    } else if (from?.kind === 'worker') {
      const upstream = graph.inputQueues(from.id)[0];
      const station = upstream && stations.get(upstream.id);
      if (!upstream || !station) continue;
      const failed = finalFailureProbability(
        workerFailureRate(from.config),
        queueAttempts(upstream.config),
      );
      const p = edgeOn(edge) === 'failed' ? failed : (1 - failed) * edgeProbability(edge);
      inflows.push({
        rate: (workerRates.get(from.id) ?? 0) * p,
        p,
        from: station,
        fromQueue: upstream.id,
        serviceScv: serviceScv(from.config.service),
        servers: Math.max(1, workerCapacity(from.config)),
      });
    }
  }
  return inflows.filter((f) => f.rate > 0);
}

/** The streams of a queue's inflows, given the arrival variability of every queue so far. */
function inflowStreams(
  inflows: readonly Inflow[],
  scv: ReadonlyMap<string, { scv: number; poisson: boolean }>,
): Stream[] {
  return inflows.map((f) => {
    if ('stream' in f) return f.stream;
    const cd = departureScv(
      f.from.utilisation,
      scv.get(f.fromQueue)?.scv ?? 1,
      f.serviceScv,
      f.servers,
    );
    // Independent thinning of a Poisson stream (routing, final failure) stays Poisson.
    return { rate: f.rate, scv: f.p * cd + 1 - f.p, poisson: f.from.exactOut };
  });
}

/** Superposition: the rate-weighted mean SCV (QNA); Poisson only if every stream is. */
function superpose(streams: readonly Stream[]): { scv: number; poisson: boolean } {
  const total = streams.reduce((sum, s) => sum + s.rate, 0);
  if (!(total > 0) || !Number.isFinite(total)) return { scv: 1, poisson: streams.length > 0 };
  const scv = streams.reduce((sum, s) => sum + (s.rate / total) * s.scv, 0);
  return { scv, poisson: streams.every((s) => s.poisson) };
}

/** Queues whose jobs can come back to them through workers and queues. */
function queuesInLoops(graph: PipelineGraph, queues: readonly QueueNode[]): Set<string> {
  const next = (queueId: string) =>
    graph.consumers(queueId).flatMap((w) => graph.routes(w.id).map((e) => e.to));
  const looped = new Set<string>();
  for (const q of queues) {
    const seen = new Set<string>();
    const stack = next(q.id);
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === q.id) {
        looped.add(q.id);
        break;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...next(id));
    }
  }
  return looped;
}

function workerStations(
  doc: PipelineDocument,
  graph: PipelineGraph,
  rates: ReadonlyMap<string, number>,
): Map<string, WorkerStation> {
  const out = new Map<string, WorkerStation>();
  for (const w of doc.nodes.filter((n): n is WorkerNode => n.kind === 'worker')) {
    const queue = graph.inputQueues(w.id)[0];
    const lambda = rates.get(w.id) ?? 0;
    const attempts = queue ? queueAttempts(queue.config) : 1;
    const attemptRate = lambda * expectedAttempts(workerFailureRate(w.config), attempts);
    const mean = meanServiceMs(w.config.service);
    const capacity = workerCapacity(w.config);
    const offeredLoad = (attemptRate * mean) / 1000;
    const station: WorkerStation = {
      workerId: w.id,
      arrivalRatePerSec: lambda,
      attemptRatePerSec: attemptRate,
      capacity,
      meanServiceMs: mean,
      offeredLoad,
      utilisation: offeredLoad / capacity,
      unstable: offeredLoad >= capacity,
    };
    if (queue) station.queueId = queue.id;
    out.set(w.id, station);
  }
  return out;
}
