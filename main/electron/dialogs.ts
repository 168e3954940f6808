import { basename } from 'node:path';
import { dialog, type BrowserWindow, type FileFilter } from 'electron';
import type { HostDialogs } from '../services/host-services';
import { DOCUMENT_SUFFIX, withDocumentSuffix } from '../services/paths';

export const DOCUMENT_FILTERS: FileFilter[] = [
  { name: 'Pipewright pipeline', extensions: ['pipewright.json'] },
  { name: 'JSON', extensions: ['json'] },
];

/** Native open/save dialogs, attached to the main window when there is one. */
export function createElectronDialogs(getWindow: () => BrowserWindow | undefined): HostDialogs {
  return {
    async pickOpen() {
      const options = {
        title: 'Open pipeline',
        filters: DOCUMENT_FILTERS,
        properties: ['openFile' as const],
      };
      const win = getWindow();
      const result = win
        ? await dialog.showOpenDialog(win, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async pickSave(suggestedName) {
      const name = basename(suggestedName.trim() || 'pipeline');
      // A run report (`…-report.html` / `.json`) keeps its own extension; anything else is a
      // pipeline document.
      const report = /\.(html|json)$/i.exec(name);
      const isReport = report !== null && !name.toLowerCase().endsWith(DOCUMENT_SUFFIX);
      const extension = report?.[1]?.toLowerCase() ?? 'json';
      const options = {
        title: isReport ? 'Save run report' : 'Save pipeline',
        defaultPath: isReport ? name : withDocumentSuffix(name),
        filters: isReport
          ? [
              {
                name: extension === 'html' ? 'HTML report' : 'JSON report',
                extensions: [extension],
              },
            ]
          : DOCUMENT_FILTERS.slice(0, 1),
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const win = getWindow();
      const result = win
        ? await dialog.showSaveDialog(win, options)
        : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      if (!isReport) return withDocumentSuffix(result.filePath);
      return result.filePath.toLowerCase().endsWith(`.${extension}`)
        ? result.filePath
        : `${result.filePath}.${extension}`;
    },
    async pickFolder() {
      const options = {
        title: 'Export code to a folder',
        buttonLabel: 'Export here',
        properties: ['openDirectory' as const, 'createDirectory' as const],
      };
      const win = getWindow();
      const result = win
        ? await dialog.showOpenDialog(win, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}

export type CloseChoice = 'save' | 'discard' | 'cancel';

/** Asked when a window with unsaved changes is about to close. */
export async function confirmClose(win: BrowserWindow, title: string): Promise<CloseChoice> {
  const { response } = await dialog.showMessageBox(win, {
    type: 'warning',
    buttons: ['Save', "Don't Save", 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: `Do you want to save the changes to “${title}”?`,
    detail: "Your changes will be lost if you don't save them.",
  });
  return (['save', 'discard', 'cancel'] as const)[response] ?? 'cancel';
}

export function showOpenError(path: string, message: string): void {
  dialog.showErrorBox(
    'Could not open the pipeline',
    `${basename(path)}: ${message}\n\nPipewright opens ${DOCUMENT_SUFFIX} files.`,
  );
}
