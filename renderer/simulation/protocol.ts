import type { PipelineDocument } from '../../shared/document';
import type { SimulationMessage, SimulationRequest } from '../../shared/simulation/worker-host';
import type { SweepOptions, SweepParameter, SweepResult } from '../../shared/simulation/sweep';
import type {
  AutoscaleGrid,
  AutoscaleSweepResult,
  AutoscaleTarget,
} from '../../shared/simulation/autoscale-sweep';

/**
 * Messages between the UI and the simulation Web Worker: the simulator's own protocol
 * (shared/simulation/worker-host.ts) plus what-if sweeps.
 */

/** Sweep options that can cross postMessage (no callbacks). */
export type SweepRunOptions = Omit<SweepOptions, 'trace' | 'backlogThreshold'>;

export type SweepRequest =
  | {
      type: 'sweep';
      runId: number;
      document: PipelineDocument;
      parameter: SweepParameter;
      values: number[];
      options: SweepRunOptions;
    }
  | { type: 'cancel-sweep'; runId: number }
  /** The cheapest autoscale policy for a worker (shared/simulation/autoscale-sweep.ts). */
  | {
      type: 'autoscale-sweep';
      runId: number;
      document: PipelineDocument;
      workerId: string;
      target: AutoscaleTarget;
      grid: AutoscaleGrid;
      options: SweepRunOptions;
    }
  | { type: 'cancel-autoscale-sweep'; runId: number };

export type SweepMessage =
  | { type: 'sweep-progress'; runId: number; fraction: number }
  | { type: 'sweep-done'; runId: number; result: SweepResult }
  | { type: 'sweep-cancelled'; runId: number }
  | { type: 'sweep-error'; runId: number; message: string }
  | { type: 'autoscale-progress'; runId: number; fraction: number }
  | { type: 'autoscale-done'; runId: number; result: AutoscaleSweepResult }
  | { type: 'autoscale-cancelled'; runId: number }
  | { type: 'autoscale-error'; runId: number; message: string };

export type WorkerRequest = SimulationRequest | SweepRequest;
export type WorkerMessage = SimulationMessage | SweepMessage;

/** What the controller needs of a Web Worker (a real one, or the in-thread fallback). */
export interface WorkerLike {
  postMessage(request: WorkerRequest): void;
  onmessage: ((event: { data: WorkerMessage }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  terminate(): void;
}
