import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../shared/metrics/types';
import {
  MAX_SNAPSHOTS,
  analysisStore,
  appendSnapshots,
  beginAnalysis,
  cancelAnalysis,
  clearAnalysis,
  failAnalysis,
  finishAnalysis,
  indexAtTime,
  pause,
  play,
  playTo,
  resetAnalysisStore,
  seek,
  seekTime,
  setAnalysisProgress,
  setBottomTab,
  setSpeed,
} from '../../../../renderer/state/analysis-store';
import { liveStore } from '../../../../renderer/state/live-store';
import {
  beginSweep,
  endSweep,
  resetSweepStore,
  setSweepProgress,
  sweepStore,
} from '../../../../renderer/state/sweep-store';
import { series, snapshotAt } from './snapshots';

const state = () => analysisStore.getState();
const shownBacklog = () => {
  const q = liveStore.getState().nodes.q;
  return q?.kind === 'queue' ? q.waiting : undefined;
};

const summary: RunSummary = {
  format: 'pipewright-summary/v1',
  mode: 'simulate',
  document: 'Test',
  durationMs: 5000,
  seed: 1,
  nodes: {},
  endToEndMs: { mean: 0, p50: 0, p95: 0, p99: 0, max: 0 },
};

afterEach(() => resetAnalysisStore());

describe('analysis store', () => {
  it('starts a new analysis with a fresh history and a higher serial', () => {
    const first = beginAnalysis('simulation', { label: 'one' });
    appendSnapshots(series(3));
    setBottomTab('metrics');
    setSpeed(100);
    const second = beginAnalysis('run', { label: 'two', expectedDurationMs: 60_000 });
    expect(second).toBe(first + 1);
    expect(state()).toMatchObject({
      source: 'run',
      status: 'running',
      snapshots: [],
      position: -1,
      follow: true,
      // The user's choices survive.
      speed: 100,
      bottomTab: 'metrics',
    });
    expect(state().meta?.expectedDurationMs).toBe(60_000);
    expect(liveStore.getState().t).toBeNull();
  });

  it('follows the newest snapshot into the live store while nobody scrubs', () => {
    beginAnalysis('simulation', { label: 's' });
    appendSnapshots(series(3));
    expect(state().position).toBe(2);
    expect(shownBacklog()).toBe(3);
    expect(liveStore.getState().edges.e).toBe(3);
    appendSnapshots([snapshotAt(4000, 9)]);
    expect(shownBacklog()).toBe(9);
  });

  it('ignores snapshots when no analysis has begun', () => {
    appendSnapshots(series(2));
    expect(state().snapshots).toEqual([]);
    expect(liveStore.getState().t).toBeNull();
  });

  it('holds the playhead where the user put it while more snapshots arrive', () => {
    beginAnalysis('run', { label: 'r' });
    appendSnapshots(series(5));
    seek(1);
    expect(state().follow).toBe(false);
    expect(shownBacklog()).toBe(2);
    appendSnapshots(series(8).slice(5));
    expect(state().position).toBe(1);
    expect(shownBacklog()).toBe(2);
    // Back at the newest, it follows again.
    seek(7);
    expect(state().follow).toBe(true);
    appendSnapshots([snapshotAt(9000, 42)]);
    expect(shownBacklog()).toBe(42);
  });

  it('seeks by time to the last snapshot at or before it, clamped to the ends', () => {
    beginAnalysis('simulation', { label: 's' });
    appendSnapshots(series(10));
    seekTime(4500);
    expect(state().snapshots[state().position]?.t).toBe(4000);
    seekTime(-5);
    expect(state().position).toBe(0);
    seek(99);
    expect(state().position).toBe(9);
    expect(indexAtTime(series(3), 2999)).toBe(1);
    expect(indexAtTime([], 10)).toBe(-1);
  });

  it('halves a long history, keeping its last snapshot and the held time', () => {
    beginAnalysis('run', { label: 'r' });
    appendSnapshots(series(MAX_SNAPSHOTS));
    seekTime(2_000_000);
    appendSnapshots(series(MAX_SNAPSHOTS + 2).slice(MAX_SNAPSHOTS));
    const { snapshots, position } = state();
    expect(snapshots.length).toBeLessThanOrEqual(MAX_SNAPSHOTS);
    expect(snapshots.at(-1)?.t).toBe((MAX_SNAPSHOTS + 2) * 1000);
    expect(snapshots[position]?.t).toBeLessThanOrEqual(2_000_000);
    expect(snapshots[position]?.t).toBeGreaterThanOrEqual(1_998_000);
    // Still in time order.
    expect(snapshots.every((s, i) => i === 0 || s.t > snapshots[i - 1]!.t)).toBe(true);
  });

  it('ends with the summary, showing the last state, and records progress while running', () => {
    beginAnalysis('simulation', { label: 's' });
    setAnalysisProgress(0.25);
    expect(state().progress).toBe(0.25);
    setAnalysisProgress(7);
    expect(state().progress).toBe(1);
    appendSnapshots(series(4));
    finishAnalysis(summary);
    expect(state()).toMatchObject({ status: 'done', summary, progress: 1, position: 3 });
    setAnalysisProgress(0.1);
    expect(state().progress).toBe(1);
  });

  it('records a cancel and a failure, keeping what was seen', () => {
    beginAnalysis('simulation', { label: 's' });
    appendSnapshots(series(2));
    cancelAnalysis();
    expect(state()).toMatchObject({ status: 'cancelled', position: 1 });
    beginAnalysis('simulation', { label: 's' });
    failAnalysis('cannot simulate this pipeline: worker "w" has no input queue');
    expect(state().status).toBe('error');
    expect(state().error).toContain('has no input queue');
    expect(state().position).toBe(-1);
  });

  it('clears the analysis and the figures on the canvas', () => {
    beginAnalysis('monitor', { label: 'm' });
    appendSnapshots(series(2));
    clearAnalysis();
    expect(state()).toMatchObject({ source: null, status: 'idle', snapshots: [] });
    expect(liveStore.getState()).toMatchObject({ t: null, nodes: {}, edges: {} });
  });

  it('plays from the start when at the end, and stops at the end of a finished run', () => {
    beginAnalysis('simulation', { label: 's' });
    appendSnapshots(series(5));
    finishAnalysis(summary);
    play();
    expect(state()).toMatchObject({ playing: true, position: 0, follow: false });
    expect(shownBacklog()).toBe(1);
    playTo(3500);
    expect(state().position).toBe(2);
    pause();
    expect(state().playing).toBe(false);
    play();
    expect(state().position).toBe(2);
    playTo(10_000);
    expect(state()).toMatchObject({ playing: false, position: 4, follow: false });
  });

  it('goes back to following a live stream when the replay catches up', () => {
    beginAnalysis('run', { label: 'r' });
    appendSnapshots(series(5));
    seek(0);
    play();
    playTo(99_000);
    expect(state()).toMatchObject({ playing: false, follow: true, position: 4 });
    appendSnapshots([snapshotAt(6000, 77)]);
    expect(shownBacklog()).toBe(77);
  });

  it('does not play a history of fewer than two snapshots', () => {
    beginAnalysis('run', { label: 'r' });
    appendSnapshots(series(1));
    play();
    expect(state().playing).toBe(false);
  });

  it('keeps the state of a sweep apart from the analysis', () => {
    resetSweepStore();
    beginSweep({ kind: 'concurrency', workerId: 'w' }, 250);
    setSweepProgress(0.5);
    expect(sweepStore.getState()).toMatchObject({
      status: 'running',
      progress: 0.5,
      targetP95WaitMs: 250,
    });
    beginAnalysis('simulation', { label: 's' });
    expect(sweepStore.getState().status).toBe('running');
    endSweep('error', 'there is no worker with id "w"');
    expect(sweepStore.getState()).toMatchObject({
      status: 'error',
      error: 'there is no worker with id "w"',
    });
    setSweepProgress(0.9);
    expect(sweepStore.getState().progress).toBe(0.5);
    resetAnalysisStore();
    expect(sweepStore.getState().status).toBe('error');
    expect('sweep' in state()).toBe(false);
  });
});
