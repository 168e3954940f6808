import type { PipelineDocument } from '../../shared/document';
import {
  analyseQueueing,
  type QueueingAnalysis,
  type QueueStation,
  type WorkerStation,
} from '../../shared/queueing';
import { documentGraph } from '../state/document-store';
import type { TheoryPatch } from '../state/theory-store';

/** The queueing analysis of `doc`, or null when it cannot be analysed (e.g. a broken edge). */
export function analyseOrNull(doc: PipelineDocument): QueueingAnalysis | null {
  try {
    return analyseQueueing(doc, documentGraph(doc));
  } catch {
    // A document mid-edit may not form a graph yet; the problems panel says why.
    return null;
  }
}

/**
 * Equal as JSON values (what the stations are: numbers, strings, booleans, arrays, objects).
 * Allocates nothing: it runs over every station on every edit.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k in x) {
    if (!Object.hasOwn(y, k) || !sameValue(x[k], y[k])) return false;
    keys++;
  }
  for (const k in y) if (Object.hasOwn(y, k)) keys--;
  return keys === 0;
}

function diff<T>(
  stations: ReadonlyMap<string, T>,
  seen: Map<string, T>,
  reset: boolean,
): { changed: [string, T][]; removed: string[] } {
  const changed: [string, T][] = [];
  const removed: string[] = [];
  for (const [id, station] of stations) {
    if (reset || !seen.has(id) || !sameValue(seen.get(id), station)) changed.push([id, station]);
    seen.set(id, station);
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
  const queues = new Map<string, QueueStation>();
  const workers = new Map<string, WorkerStation>();
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
