import type { PipelineDocument, PipelineEdge, PipelineNode } from '../../shared/document';
import { analyseQueueing, type QueueingAnalysis } from '../../shared/queueing';
import { documentGraph, documentStore } from '../state/document-store';
import { resetTheoryStore, setTheory } from '../state/theory-store';

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
 * Queueing theory while drawing: the analysis of the open document matters only when something
 * it depends on changed (not when a node moves or is renamed).
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

/**
 * The queueing analysis of `doc` computed here and now, for one-off needs (the what-if form's
 * ranges). Views read the theory store instead (see connectTheory).
 */
export function queueingFor(doc: PipelineDocument): QueueingAnalysis | null {
  if (cached && (cached.doc === doc || sameModel(cached.doc, doc))) {
    cached = { doc, analysis: cached.analysis };
    return cached.analysis;
  }
  const analysis = analyseOrNull(doc);
  cached = { doc, analysis };
  return analysis;
}

/**
 * Keeps the theory store in step with the document, in the same task as the edit: the ρ badges
 * and the inspector's theory panel change in the frame that shows the keystroke, so an edit costs
 * one repaint, not a second one when an answer comes back from elsewhere. (The analysis stops
 * as soon as it settles, about a millisecond for a 500-node pipeline.)
 */
export function connectTheory(): () => void {
  let analysed = documentStore.getState().document;
  setTheory(analyseOrNull(analysed));
  const unsubscribe = documentStore.subscribe(({ document }) => {
    if (document === analysed || sameModel(analysed, document)) return;
    analysed = document;
    setTheory(analyseOrNull(document));
  });
  return () => {
    unsubscribe();
    resetTheoryStore();
  };
}

export { useQueueStation, useWorkerRho, useWorkerStation } from '../state/theory-store';

/** Slots needed to bring ρ under 1 for an offered load (erlangs). */
export const slotsNeeded = (offeredLoad: number): number => Math.floor(offeredLoad) + 1;
