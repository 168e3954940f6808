import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { PipelineDocument } from '../../shared/document';
import type { RunSnapshot, RunSummary } from '../../shared/metrics/types';
import { applySnapshot, clearLiveFigures } from './live-store';

/**
 * The current analysis: the snapshot history of one simulation, real run or monitoring session,
 * its summary when it ends, and where the timeline is. Every view (canvas badges, scrubber,
 * charts, results table) reads this store, whatever produced the snapshots; the position of the
 * playhead is what the canvas shows, through `applySnapshot` into the live store.
 *
 * Producers of snapshots call the plain functions below: `beginAnalysis`, `appendSnapshots`,
 * `setAnalysisProgress`, then one of `finishAnalysis`, `cancelAnalysis` or `failAnalysis`.
 */

export type AnalysisSource = 'simulation' | 'run' | 'monitor';
export type AnalysisStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';
/** Simulated (or recorded) time per wall time when replaying; 'max' = one snapshot per frame. */
export type PlaybackSpeed = 1 | 10 | 100 | 'max';
export const PLAYBACK_SPEEDS: readonly PlaybackSpeed[] = [1, 10, 100, 'max'];

export interface AnalysisMeta {
  /** Shown in the panel header, e.g. `Simulation · 10 min · seed 1`. */
  label: string;
  /** The document analysed: names for tables, and telling when the figures are stale. */
  document?: PipelineDocument;
  /** Expected span of the stream (ms), for the scrubber before the end is known. */
  expectedDurationMs?: number;
  /** Start of the measured span (end of the warm-up), ms. */
  warmupMs?: number;
}

export interface AnalysisState {
  /** Increases with every `beginAnalysis`, so late messages of an older one can be told apart. */
  serial: number;
  source: AnalysisSource | null;
  meta: AnalysisMeta | null;
  status: AnalysisStatus;
  snapshots: readonly RunSnapshot[];
  summary: RunSummary | null;
  error: string | null;
  /** 0..1; how far the producer of the snapshots is (a simulation's horizon). */
  progress: number;
  /** Index into `snapshots` of what the canvas shows; -1 when there is none. */
  position: number;
  /** The playhead stays on the newest snapshot as they arrive. */
  follow: boolean;
  playing: boolean;
  speed: PlaybackSpeed;
  /** The bottom panel's open tab. */
  bottomTab: string;
}

/** Beyond this many snapshots every other one is dropped: a long run stays replayable. */
export const MAX_SNAPSHOTS = 4000;

const initial = (): AnalysisState => ({
  serial: 0,
  source: null,
  meta: null,
  status: 'idle',
  snapshots: [],
  summary: null,
  error: null,
  progress: 0,
  position: -1,
  follow: true,
  playing: false,
  speed: 10,
  bottomTab: 'problems',
});

export const analysisStore = createStore<AnalysisState>()(initial);

export function useAnalysis<T>(selector: (state: AnalysisState) => T): T {
  return useStore(analysisStore, selector);
}

/** For selectors that build a flat object: re-renders only when one of its fields changed. */
export function useAnalysisShallow<T>(selector: (state: AnalysisState) => T): T {
  return useStore(analysisStore, useShallow(selector));
}

let shown: RunSnapshot | null = null;

/** Puts the snapshot under the playhead into the live store (once per change). */
function showPosition(state: AnalysisState): void {
  const snapshot = state.snapshots[state.position] ?? null;
  if (snapshot === shown) return;
  shown = snapshot;
  if (snapshot) applySnapshot(snapshot);
  else clearLiveFigures();
}

function update(patch: Partial<AnalysisState>): void {
  analysisStore.setState(patch);
  showPosition(analysisStore.getState());
}

/** Starts a new analysis, dropping the previous one (its figures leave the canvas). */
export function beginAnalysis(source: AnalysisSource, meta: AnalysisMeta): number {
  const { serial, speed, bottomTab } = analysisStore.getState();
  update({
    ...initial(),
    serial: serial + 1,
    source,
    meta,
    status: 'running',
    speed,
    bottomTab,
  });
  return serial + 1;
}

/** Halves a list that grew too long, keeping its last element. */
function thin(list: readonly RunSnapshot[]): RunSnapshot[] {
  const last = list.length - 1;
  return list.filter((_, i) => i % 2 === last % 2);
}

/** Index of the last snapshot at or before time `t` (0 when all are later). */
export function indexAtTime(snapshots: readonly RunSnapshot[], t: number): number {
  let lo = 0;
  let hi = snapshots.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (snapshots[mid]!.t <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Adds snapshots in time order; the canvas follows the newest unless the user moved away. */
export function appendSnapshots(snapshots: readonly RunSnapshot[]): void {
  if (snapshots.length === 0) return;
  const state = analysisStore.getState();
  if (state.source === null) return;
  let list = [...state.snapshots, ...snapshots];
  let position = state.position;
  const heldT = state.snapshots[state.position]?.t;
  while (list.length > MAX_SNAPSHOTS) list = thin(list);
  if (state.follow) position = list.length - 1;
  else if (heldT !== undefined && list.length !== state.snapshots.length + snapshots.length) {
    position = indexAtTime(list, heldT);
  }
  update({ snapshots: list, position });
}

export function setAnalysisProgress(fraction: number): void {
  if (analysisStore.getState().status !== 'running') return;
  analysisStore.setState({ progress: Math.min(1, Math.max(0, fraction)) });
}

function end(patch: Partial<AnalysisState>): void {
  const state = analysisStore.getState();
  if (state.source === null) return;
  // A finished stream shows its last state unless the user is replaying or scrubbing.
  const position =
    state.follow && !state.playing ? state.snapshots.length - 1 : Math.max(0, state.position);
  update({ ...patch, position: Math.min(position, state.snapshots.length - 1) });
}

export function finishAnalysis(summary: RunSummary): void {
  end({ status: 'done', summary, progress: 1 });
}

export function cancelAnalysis(): void {
  end({ status: 'cancelled' });
}

export function failAnalysis(message: string): void {
  end({ status: 'error', error: message });
}

/** Forgets the analysis and takes its figures off the canvas. */
export function clearAnalysis(): void {
  const { serial, speed, bottomTab } = analysisStore.getState();
  update({ ...initial(), serial, speed, bottomTab });
}

// The timeline.

/** Shows the snapshot at `index`; the canvas stops following new snapshots unless it is the last. */
export function seek(index: number): void {
  const { snapshots, status } = analysisStore.getState();
  if (snapshots.length === 0) return;
  const position = Math.min(snapshots.length - 1, Math.max(0, Math.round(index)));
  const atEnd = position === snapshots.length - 1;
  update({ position, follow: atEnd && status === 'running' });
}

export function seekTime(t: number): void {
  seek(indexAtTime(analysisStore.getState().snapshots, t));
}

export function play(): void {
  const { snapshots, position } = analysisStore.getState();
  if (snapshots.length < 2) return;
  // Playing from the end starts over.
  const from = position >= snapshots.length - 1 ? 0 : position;
  update({ playing: true, follow: false, position: from });
}

export function pause(): void {
  analysisStore.setState({ playing: false });
}

export function setSpeed(speed: PlaybackSpeed): void {
  analysisStore.setState({ speed });
}

/**
 * Moves the playhead to the snapshot at time `t` while playing; at the end it stops, or follows
 * the live stream when more is coming.
 */
export function playTo(t: number): void {
  const { snapshots, status } = analysisStore.getState();
  if (snapshots.length === 0) return;
  const position = indexAtTime(snapshots, t);
  if (position >= snapshots.length - 1) {
    const live = status === 'running';
    update({ position: snapshots.length - 1, playing: false, follow: live });
  } else {
    update({ position });
  }
}

export function setBottomTab(tab: string): void {
  analysisStore.setState({ bottomTab: tab });
}

/** Back to the initial state (tests, and a fresh window). */
export function resetAnalysisStore(): void {
  shown = null;
  analysisStore.setState(initial(), true);
  clearLiveFigures();
}
