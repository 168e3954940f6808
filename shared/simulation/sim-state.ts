import type { LogHistogram } from '../metrics/histogram';
import type { ScenarioEventFigures } from '../metrics/types';
import type { SimulationModel } from './model';
import type { JobPool } from './pools';
import type { ProducerState, QueueState, WorkerState } from './stations';

/**
 * What the measuring and reporting code (measure.ts, report.ts) reads of a running simulation.
 * The engine implements it; they depend on this shape, not on the engine, so the modules form a
 * line (engine → measure, report → sim-state) rather than a circle.
 */
export interface SimulationState {
  readonly model: SimulationModel;
  readonly producers: readonly ProducerState[];
  readonly queues: readonly QueueState[];
  readonly workers: readonly WorkerState[];
  readonly edgeCounts: Float64Array;
  readonly edgeCountsAtTick: Float64Array;
  readonly endToEnd: LogHistogram;
  readonly endToEndInterval: LogHistogram;
  readonly seed: number;
  readonly warmupMs: number;
  /** Time of the previous tick (snapshot). */
  lastTickMs: number;
  /** For the age of the oldest waiting job. */
  readonly jobs: JobPool;
  /** What each event of the document's scenario did (scenario-tracker.ts). */
  readonly scenario: { figures(): ScenarioEventFigures[] };
}
