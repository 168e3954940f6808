import type { PipelineDocument } from '../document/schema';
import { combineReplications } from '../metrics/summary';
import type { RunSummary } from '../metrics/types';
import { Simulation } from './engine';
import type { SimulationOptions } from './options';
import { compileModel, type SimulationModel } from './model';

/** Runs a simulation to its horizon, or several with different seeds, synchronously or in slices. */

export interface ReplicationOptions extends SimulationOptions {
  /** Independent runs with seeds seed, seed + 1, …; default 1. Snapshots come from the first. */
  replications?: number;
}

export interface RunControl {
  /** Cancels the run between slices. */
  signal?: AbortSignal;
  /** Events per slice (default 200,000: a few tens of ms). */
  sliceEvents?: number;
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

function replicationCount(options: ReplicationOptions): number {
  const n = options.replications ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > 10_000) {
    throw new RangeError(`replications must be an integer from 1 to 10000, got ${n}`);
  }
  return n;
}

function replicationOptions(options: ReplicationOptions, i: number): SimulationOptions {
  const { replications: _n, ...rest } = options;
  return {
    ...rest,
    seed: (options.seed ?? 1) + i,
    onSnapshot: i === 0 ? options.onSnapshot : undefined,
  };
}

const modelOf = (doc: PipelineDocument | SimulationModel) =>
  'format' in doc ? compileModel(doc) : doc;

/** Runs every replication to its horizon and combines them (means and 95 % half-widths). */
export function simulate(
  doc: PipelineDocument | SimulationModel,
  options: ReplicationOptions = {},
): RunSummary {
  const n = replicationCount(options);
  const model = modelOf(doc);
  const runs: RunSummary[] = [];
  for (let i = 0; i < n; i++)
    runs.push(new Simulation(model, replicationOptions(options, i)).run());
  return combineReplications(runs);
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
  const slice = control.sliceEvents ?? 200_000;
  const pause = control.yieldToHost ?? defaultYield;
  const runs: RunSummary[] = [];
  for (let i = 0; i < n; i++) {
    const sim = new Simulation(model, replicationOptions(options, i));
    for (;;) {
      if (control.signal?.aborted) throw new SimulationCancelledError();
      const done = sim.step(slice);
      control.onProgress?.((i + sim.progress) / n);
      if (done) break;
      await pause();
    }
    runs.push(sim.summary());
  }
  return combineReplications(runs);
}
