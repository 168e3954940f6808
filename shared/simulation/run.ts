import type { PipelineDocument } from '../document/schema';
import { combineReplications } from '../metrics/summary';
import type { RunSummary } from '../metrics/types';
import { Simulation } from './engine';
import type { SimulationOptions } from './options';
import { compileModel, type SimulationModel } from './model';
import type { SimulatedJobs } from './simulated-jobs';

/** Runs a simulation to its horizon, or several with different seeds, synchronously or in slices. */

export interface ReplicationOptions extends SimulationOptions {
  /** Independent runs with seeds seed, seed + 1, …; default 1. Snapshots come from the first. */
  replications?: number;
  /** Receives the first replication's job trace when `jobTrace` asks for one. */
  onJobTrace?: (jobs: SimulatedJobs) => void;
}

export interface RunControl {
  /** Cancels the run between slices. */
  signal?: AbortSignal;
  /** Events per slice; by default slices last about `sliceMs`. */
  sliceEvents?: number;
  /** Wall time per slice when `sliceEvents` is not given (default 50 ms). */
  sliceMs?: number;
  /** Lets the host breathe between slices; default a macrotask (setTimeout 0). */
  yieldToHost?: () => Promise<void>;
  /** Called after every slice with the overall progress (0..1). */
  onProgress?: (fraction: number) => void;
}

/** Thrown by the async runners when their signal is aborted. */
export class SimulationCancelledError extends Error {
  constructor() {
    super('the simulation was cancelled');
    this.name = 'AbortError';
  }
}

const defaultYield = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const CHUNK_EVENTS = 20_000;

/**
 * Runs `sim` to its end in slices, yielding to the host between them and stopping with
 * SimulationCancelledError when the signal is aborted. Slices are timed (about 50 ms) so that a
 * browser's clamped setTimeout costs little, while a cancel still lands within a slice.
 */
export async function runInSlices(
  sim: Simulation,
  control: RunControl,
  progress: (fraction: number) => void = () => {},
): Promise<void> {
  const pause = control.yieldToHost ?? defaultYield;
  const budget = control.sliceMs ?? 50;
  for (;;) {
    if (control.signal?.aborted) throw new SimulationCancelledError();
    let done: boolean;
    if (control.sliceEvents !== undefined) {
      done = sim.step(control.sliceEvents);
    } else {
      const started = performance.now();
      do done = sim.step(CHUNK_EVENTS);
      while (!done && performance.now() - started < budget);
    }
    progress(sim.progress);
    if (done) return;
    await pause();
  }
}

function replicationCount(options: ReplicationOptions): number {
  const n = options.replications ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > 10_000) {
    throw new RangeError(`replications must be an integer from 1 to 10000, got ${n}`);
  }
  return n;
}

function replicationOptions(options: ReplicationOptions, i: number): SimulationOptions {
  const { replications: _n, onJobTrace: _trace, ...rest } = options;
  return {
    ...rest,
    seed: (options.seed ?? 1) + i,
    onSnapshot: i === 0 ? options.onSnapshot : undefined,
    jobTrace: i === 0 ? options.jobTrace : undefined,
  };
}

/** Hands the first replication's job trace over, when one was kept. */
function passJobTrace(sim: Simulation, options: ReplicationOptions, i: number): void {
  const jobs = i === 0 ? sim.simulatedJobs() : undefined;
  if (jobs) options.onJobTrace?.(jobs);
}

const modelOf = (doc: PipelineDocument | SimulationModel) =>
  'format' in doc ? compileModel(doc) : doc;

/**
 * The combined summary. A replication that stopped early ends the series: its own summary is the
 * answer (with the stop and which replication it was), since mixing a cut-short run into means
 * would hide both.
 */
function finalSummary(runs: RunSummary[]): RunSummary {
  const last = runs.at(-1)!;
  if (!last.stoppedEarly) return combineReplications(runs);
  return { ...last, stoppedEarly: { ...last.stoppedEarly, replication: runs.length } };
}

/** Runs every replication to its horizon and combines them (means and 95 % half-widths). */
export function simulate(
  doc: PipelineDocument | SimulationModel,
  options: ReplicationOptions = {},
): RunSummary {
  const n = replicationCount(options);
  const model = modelOf(doc);
  const runs: RunSummary[] = [];
  for (let i = 0; i < n; i++) {
    const sim = new Simulation(model, replicationOptions(options, i));
    runs.push(sim.run());
    passJobTrace(sim, options, i);
    if (sim.stoppedEarly) break;
  }
  return finalSummary(runs);
}

/**
 * The same, in slices that yield to the host in between: for a Web Worker or a UI thread that
 * must stay responsive and be able to cancel.
 */
export async function simulateAsync(
  doc: PipelineDocument | SimulationModel,
  options: ReplicationOptions = {},
  control: RunControl = {},
): Promise<RunSummary> {
  const n = replicationCount(options);
  const model = modelOf(doc);
  const runs: RunSummary[] = [];
  for (let i = 0; i < n; i++) {
    const sim = new Simulation(model, replicationOptions(options, i));
    await runInSlices(sim, control, (f) => control.onProgress?.((i + f) / n));
    runs.push(sim.summary());
    passJobTrace(sim, options, i);
    if (sim.stoppedEarly) break;
  }
  return finalSummary(runs);
}
