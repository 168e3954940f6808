import type { PipelineDocument } from '../../shared/document';
import { analyseQueueing, type QueueingAnalysis } from '../../shared/queueing';
import type { TheoryPatch } from '../state/theory-store';

/** The queueing analysis of `doc`, or null when it cannot be analysed (e.g. a broken edge). */
export function analyseOrNull(doc: PipelineDocument): QueueingAnalysis | null {
  try {
    return analyseQueueing(doc);
  } catch {
    // A document mid-edit may not form a graph yet; the problems panel says why.
    return null;
  }
}

function diff<T>(
  stations: ReadonlyMap<string, T>,
  seen: Map<string, string>,
  reset: boolean,
): { changed: [string, T][]; removed: string[] } {
  const changed: [string, T][] = [];
  const removed: string[] = [];
  for (const [id, station] of stations) {
    const json = JSON.stringify(station);
    if (reset || seen.get(id) !== json) changed.push([id, station]);
    seen.set(id, json);
  }
  for (const id of seen.keys()) {
    if (!stations.has(id)) {
      removed.push(id);
      seen.delete(id);
    }
  }
  return { changed, removed };
}

/**
 * Analyses documents one after another and answers with what changed since the previous one:
 * the first answer replaces everything, later ones carry only stations whose figures moved.
 * Patches must be applied in the order they were made.
 */
export function createTheoryDiffer(): (doc: PipelineDocument) => TheoryPatch {
  const queues = new Map<string, string>();
  const workers = new Map<string, string>();
  let first = true;
  return (doc) => {
    const analysis = analyseOrNull(doc);
    const reset = first;
    first = false;
    const q = diff(analysis?.queues ?? new Map(), queues, reset);
    const w = diff(analysis?.workers ?? new Map(), workers, reset);
    return {
      reset,
      queues: q.changed,
      workers: w.changed,
      removedQueues: q.removed,
      removedWorkers: w.removed,
    };
  };
}
