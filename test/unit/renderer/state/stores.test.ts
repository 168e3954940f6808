import { afterEach, describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../../../../shared/metrics/types';
import { emptyLatency } from '../../../../shared/metrics/types';
import { documentStore, loadDocument } from '../../../../renderer/state/document-store';
import { commit, isDirty } from '../../../../renderer/state/history';
import { applySnapshot, clearLiveFigures, liveStore } from '../../../../renderer/state/live-store';
import {
  EMPTY_SELECTION,
  pruneSelection,
  selectionOf,
  selectionStore,
  setSelection,
} from '../../../../renderer/state/selection-store';
import { welcomeDoc } from '../actions/fixtures';

afterEach(() => {
  setSelection(EMPTY_SELECTION);
  clearLiveFigures();
});

describe('document store', () => {
  it('loads a document with a fresh history', () => {
    loadDocument(welcomeDoc(), null);
    documentStore.setState(commit(documentStore.getState(), { ...welcomeDoc(), name: 'x' }));
    expect(documentStore.getState().past).toHaveLength(1);
    loadDocument(welcomeDoc(), '/w.json', { dirty: true });
    const state = documentStore.getState();
    expect(state.past).toHaveLength(0);
    expect(state.path).toBe('/w.json');
    expect(isDirty(state)).toBe(true);
  });
});

describe('selection store', () => {
  it('keeps its object when the same ids are set again', () => {
    setSelection(selectionOf(['a', 'b']));
    const before = selectionStore.getState();
    setSelection(selectionOf(['b', 'a']));
    expect(selectionStore.getState()).toBe(before);
    setSelection(selectionOf(['a']));
    expect(selectionStore.getState()).not.toBe(before);
  });

  it('prunes ids that no longer exist', () => {
    setSelection(selectionOf(['a', 'gone'], ['e1', 'e-gone']));
    pruneSelection(new Set(['a']), new Set(['e1']));
    expect([...selectionStore.getState().nodeIds]).toEqual(['a']);
    expect([...selectionStore.getState().edgeIds]).toEqual(['e1']);
  });
});

const worker = (active: number) => ({
  kind: 'worker' as const,
  active,
  capacity: 10,
  utilisation: active / 10,
  throughputPerSec: 5,
  completed: 1,
  failed: 0,
  retried: 0,
  serviceMs: emptyLatency(),
});
const snapshot = (t: number, active: number): RunSnapshot => ({
  t,
  nodes: { w1: worker(active), w2: worker(3) },
  edges: { e1: 2 },
  endToEndMs: emptyLatency(),
});

describe('live figures store', () => {
  it('holds figures by node id and keeps unchanged figures identical between ticks', () => {
    applySnapshot(snapshot(250, 4));
    const first = liveStore.getState();
    applySnapshot(snapshot(500, 7));
    const second = liveStore.getState();
    expect(second.t).toBe(500);
    expect(second.nodes.w2).toBe(first.nodes.w2);
    expect(second.nodes.w1).not.toBe(first.nodes.w1);
    expect(second.nodes.w1).toMatchObject({ active: 7 });
    expect(second.edges).toEqual({ e1: 2 });
    clearLiveFigures();
    expect(liveStore.getState()).toEqual({ t: null, nodes: {}, edges: {} });
  });
});
