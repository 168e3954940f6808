import { useDocumentState } from '../state/document-store';
import type { PipelineDocument, PipelineEdge, PipelineNode } from '../../shared/document';
import {
  analyseQueueing,
  type QueueStation,
  type QueueingAnalysis,
  type WorkerStation,
} from '../../shared/queueing';

/**
 * Queueing theory while drawing: the analysis of the open document, recomputed only when
 * something it depends on changed (not when a node moves or is renamed), so canvas indicators
 * and the inspector can read it on every render.
 */

const sameJson = (a: unknown, b: unknown): boolean =>
  a === b || JSON.stringify(a) === JSON.stringify(b);

const sameNode = (a: PipelineNode, b: PipelineNode): boolean =>
  a === b || (a.id === b.id && a.kind === b.kind && sameJson(a.config, b.config));

const sameEdge = (a: PipelineEdge, b: PipelineEdge): boolean =>
  a === b ||
  (a.id === b.id &&
    a.from === b.from &&
    a.to === b.to &&
    a.on === b.on &&
    a.probability === b.probability);

/**
 * True when two documents describe the same model: the same nodes (id, kind, settings) and the
 * same edges. Positions, names and descriptions do not change any figure.
 */
export function sameModel(a: PipelineDocument, b: PipelineDocument): boolean {
  if (a === b) return true;
  if (a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length) return false;
  return (
    a.nodes.every((n, i) => sameNode(n, b.nodes[i]!)) &&
    a.edges.every((e, i) => sameEdge(e, b.edges[i]!))
  );
}

let cached: { doc: PipelineDocument; analysis: QueueingAnalysis | null } | null = null;

/** The queueing analysis of `doc`, or null when it cannot be analysed (e.g. a broken edge). */
export function queueingFor(doc: PipelineDocument): QueueingAnalysis | null {
  if (cached && (cached.doc === doc || sameModel(cached.doc, doc))) {
    cached = { doc, analysis: cached.analysis };
    return cached.analysis;
  }
  let analysis: QueueingAnalysis | null;
  try {
    analysis = analyseQueueing(doc);
  } catch {
    // A document mid-edit may not form a graph yet; the problems panel says why.
    analysis = null;
  }
  cached = { doc, analysis };
  return analysis;
}

export function useQueueStation(queueId: string): QueueStation | undefined {
  return useDocumentState((s) => queueingFor(s.document)?.queues.get(queueId));
}

export function useWorkerStation(workerId: string): WorkerStation | undefined {
  return useDocumentState((s) => queueingFor(s.document)?.workers.get(workerId));
}

/** The utilisation ρ of a worker as drawn (a number, so the canvas re-renders only when it changes). */
export function useWorkerRho(workerId: string): number | undefined {
  return useDocumentState((s) => queueingFor(s.document)?.workers.get(workerId)?.utilisation);
}

/** Slots needed to bring ρ under 1 for an offered load (erlangs). */
export const slotsNeeded = (offeredLoad: number): number => Math.floor(offeredLoad) + 1;
