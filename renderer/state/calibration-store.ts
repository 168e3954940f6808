import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { CalibrationReport, DriftFlag, PredictionRow } from '../../shared/calibration';
import type { RunErrorView } from '../runs/run-errors';

/**
 * The last import's report and its prediction, for the Calibration tab (the document keeps only
 * the measured fields), and the drift monitor mode found against it.
 */
export interface CalibrationState {
  report: CalibrationReport | null;
  /** Predicted versus measured; null while it runs or when the model could not be simulated. */
  prediction: PredictionRow[] | null;
  predictionError: string | null;
  /** Figures a refit in monitor mode found moved beyond their interval, per node. */
  drift: readonly DriftFlag[];
  dialogOpen: boolean;
  /** While the host reads Redis and fits. */
  importing: boolean;
  importError: RunErrorView | null;
}

const initial: CalibrationState = {
  report: null,
  prediction: null,
  predictionError: null,
  drift: [],
  dialogOpen: false,
  importing: false,
  importError: null,
};

export const calibrationStore = createStore<CalibrationState>()(() => initial);

export function useCalibration<T>(selector: (state: CalibrationState) => T): T {
  return useStore(calibrationStore, selector);
}

export const setCalibration = (patch: Partial<CalibrationState>): void =>
  calibrationStore.setState(patch);

export const setImportDialog = (open: boolean): void =>
  calibrationStore.setState({ dialogOpen: open, importError: null });
