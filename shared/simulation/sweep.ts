import { workerCapacity } from '../document/defaults';
import type { Arrival, PipelineDocument } from '../document/schema';
import { buildGraph } from '../document/topology';
import { meanCi95, type MeanWithCi } from '../metrics/stats';
import { combineReplications } from '../metrics/summary';
import type { RunSummary } from '../metrics/types';
import { Simulation } from './engine';
import type { SimulationOptions } from './options';
import { compileModel } from './model';
import { runInSlices, type RunControl } from './run';

/**
 * What-if sweeps: vary one parameter over a range of values, simulate each with replications and
 * report the focus queue's p95 wait and its workers' utilisation with 95 % confidence intervals —
 * e.g. "the smallest concurrency that keeps p95 wait under 500 ms".
 */

export type SweepParameter =
  | { kind: 'concurrency'; workerId: string }
  | { kind: 'replicas'; workerId: string }
  /** A producer's mean rate in jobs per second. */
  | { kind: 'rate'; producerId: string };

export interface SweepOptions extends Omit<SimulationOptions, 'onSnapshot'> {
  /** Runs per value (seeds seed, seed + 1, …); default 3. */
  replications?: number;
}

export interface SweepPoint {
  value: number;
  /** The queue the figures are about: the worker's input queue, or the producer's first target. */
  queueId: string;
  p95WaitMs: MeanWithCi;
  meanWaitMs: MeanWithCi;
  /** Busy slots / capacity of the queue's workers together. */
  utilisation: MeanWithCi;
  /** The replications combined (means, with ci95 per node). */
  summary: RunSummary;
}

export interface SweepResult {
  parameter: SweepParameter;
  points: SweepPoint[];
}

/** The document with the parameter set to `value`; throws a RangeError for a value it cannot take. */
export function applyParameter(
  doc: PipelineDocument,
  parameter: SweepParameter,
  value: number,
): PipelineDocument {
  const id = parameter.kind === 'rate' ? parameter.producerId : parameter.workerId;
  const node = doc.nodes.find((n) => n.id === id);
  const wanted = parameter.kind === 'rate' ? 'producer' : 'worker';
  if (!node || node.kind !== wanted) throw new RangeError(`there is no ${wanted} with id "${id}"`);
  const nodes = doc.nodes.map((n) => {
    if (n.id !== id) return n;
    if (n.kind === 'worker' && parameter.kind !== 'rate') {
      const max = parameter.kind === 'concurrency' ? 10_000 : 1_000;
      if (!Number.isInteger(value) || value < 1 || value > max) {
        throw new RangeError(`${parameter.kind} must be an integer from 1 to ${max}, got ${value}`);
      }
      return { ...n, config: { ...n.config, [parameter.kind]: value } };
    }
    if (n.kind === 'producer') {
      return { ...n, config: { ...n.config, arrival: withRate(n.config.arrival, value) } };
    }
    return n;
  });
  return { ...doc, nodes };
}

function withRate(arrival: Arrival, perSec: number): Arrival {
  if (!(perSec > 0) || !Number.isFinite(perSec)) {
    throw new RangeError(`a rate must be a number > 0 jobs per second, got ${perSec}`);
  }
  switch (arrival.type) {
    case 'constant':
    case 'poisson':
      return { ...arrival, ratePerSec: perSec };
    case 'burst':
      return { ...arrival, everyMs: (arrival.size * 1000) / perSec };
    case 'ramp': {
      // Keep the ramp's shape, scaled so that it settles at the new rate.
      const scale = arrival.toPerSec > 0 ? perSec / arrival.toPerSec : 1;
      return { ...arrival, fromPerSec: arrival.fromPerSec * scale, toPerSec: perSec };
    }
    case 'schedule':
      if (arrival.everyMs === undefined) {
        throw new RangeError('a cron schedule has no rate to vary; use "everyMs" to sweep a rate');
      }
      return { type: 'schedule', everyMs: 1000 / perSec };
  }
}

function focusQueue(doc: PipelineDocument, parameter: SweepParameter): string {
  const graph = buildGraph(doc);
  if (parameter.kind === 'rate') {
    const target = graph.targets(parameter.producerId)[0];
    if (target) return target.to;
    throw new RangeError(
      `producer "${parameter.producerId}" adds jobs to no queue: connect it to one first`,
    );
  }
  const input = graph.inputEdge(parameter.workerId);
  if (input) return input.from;
  throw new RangeError(
    `worker "${parameter.workerId}" consumes no queue: connect a queue to it first`,
  );
}

/** A variant of a document to simulate several times (seeds seed, seed + 1, …). */
export interface Replicated {
  replications: number;
  /**
   * Makes replication i's simulation. Made one at a time and dropped once summarised, so a
   * point never holds more than one model's jobs (each may be up to its memory bound).
   */
  simulation(i: number): Simulation;
}

/** Compiles `variant` once (throwing SimulationModelError) for its replications. */
export function replicate(variant: PipelineDocument, options: SweepOptions): Replicated {
  const model = compileModel(variant);
  const { replications = 3, ...rest } = options;
  if (!Number.isInteger(replications) || replications < 1) {
    throw new RangeError(`replications must be an integer >= 1, got ${replications}`);
  }
  const simulation = (i: number) =>
    new Simulation(model, { ...rest, seed: (options.seed ?? 1) + i });
  return { replications, simulation };
}

interface PreparedPoint extends Replicated {
  value: number;
  queueId: string;
  consumers: Array<{ id: string; capacity: number }>;
}

function preparePoint(
  doc: PipelineDocument,
  parameter: SweepParameter,
  value: number,
  options: SweepOptions,
): PreparedPoint {
  const variant = applyParameter(doc, parameter, value);
  const queueId = focusQueue(variant, parameter);
  const consumers = variant.edges.flatMap((e) => {
    const n = e.from === queueId ? variant.nodes.find((m) => m.id === e.to) : undefined;
    return n?.kind === 'worker' ? [{ id: n.id, capacity: workerCapacity(n.config) }] : [];
  });
  return { value, queueId, consumers, ...replicate(variant, options) };
}

/** Runs a point's replications in turn; one that stops early ends the point (the rest would too). */
export async function runReplications(
  prepared: Replicated,
  run: (sim: Simulation, i: number) => void | Promise<void>,
): Promise<RunSummary[]> {
  const runs: RunSummary[] = [];
  for (let i = 0; i < prepared.replications; i++) {
    const sim = prepared.simulation(i);
    await run(sim, i);
    runs.push(sim.summary());
    if (sim.stoppedEarly) break;
  }
  return runs;
}

function pointFrom(prepared: PreparedPoint, runs: RunSummary[]): SweepPoint {
  const { queueId, consumers } = prepared;
  const waitOf = (r: RunSummary) => {
    const q = r.nodes[queueId];
    return q?.kind === 'queue' ? q.waitMs : { mean: 0, p95: 0 };
  };
  const utilisationOf = (r: RunSummary) => {
    let busy = 0;
    let capacity = 0;
    for (const w of consumers) {
      const figures = r.nodes[w.id];
      busy += (figures?.kind === 'worker' ? figures.utilisation : 0) * w.capacity;
      capacity += w.capacity;
    }
    return capacity > 0 ? busy / capacity : 0;
  };
  return {
    value: prepared.value,
    queueId,
    p95WaitMs: meanCi95(runs.map((r) => waitOf(r).p95)),
    meanWaitMs: meanCi95(runs.map((r) => waitOf(r).mean)),
    utilisation: meanCi95(runs.map(utilisationOf)),
    summary: combineReplications(runs),
  };
}

function checkValues(values: readonly number[]): number[] {
  if (values.length === 0) throw new RangeError('a sweep needs at least one value');
  return [...values].sort((a, b) => a - b);
}

/** Runs the replications synchronously; one that stops early ends them, as in runReplications. */
export function replicateSync(prepared: Replicated): RunSummary[] {
  const runs: RunSummary[] = [];
  for (let i = 0; i < prepared.replications; i++) {
    const sim = prepared.simulation(i);
    runs.push(sim.run());
    if (sim.stoppedEarly) break;
  }
  return runs;
}

/** Sweeps synchronously. */
export function sweep(
  doc: PipelineDocument,
  parameter: SweepParameter,
  values: readonly number[],
  options: SweepOptions = {},
): SweepResult {
  const points = checkValues(values).map((value) => {
    const prepared = preparePoint(doc, parameter, value, options);
    return pointFrom(prepared, replicateSync(prepared));
  });
  return { parameter, points };
}

/** Sweeps in slices, yielding to the host and honouring cancellation. */
export async function sweepAsync(
  doc: PipelineDocument,
  parameter: SweepParameter,
  values: readonly number[],
  options: SweepOptions = {},
  control: RunControl = {},
): Promise<SweepResult> {
  const sorted = checkValues(values);
  const points: SweepPoint[] = [];
  for (const [k, value] of sorted.entries()) {
    const prepared = preparePoint(doc, parameter, value, options);
    const n = prepared.replications;
    const runs = await runReplications(prepared, (sim, i) =>
      runInSlices(sim, control, (f) => control.onProgress?.((k + (i + f) / n) / sorted.length)),
    );
    points.push(pointFrom(prepared, runs));
  }
  return { parameter, points };
}

/**
 * The smallest swept value whose p95 wait stays under the target, judged by the upper end of its
 * confidence interval so the answer holds with 95 % confidence; undefined when none does.
 */
export function smallestToMeet(
  result: SweepResult,
  targetP95WaitMs: number,
): SweepPoint | undefined {
  return result.points.find((p) => p.p95WaitMs.mean + p.p95WaitMs.halfWidth <= targetP95WaitMs);
}

/** The largest swept value that still meets the target (e.g. the most load a setup takes). */
export function largestToMeet(
  result: SweepResult,
  targetP95WaitMs: number,
): SweepPoint | undefined {
  return [...result.points]
    .reverse()
    .find((p) => p.p95WaitMs.mean + p.p95WaitMs.halfWidth <= targetP95WaitMs);
}
