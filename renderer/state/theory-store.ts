import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { QueueingAnalysis, QueueStation, WorkerStation } from '../../shared/queueing';

/**
 * Queueing theory of the open document, per station, as the document changes (analysis/theory.ts,
 * connectTheory). Views select what they show: a ρ badge its number, so it re-renders only when
 * that number moves.
 */
export interface TheoryState {
  queues: Readonly<Record<string, QueueStation>>;
  workers: Readonly<Record<string, WorkerStation>>;
}

export const theoryStore = createStore<TheoryState>()(() => ({ queues: {}, workers: {} }));

/** The stations of an analysis (none when the document cannot be analysed). */
export function setTheory(analysis: QueueingAnalysis | null): void {
  theoryStore.setState(
    {
      queues: analysis ? Object.fromEntries(analysis.queues) : {},
      workers: analysis ? Object.fromEntries(analysis.workers) : {},
    },
    true,
  );
}

export function resetTheoryStore(): void {
  theoryStore.setState({ queues: {}, workers: {} }, true);
}

export const useQueueStation = (queueId: string): QueueStation | undefined =>
  useStore(theoryStore, (s) => s.queues[queueId]);

/** Every worker station (the overview marks those that cannot keep up). */
export const useWorkerStations = (): TheoryState['workers'] =>
  useStore(theoryStore, (s) => s.workers);

export const useWorkerStation = (workerId: string): WorkerStation | undefined =>
  useStore(theoryStore, (s) => s.workers[workerId]);

/** The utilisation ρ of a worker as drawn (a number, so its badge re-renders only when it changes). */
export const useWorkerRho = (workerId: string): number | undefined =>
  useStore(theoryStore, (s) => s.workers[workerId]?.utilisation);
