import type { PipelineDocument } from '../../shared/document';
import type { RunSnapshot, RunSummary } from '../../shared/metrics/types';
import {
  analysisStore,
  appendSnapshots,
  beginAnalysis,
  clearAnalysis,
  failAnalysis,
  finishAnalysis,
  setAnalysisProgress,
  setBottomTab,
} from '../state/analysis-store';
import { panelStore, setPanelSize } from '../state/panel-store';

export type RunSource = 'run' | 'monitor';

/** The bottom panel grows to at least this height when a run or a watch starts. */
const PANEL_HEIGHT = 260;

let serial = -1;
let expectedMs: number | null = null;

/** Ours is still the analysis on show (a simulation started meanwhile replaces it). */
const ours = (): boolean => analysisStore.getState().serial === serial;

/**
 * Where run and monitor figures go: the analysis store the simulator also feeds, so the same
 * badges, timeline, charts and results show them.
 */
export const analysisFeed = {
  begin(
    source: RunSource,
    meta: { label: string; document: PipelineDocument; durationMs: number | null },
  ): void {
    expectedMs = meta.durationMs;
    serial = beginAnalysis(source, {
      label: meta.label,
      document: meta.document,
      ...(meta.durationMs === null ? {} : { expectedDurationMs: meta.durationMs }),
    });
    if (analysisStore.getState().bottomTab === 'problems')
      setBottomTab(source === 'run' ? 'run' : 'metrics');
    if (panelStore.getState().bottom < PANEL_HEIGHT) setPanelSize('bottom', PANEL_HEIGHT);
  },
  append(snapshots: readonly RunSnapshot[]): void {
    if (!ours()) return;
    appendSnapshots(snapshots);
    const last = snapshots.at(-1);
    if (last && expectedMs !== null) setAnalysisProgress(last.t / expectedMs);
  },
  finish(summary: RunSummary): void {
    if (ours() && analysisStore.getState().status === 'running') finishAnalysis(summary);
  },
  fail(message: string): void {
    if (ours()) failAnalysis(message);
  },
  clear(): void {
    if (ours()) clearAnalysis();
  },
};
