import { predictCalibrated, type CalibrationResult } from '../../shared/calibration';
import { loadIntoEditor } from '../documents/load';
import { setBottomTab } from '../state/analysis-store';
import { setCalibration, setImportDialog } from '../state/calibration-store';

export const openImportDialog = (): void => setImportDialog(true);

/**
 * Shows an import: its pipeline in the editor (unsaved), its report in the Calibration tab, then
 * the prediction once the imported model has been simulated over the measured window.
 */
export function showImport(result: CalibrationResult): void {
  loadIntoEditor(result.document, null, { dirty: true });
  setCalibration({ report: result.report, prediction: null, predictionError: null, drift: [] });
  setBottomTab('calibration');
  // After the canvas has drawn: the simulation runs on this thread for the window's length.
  setTimeout(() => {
    try {
      setCalibration({ prediction: predictCalibrated(result) });
    } catch (error) {
      setCalibration({
        predictionError: `The imported pipeline could not be simulated: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }, 0);
}
