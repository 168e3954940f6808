import { runStore } from '../state/run-store';
import { showToast, uiStore } from '../state/ui-store';
import { runErrorView } from './run-errors';
import { host } from '../api/host';

export type ReportFormat = 'html' | 'json';

/** Hands text to the browser as a file download (web mode). */
export function downloadText(fileName: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Saves the last run's report: through the host's save dialog in the desktop app (the host writes
 * the file), as a download in web mode. Returns where it went, or null.
 */
export async function saveReport(format: ReportFormat): Promise<string | null> {
  const api = host();
  const runId = runStore.getState().info?.runId ?? runStore.getState().status.runId ?? 'run';
  try {
    if (uiStore.getState().appInfo?.nativeDialogs === true) {
      const picked = await api['documents:pickSave']({
        suggestedName: `${runId}-report.${format}`,
      });
      if (!picked) return null;
      const file = await api['run:report']({ format, path: picked.path });
      showToast(`Report saved to ${file.path ?? picked.path}`);
      return file.path ?? picked.path;
    }
    const file = await api['run:report']({ format });
    if (file.content === null) throw new Error('the host sent no report content');
    downloadText(file.fileName, file.mimeType, file.content);
    showToast(`Report downloaded as ${file.fileName}`);
    return file.fileName;
  } catch (error) {
    const view = runErrorView('Could not save the report', error);
    showToast(`Could not save the report: ${view.message}`, 'error');
    return null;
  }
}
