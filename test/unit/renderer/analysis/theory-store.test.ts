import { beforeEach, describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../../../shared/document';
import { connectTheory } from '../../../../renderer/analysis/theory';
import { createTheoryDiffer } from '../../../../renderer/analysis/theory-diff';
import { documentStore, loadDocument } from '../../../../renderer/state/document-store';
import { commit } from '../../../../renderer/state/history';
import { moveNodes } from '../../../../renderer/editing/edit';
import {
  applyTheoryPatch,
  resetTheoryStore,
  theoryStore,
} from '../../../../renderer/state/theory-store';
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

describe('queueing theory as patches of the stations that changed', () => {
  beforeEach(resetTheoryStore);

  it('answers first with every station, then only with those whose figures moved', () => {
    const theoryOf = createTheoryDiffer();
    const doc = twoChains();
    const first = theoryOf(doc);
    expect(first.reset).toBe(true);
    expect(first.workers.map(([id]) => id).sort()).toEqual(['sender', 'sender2']);
    expect(first.queues.map(([id]) => id).sort()).toEqual([
      'dead-letters',
      'dead-letters2',
      'emails',
      'emails2',
    ]);
    const edit = theoryOf(withSenderConcurrency(doc, 2));
    expect(edit.reset).toBe(false);
    expect(edit.workers.map(([id]) => id)).toEqual(['sender']);
    expect(edit.queues.map(([id]) => id)).toContain('emails');
    expect(edit.queues.map(([id]) => id)).not.toContain('emails2');
    const same = theoryOf(withSenderConcurrency(doc, 2));
    expect([...same.workers, ...same.queues, ...same.removedWorkers]).toEqual([]);
  });

  it('keeps unchanged stations in the store as they were, so their badges do not re-render', () => {
    const theoryOf = createTheoryDiffer();
    const doc = twoChains();
    applyTheoryPatch(theoryOf(doc));
    const before = theoryStore.getState();
    expect(before.workers.sender?.utilisation).toBeCloseTo(0.24, 1);
    applyTheoryPatch(theoryOf(withSenderConcurrency(doc, 2)));
    const after = theoryStore.getState();
    expect(after.workers.sender?.utilisation).toBeCloseTo(1.2, 1);
    expect(after.workers.sender2).toBe(before.workers.sender2);
    expect(after.queues.emails2).toBe(before.queues.emails2);
    // Nothing changed: the store keeps its state object.
    applyTheoryPatch(theoryOf(withSenderConcurrency(doc, 2)));
    expect(theoryStore.getState()).toBe(after);
  });

  it('removes the stations of deleted nodes, and all of them for an empty canvas', () => {
    const theoryOf = createTheoryDiffer();
    const doc = twoChains();
    applyTheoryPatch(theoryOf(doc));
    const oneChain = welcomeDoc();
    const patch = theoryOf(oneChain);
    expect(patch.removedWorkers).toEqual(['sender2']);
    applyTheoryPatch(patch);
    expect(Object.keys(theoryStore.getState().workers)).toEqual(['sender']);
    applyTheoryPatch(theoryOf({ ...oneChain, nodes: [], edges: [] }));
    expect(theoryStore.getState()).toEqual({ queues: {}, workers: {} });
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
