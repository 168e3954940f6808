import type { RunSnapshot } from '../../shared/metrics/types';
import {
  analysisStore,
  playTo,
  type AnalysisState,
  type PlaybackSpeed,
} from '../state/analysis-store';

/**
 * Replays the analysis' snapshots: at speed s, each millisecond of wall time moves the playhead s
 * milliseconds through the recorded (or simulated) time; 'max' shows one snapshot per frame.
 */

/** Where the playhead goes after `elapsedMs` of wall time. */
export function advancePlayhead(
  snapshots: readonly RunSnapshot[],
  position: number,
  speed: PlaybackSpeed,
  playheadT: number,
  elapsedMs: number,
): number {
  if (speed === 'max') {
    const next = snapshots[Math.min(snapshots.length - 1, position + 1)];
    return next?.t ?? playheadT;
  }
  return playheadT + Math.max(0, elapsedMs) * speed;
}

export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
  now(): number;
}

const browserFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(() => callback()),
  cancel: (handle) => cancelAnimationFrame(handle),
  now: () => performance.now(),
};

/**
 * Drives playback while the store says `playing`, whichever view is on screen. Returns a function
 * that stops the driver.
 */
export function startPlaybackDriver(frames: FrameScheduler = browserFrames): () => void {
  let handle: number | null = null;
  let playheadT = 0;
  let lastFrame = 0;
  let expectedPosition = -1;

  const tick = () => {
    handle = null;
    const state = analysisStore.getState();
    if (!state.playing) return;
    const now = frames.now();
    // Someone moved the playhead (the scrubber): continue from there.
    if (state.position !== expectedPosition) playheadT = state.snapshots[state.position]?.t ?? 0;
    playheadT = advancePlayhead(
      state.snapshots,
      state.position,
      state.speed,
      playheadT,
      now - lastFrame,
    );
    lastFrame = now;
    playTo(playheadT);
    expectedPosition = analysisStore.getState().position;
    if (analysisStore.getState().playing) handle = frames.request(tick);
  };

  const start = (state: AnalysisState) => {
    playheadT = state.snapshots[state.position]?.t ?? 0;
    expectedPosition = state.position;
    lastFrame = frames.now();
    if (handle === null) handle = frames.request(tick);
  };

  const unsubscribe = analysisStore.subscribe((state, previous) => {
    if (state.playing && !previous.playing) start(state);
    else if (!state.playing && handle !== null) {
      frames.cancel(handle);
      handle = null;
    }
  });
  if (analysisStore.getState().playing) start(analysisStore.getState());
  return () => {
    unsubscribe();
    if (handle !== null) frames.cancel(handle);
    handle = null;
  };
}
