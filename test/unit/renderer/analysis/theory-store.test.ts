import { beforeEach, describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../../../shared/document';
import { analyseOrNull, connectTheory } from '../../../../renderer/analysis/theory';
import { documentStore, loadDocument } from '../../../../renderer/state/document-store';
import { commit } from '../../../../renderer/state/history';
import { moveNodes } from '../../../../renderer/editing/edit';
import { resetTheoryStore, setTheory, theoryStore } from '../../../../renderer/state/theory-store';
import { welcomeDoc } from '../actions/fixtures';

/** The welcome pipeline twice over: a second, independent chain with ids ending in 2. */
function twoChains(): PipelineDocument {
  const doc = welcomeDoc();
  const twin = (id: string) => `${id}2`;
  return {
    ...doc,
    nodes: [...doc.nodes, ...doc.nodes.map((n) => ({ ...n, id: twin(n.id), name: twin(n.name) }))],
    edges: [
      ...doc.edges,
      ...doc.edges.map((e) => ({ ...e, id: twin(e.id), from: twin(e.from), to: twin(e.to) })),
    ],
  };
}

const withSenderConcurrency = (doc: PipelineDocument, concurrency: number): PipelineDocument => ({
  ...doc,
  nodes: doc.nodes.map((n) =>
    n.id === 'sender' && n.kind === 'worker' ? { ...n, config: { ...n.config, concurrency } } : n,
  ),
});

describe('the theory store', () => {
  beforeEach(resetTheoryStore);

  it('holds every station of an analysis, and none when the document cannot be analysed', () => {
    setTheory(analyseOrNull(twoChains()));
    const { queues, workers } = theoryStore.getState();
    expect(Object.keys(workers).sort()).toEqual(['sender', 'sender2']);
    expect(Object.keys(queues).sort()).toEqual([
      'dead-letters',
      'dead-letters2',
      'emails',
      'emails2',
    ]);
    expect(workers.sender?.utilisation).toBeCloseTo(0.24, 1);
    setTheory(null);
    expect(theoryStore.getState()).toEqual({ queues: {}, workers: {} });
  });

  it('gives a ρ badge a number, unchanged by an edit elsewhere in the pipeline', () => {
    const rhoOf = (id: string) => theoryStore.getState().workers[id]?.utilisation;
    const doc = twoChains();
    setTheory(analyseOrNull(doc));
    const before = rhoOf('sender2');
    setTheory(analyseOrNull(withSenderConcurrency(doc, 2)));
    expect(rhoOf('sender')).toBeCloseTo(1.2, 1);
    // A number compares equal, so the other chain's badge (selecting it) does not re-render.
    expect(rhoOf('sender2')).toBe(before);
  });
});

describe('the theory store follows the document', () => {
  const change = (next: PipelineDocument) =>
    documentStore.setState(commit(documentStore.getState(), next, { now: 0 }), true);

  it('within the edit itself, so the figures are drawn in the frame that shows the edit', () => {
    loadDocument(welcomeDoc(), null);
    const stop = connectTheory();
    try {
      expect(theoryStore.getState().workers.sender?.utilisation).toBeCloseTo(0.24, 1);
      change(withSenderConcurrency(documentStore.getState().document, 2));
      // No task, microtask or timer in between: the store changed with the document.
      expect(theoryStore.getState().workers.sender?.utilisation).toBeCloseTo(1.2, 1);
      const before = theoryStore.getState();
      change(moveNodes(documentStore.getState().document, new Map([['emails', { x: 5, y: 5 }]])));
      change({ ...documentStore.getState().document, name: 'renamed' });
      expect(theoryStore.getState()).toBe(before);
    } finally {
      stop();
    }
    expect(theoryStore.getState()).toEqual({ queues: {}, workers: {} });
  });
});
