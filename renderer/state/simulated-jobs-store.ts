import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { SimulatedJobs, SimulatedQueueJobs } from '../../shared/simulation/simulated-jobs';
import { analysisStore, useAnalysis } from './analysis-store';

/**
 * The job trace of the last simulation (shared/simulation/job-trace.ts), for the job browser of a
 * queue. It belongs to one analysis (its serial): once another analysis begins it is stale and
 * nothing shows it, so no one has to remember to clear it.
 */
export interface SimulatedJobsState {
  /** The analysis serial the trace came from; null when there is none. */
  serial: number | null;
  jobs: SimulatedJobs | null;
}

export const simulatedJobsStore = createStore<SimulatedJobsState>()(() => ({
  serial: null,
  jobs: null,
}));

/** How many jobs per queue and state the app asks the simulator to keep. */
export const SIMULATED_JOBS_PER_STATE = 100;

export function setSimulatedJobs(serial: number, jobs: SimulatedJobs): void {
  simulatedJobsStore.setState({ serial, jobs }, true);
}

export function resetSimulatedJobsStore(): void {
  simulatedJobsStore.setState({ serial: null, jobs: null }, true);
}

export interface SimulatedQueueView {
  serial: number;
  atMs: number;
  queue: SimulatedQueueJobs;
}

/**
 * A queue's simulated jobs when the trace belongs to the analysis on screen (a simulation that
 * has finished), else null.
 */
export function simulatedQueueJobs(nodeId: string): SimulatedQueueView | null {
  const { serial, jobs } = simulatedJobsStore.getState();
  const analysis = analysisStore.getState();
  const ours =
    serial === analysis.serial && analysis.source === 'simulation' && analysis.status === 'done';
  const queue = ours ? jobs?.queues[nodeId] : undefined;
  return queue && jobs && serial !== null ? { serial, atMs: jobs.atMs, queue } : null;
}

/** The same, re-rendering when the analysis or the trace changes. */
export function useSimulatedQueueJobs(nodeId: string): SimulatedQueueView | null {
  useAnalysis((s) => `${s.serial}:${s.source}:${s.status}`);
  useStore(simulatedJobsStore, (s) => s.serial);
  return simulatedQueueJobs(nodeId);
}
