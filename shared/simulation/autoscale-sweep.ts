import type { Autoscale, PipelineDocument, WorkerNode } from '../document/schema';
import { buildGraph } from '../document/topology';
import { meanCi95, type MeanWithCi } from '../metrics/stats';
import type { RunSummary } from '../metrics/types';
import { SimulationModelError } from './model';
import { runInSlices, SimulationCancelledError, type RunControl } from './run';

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
import {
  replicate,
  replicateSync,
  runReplications,
  type Replicated,
  type SweepOptions,
} from './sweep';

/**
 * The cheapest autoscale policy (docs/architecture.md "Scenarios"): for one worker, simulate every
 * policy of a grid (targetPerReplica × maxReplicas × minReplicas, the rest of the worker's own
 * policy kept) through the document's scenario with replications, and pick the one with the
 * fewest replica-seconds whose p95 — the worker's queue wait, or end to end — holds the target.
 */

export type P95Measure = 'wait' | 'endToEnd';

export interface AutoscaleTarget {
  measure: P95Measure;
  p95Ms: number;
}

export interface AutoscaleGrid {
  targetPerReplica: readonly number[];
  maxReplicas: readonly number[];
  minReplicas: readonly number[];
}

export interface AutoscaleCandidate {
  policy: Autoscale;
  /** Mean over the replications, with its 95 % half-width. */
  replicaSeconds: MeanWithCi;
  p95Ms: MeanWithCi;
  /** The upper end of p95's confidence interval is within the target. */
  holds: boolean;
  /** Why it was not simulated (a policy the validation refuses); the figures are then 0. */
  problem?: string;
}

export interface AutoscaleSweepResult {
  workerId: string;
  target: AutoscaleTarget;
  /** Every policy of the grid, cheapest first (those that hold before those that do not). */
  candidates: AutoscaleCandidate[];
  /** The cheapest that holds; absent when none does. */
  best?: AutoscaleCandidate;
}

/** What a policy keeps from the worker's own when it has none: KEDA-like polling on the backlog. */
const BASE_POLICY: Autoscale = { metric: 'waiting+delayed', targetPerReplica: 1, maxReplicas: 1 };

/** More candidates than this is a mistake in the grid (each one is several simulations). */
export const MAX_AUTOSCALE_CANDIDATES = 400;

function workerOf(doc: PipelineDocument, workerId: string): WorkerNode {
  const node = doc.nodes.find((n) => n.id === workerId);
  if (node?.kind !== 'worker') throw new RangeError(`there is no worker with id "${workerId}"`);
  return node;
}

/** The grid's policies, each built on the worker's own (metric, polling, cooldown, start-up). */
export function autoscaleCandidates(
  doc: PipelineDocument,
  workerId: string,
  grid: AutoscaleGrid,
): Autoscale[] {
  const base = workerOf(doc, workerId).config.autoscale ?? BASE_POLICY;
  const sorted = (values: readonly number[], what: string, least: number, whole: boolean) => {
    if (values.length === 0) throw new RangeError(`give at least one ${what}`);
    for (const v of values) {
      if (!(v >= least) || !Number.isFinite(v) || (whole && !Number.isInteger(v))) {
        const kind = whole ? `a whole number >= ${least}` : `a number > 0`;
        throw new RangeError(`${what} must be ${kind}, got ${v}`);
      }
    }
    return [...new Set(values)].sort((a, b) => a - b);
  };
  const targets = sorted(grid.targetPerReplica, 'target per replica', Number.MIN_VALUE, false);
  const maxes = sorted(grid.maxReplicas, 'max replicas', 1, true);
  const mins = sorted(grid.minReplicas, 'min replicas', 0, true);
  const policies: Autoscale[] = [];
  for (const minReplicas of mins) {
    for (const maxReplicas of maxes) {
      if (minReplicas > maxReplicas) continue;
      for (const targetPerReplica of targets) {
        policies.push({ ...base, targetPerReplica, minReplicas, maxReplicas });
      }
    }
  }
  if (policies.length === 0) {
    throw new RangeError('every min replicas is above every max replicas: no policy to try');
  }
  if (policies.length > MAX_AUTOSCALE_CANDIDATES) {
    throw new RangeError(
      `${policies.length} policies to try, at most ${MAX_AUTOSCALE_CANDIDATES}: give fewer values`,
    );
  }
  return policies;
}

/** The document with the worker's autoscale policy replaced. */
export function withPolicy(doc: PipelineDocument, workerId: string, policy: Autoscale) {
  return {
    ...doc,
    nodes: doc.nodes.map((n) =>
      n.id === workerId && n.kind === 'worker'
        ? { ...n, config: { ...n.config, autoscale: policy } }
        : n,
    ),
  };
}

/** The p95 the target is about, from one replication's summary. */
function p95Of(summary: RunSummary, queueId: string, measure: P95Measure): number {
  if (measure === 'endToEnd') return summary.endToEndMs.p95;
  const q = summary.nodes[queueId];
  return q?.kind === 'queue' ? q.waitMs.p95 : 0;
}

function replicaSecondsOf(summary: RunSummary, workerId: string): number {
  const w = summary.nodes[workerId];
  return w?.kind === 'worker' ? (w.autoscale?.replicaSeconds ?? 0) : 0;
}

interface Prepared {
  policy: Autoscale;
  replicated?: Replicated;
  problem?: string;
}

function prepare(
  doc: PipelineDocument,
  workerId: string,
  policy: Autoscale,
  options: SweepOptions,
): Prepared {
  try {
    return { policy, replicated: replicate(withPolicy(doc, workerId, policy), options) };
  } catch (error) {
    // A policy of the grid the model refuses (e.g. a target it can never reach on `active`) is
    // one row of the table, not the end of the sweep.
    if (error instanceof SimulationModelError)
      return { policy, problem: error.problems.join('; ') };
    throw error;
  }
}

function candidateFrom(
  prepared: Prepared,
  runs: RunSummary[],
  workerId: string,
  queueId: string,
  target: AutoscaleTarget,
): AutoscaleCandidate {
  const p95Ms = meanCi95(runs.map((r) => p95Of(r, queueId, target.measure)));
  const replicaSeconds = meanCi95(runs.map((r) => replicaSecondsOf(r, workerId)));
  const problem = prepared.problem === undefined ? {} : { problem: prepared.problem };
  // Judged by the upper end of the interval, like the What-if sweep, so the answer holds with 95 %
  // confidence; a run that stopped early (runs cut short) never holds.
  const complete = prepared.replicated !== undefined && runs.every((r) => !r.stoppedEarly);
  const holds = complete && p95Ms.mean + p95Ms.halfWidth <= target.p95Ms;
  return { policy: prepared.policy, replicaSeconds, p95Ms, holds, ...problem };
}

/** Cheapest first; among equals the smaller max, the smaller min, then the lazier target. */
function byCost(a: AutoscaleCandidate, b: AutoscaleCandidate): number {
  return (
    Number(b.holds) - Number(a.holds) ||
    Number(a.problem !== undefined) - Number(b.problem !== undefined) ||
    a.replicaSeconds.mean - b.replicaSeconds.mean ||
    a.policy.maxReplicas - b.policy.maxReplicas ||
    (a.policy.minReplicas ?? 1) - (b.policy.minReplicas ?? 1) ||
    b.policy.targetPerReplica - a.policy.targetPerReplica
  );
}

function resultOf(
  workerId: string,
  target: AutoscaleTarget,
  candidates: AutoscaleCandidate[],
): AutoscaleSweepResult {
  candidates.sort(byCost);
  const best = candidates[0]?.holds ? { best: candidates[0] } : {};
  return { workerId, target, candidates, ...best };
}

function setUp(doc: PipelineDocument, workerId: string, target: AutoscaleTarget) {
  workerOf(doc, workerId);
  if (!(target.p95Ms > 0) || !Number.isFinite(target.p95Ms)) {
    throw new RangeError(`the p95 target must be a number of ms > 0, got ${target.p95Ms}`);
  }
  const queueId = buildGraph(doc).inputEdge(workerId)?.from;
  if (queueId === undefined) {
    throw new RangeError(`worker "${workerId}" consumes no queue: connect a queue to it first`);
  }
  return queueId;
}

/** Finds the cheapest policy synchronously (tests, the CLI). */
export function sweepAutoscale(
  doc: PipelineDocument,
  workerId: string,
  target: AutoscaleTarget,
  grid: AutoscaleGrid,
  options: SweepOptions = {},
): AutoscaleSweepResult {
  const queueId = setUp(doc, workerId, target);
  const candidates = autoscaleCandidates(doc, workerId, grid).map((policy) => {
    const prepared = prepare(doc, workerId, policy, options);
    const runs = prepared.replicated ? replicateSync(prepared.replicated) : [];
    return candidateFrom(prepared, runs, workerId, queueId, target);
  });
  return resultOf(workerId, target, candidates);
}

/** Finds the cheapest policy in slices, yielding to the host and honouring cancellation. */
export async function sweepAutoscaleAsync(
  doc: PipelineDocument,
  workerId: string,
  target: AutoscaleTarget,
  grid: AutoscaleGrid,
  options: SweepOptions = {},
  control: RunControl = {},
): Promise<AutoscaleSweepResult> {
  const queueId = setUp(doc, workerId, target);
  const policies = autoscaleCandidates(doc, workerId, grid);
  const candidates: AutoscaleCandidate[] = [];
  for (const [k, policy] of policies.entries()) {
    // Short runs end within one slice without yielding: yield between policies too, so a cancel
    // gets through however small each simulation is.
    await (control.yieldToHost ?? nextTask)();
    if (control.signal?.aborted) throw new SimulationCancelledError();
    const prepared = prepare(doc, workerId, policy, options);
    const replicated = prepared.replicated;
    const runs = replicated
      ? await runReplications(replicated, (sim, i) =>
          runInSlices(sim, control, (f) =>
            control.onProgress?.((k + (i + f) / replicated.replications) / policies.length),
          ),
        )
      : [];
    candidates.push(candidateFrom(prepared, runs, workerId, queueId, target));
  }
  return resultOf(workerId, target, candidates);
}

/**
 * A grid to start from: targets around the worker's concurrency (below it on `active`, where a
 * replica's busy slots never exceed it), max replicas up to twice the design's or 8, min 1 and 2.
 */
export function defaultAutoscaleGrid(doc: PipelineDocument, workerId: string): AutoscaleGrid {
  const config = workerOf(doc, workerId).config;
  const c = config.concurrency;
  const metric = config.autoscale?.metric ?? BASE_POLICY.metric;
  const targets =
    metric === 'active'
      ? [Math.max(1, Math.floor(c / 2)), Math.max(1, c - 1)].filter((t) => t < c)
      : [c, 2 * c, 5 * c, 10 * c];
  const top = Math.max(8, 2 * config.replicas);
  const maxes = [...new Set([1, 2, 4, top / 2, top].map(Math.round))].filter((m) => m >= 1);
  return {
    targetPerReplica: [...new Set(targets.length > 0 ? targets : [0.5])],
    maxReplicas: maxes,
    minReplicas: [1, 2],
  };
}
