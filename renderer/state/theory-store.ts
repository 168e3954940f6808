import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { QueueStation, WorkerStation } from '../../shared/queueing';

/**
 * Queueing theory of the open document, per station. It is computed as the document changes
 * (analysis/theory.ts, connectTheory) and arrives as a patch of the stations whose
 * figures changed, so an edit re-renders only the badges and panels whose figures moved.
 */
export interface TheoryState {
  queues: Readonly<Record<string, QueueStation>>;
  workers: Readonly<Record<string, WorkerStation>>;
}

/** What changed since the previous patch; `reset` replaces every station (a first answer). */
export interface TheoryPatch {
  reset: boolean;
  queues: [string, QueueStation][];
  workers: [string, WorkerStation][];
  removedQueues: string[];
  removedWorkers: string[];
}

export const theoryStore = createStore<TheoryState>()(() => ({ queues: {}, workers: {} }));

function patched<T>(
  old: Readonly<Record<string, T>>,
  reset: boolean,
  changed: [string, T][],
  removed: string[],
): Readonly<Record<string, T>> {
  if (!reset && changed.length === 0 && removed.length === 0) return old;
  const next: Record<string, T> = reset ? {} : { ...old };
  for (const id of removed) delete next[id];
  for (const [id, station] of changed) next[id] = station;
  return next;
}

export function applyTheoryPatch(patch: TheoryPatch): void {
  const { queues, workers } = theoryStore.getState();
  const next = {
    queues: patched(queues, patch.reset, patch.queues, patch.removedQueues),
    workers: patched(workers, patch.reset, patch.workers, patch.removedWorkers),
  };
  if (next.queues !== queues || next.workers !== workers) theoryStore.setState(next);
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
