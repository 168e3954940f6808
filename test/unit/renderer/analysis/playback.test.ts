import { afterEach, describe, expect, it } from 'vitest';
import {
  advancePlayhead,
  startPlaybackDriver,
  type FrameScheduler,
} from '../../../../renderer/analysis/playback';
import {
  analysisStore,
  appendSnapshots,
  beginAnalysis,
  finishAnalysis,
  play,
  resetAnalysisStore,
  seek,
  setSpeed,
} from '../../../../renderer/state/analysis-store';
import { series } from './snapshots';

/** Frames on demand: the test says when the next one happens and how much time passed. */
class ManualFrames implements FrameScheduler {
  time = 0;
  private next = new Map<number, () => void>();
  private id = 0;
  request(callback: () => void): number {
    this.next.set(++this.id, callback);
    return this.id;
  }
  cancel(handle: number): void {
    this.next.delete(handle);
  }
  now(): number {
    return this.time;
  }
  get pending(): number {
    return this.next.size;
  }
  /** Advances the clock by `ms` and runs the frames that were waiting. */
  frame(ms: number): void {
    this.time += ms;
    const due = [...this.next.values()];
    this.next.clear();
    for (const run of due) run();
  }
}

const position = () => analysisStore.getState().position;
let stop: (() => void) | null = null;

afterEach(() => {
  stop?.();
  stop = null;
  resetAnalysisStore();
});

function finished(count: number, stepMs = 1000) {
  beginAnalysis('simulation', { label: 's' });
  appendSnapshots(series(count, stepMs));
  finishAnalysis({
    format: 'pipewright-summary/v1',
    mode: 'simulate',
    document: 'd',
    durationMs: count * stepMs,
    nodes: {},
    endToEndMs: { mean: 0, p50: 0, p95: 0, p99: 0, max: 0 },
  });
}

describe('playback', () => {
  it('moves the playhead by wall time × speed, or one snapshot per frame at max', () => {
    const snapshots = series(5);
    expect(advancePlayhead(snapshots, 0, 1, 1000, 16)).toBe(1016);
    expect(advancePlayhead(snapshots, 0, 100, 1000, 20)).toBe(3000);
    expect(advancePlayhead(snapshots, 1, 'max', 2000, 1)).toBe(3000);
    expect(advancePlayhead(snapshots, 4, 'max', 5000, 1)).toBe(5000);
    expect(advancePlayhead(snapshots, 0, 10, 1000, -5)).toBe(1000);
  });

  it('replays at 1× in step with the clock, then stops at the end', () => {
    finished(10);
    const frames = new ManualFrames();
    stop = startPlaybackDriver(frames);
    setSpeed(1);
    play();
    expect(position()).toBe(0);
    for (let i = 0; i < 10; i++) frames.frame(100); // one second of wall time
    expect(analysisStore.getState().snapshots[position()]?.t).toBe(2000);
    for (let i = 0; i < 100; i++) frames.frame(100);
    expect(position()).toBe(9);
    expect(analysisStore.getState().playing).toBe(false);
    expect(frames.pending).toBe(0);
  });

  it('replays 100× faster at 100×, and one snapshot per frame at max', () => {
    finished(200);
    const frames = new ManualFrames();
    stop = startPlaybackDriver(frames);
    setSpeed(100);
    play();
    frames.frame(500);
    expect(analysisStore.getState().snapshots[position()]?.t).toBe(51_000);
    setSpeed('max');
    const before = position();
    frames.frame(1);
    frames.frame(1);
    expect(position()).toBe(before + 2);
  });

  it('continues from where the scrubber puts the playhead', () => {
    finished(100);
    const frames = new ManualFrames();
    stop = startPlaybackDriver(frames);
    setSpeed(10);
    play();
    frames.frame(100);
    seek(50);
    frames.frame(100);
    expect(analysisStore.getState().snapshots[position()]?.t).toBe(52_000);
  });

  it('stops requesting frames when paused or stopped', () => {
    finished(100);
    const frames = new ManualFrames();
    stop = startPlaybackDriver(frames);
    play();
    expect(frames.pending).toBe(1);
    analysisStore.setState({ playing: false });
    expect(frames.pending).toBe(0);
    play();
    stop();
    stop = null;
    expect(frames.pending).toBe(0);
  });
});
