import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { SweepParameter, SweepResult } from '../../shared/simulation/sweep';

/**
 * The what-if sweep (many short simulations over one parameter), apart from the analysis: a sweep
 * runs beside whatever the timeline shows and outlives a new simulation or run.
 */
export interface SweepState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  parameter: SweepParameter | null;
  /** Target p95 wait (ms) the answer is about. */
  targetP95WaitMs: number;
  progress: number;
  result: SweepResult | null;
  error: string | null;
}

const idleSweep: SweepState = {
  status: 'idle',
  parameter: null,
  targetP95WaitMs: 500,
  progress: 0,
  result: null,
  error: null,
};

export const sweepStore = createStore<SweepState>()(() => idleSweep);

export function useSweep<T>(selector: (state: SweepState) => T): T {
  return useStore(sweepStore, selector);
}

export function beginSweep(parameter: SweepParameter, targetP95WaitMs: number): void {
  sweepStore.setState({ ...idleSweep, status: 'running', parameter, targetP95WaitMs }, true);
}

export function setSweepProgress(fraction: number): void {
  const sweep = sweepStore.getState();
  if (sweep.status === 'running') sweepStore.setState({ progress: fraction });
}

export function finishSweep(result: SweepResult): void {
  sweepStore.setState({ status: 'done', progress: 1, result });
}

export function endSweep(status: 'cancelled' | 'error', error: string | null = null): void {
  sweepStore.setState({ status, error });
}

export function setSweepTarget(targetP95WaitMs: number): void {
  sweepStore.setState({ targetP95WaitMs });
}

/** Back to no sweep (tests, and a fresh window). */
export function resetSweepStore(): void {
  sweepStore.setState(idleSweep, true);
}
