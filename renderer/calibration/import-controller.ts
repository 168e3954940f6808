import type { ImportRedisRequest } from '../../shared/api/import';
import { predictCalibrated, type CalibrationResult } from '../../shared/calibration';
import { confirmDiscard } from '../documents/commands';
import { loadIntoEditor } from '../documents/load';
import { runErrorView } from '../runs/run-errors';
import { host } from '../api/host';
import { setBottomTab } from '../state/analysis-store';
import { setCalibration, setImportDialog } from '../state/calibration-store';
import { setPanelSize, uiStore } from '../state/ui-store';

/** Height of the bottom panel that shows a report's first tables without scrolling. */
const REPORT_HEIGHT = 380;

export const openImportDialog = (): void => setImportDialog(true);

/**
 * Asks the host to read a deployment and calibrate it, then shows the result. Unsaved changes
 * are confirmed first, before any listening time is spent.
 */
export async function importFromRedis(request: ImportRedisRequest): Promise<boolean> {
  if (!confirmDiscard()) return false;
  setCalibration({ importing: true, importError: null });
  try {
    const result = await host()['import:redis'](request);
    setImportDialog(false);
    showImport(result);
    return true;
  } catch (error) {
    setCalibration({ importError: runErrorView('Could not import from Redis', error) });
    return false;
  } finally {
    setCalibration({ importing: false });
  }
}

/**
 * Shows an import: its pipeline in the editor (unsaved), its report in the Calibration tab, then
 * the prediction once the imported model has been simulated over the measured window.
 */
export function showImport(result: CalibrationResult): void {
  loadIntoEditor(result.document, null, { dirty: true });
  setCalibration({ report: result.report, prediction: null, predictionError: null, drift: [] });
  setBottomTab('calibration');
  // The report needs room: the panel grows for this session (the user's size is not overwritten).
  setPanelSize('bottom', Math.max(uiStore.getState().panels.bottom, REPORT_HEIGHT));
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
