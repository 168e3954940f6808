import { cancelSimulation } from '../simulation/session';
import { analysisStore, clearAnalysis } from '../state/analysis-store';
import { documentStore } from '../state/document-store';
import type { DocumentState } from '../state/history';
import { startPlaybackDriver, type FrameScheduler } from './playback';

/** A New, Open, Import or restore: a fresh history holding another document. */
export const isDocumentLoad = (next: DocumentState, previous: DocumentState): boolean =>
  next.document !== previous.document &&
  next.past.length === 0 &&
  next.future.length === 0 &&
  next.lastCommit === null;

/**
 * Keeps the analysis in step with the app: replays run while `playing`, and a simulation's figures
 * leave the canvas when another document is opened (they were about the old one). Returns a
 * function that undoes it.
 */
export function installAnalysisLifecycle(frames?: FrameScheduler): () => void {
  const stopPlayback = startPlaybackDriver(frames);
  const stopWatching = documentStore.subscribe((next, previous) => {
    if (!isDocumentLoad(next, previous)) return;
    if (analysisStore.getState().source !== 'simulation') return;
    cancelSimulation();
    clearAnalysis();
  });
  return () => {
    stopPlayback();
    stopWatching();
  };
}
