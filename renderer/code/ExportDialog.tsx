import { useState } from 'react';
import type { CodegenExportReport } from '../../shared/api/contract';
import { Dialog } from '../dialogs/Dialog';
import { HostFolderNote } from '../dialogs/OpenDialog';
import { useHostInfo } from '../state/host-info-store';
import { downloadZip, exportToFolder, pickFolder, suggestedFolder } from './export-code';
import { ExportReport } from './ExportReport';

type Failure = { message: string; details: string[]; exists: boolean };

/**
 * Export code: the project goes into a folder on the host (the desktop app offers its folder
 * dialog; web mode takes a typed path), or comes down as a .zip built in the browser. Handlers
 * already in the folder are never overwritten; the report says what happened to each file.
 */
export function ExportDialog() {
  const native = useHostInfo((s) => s.appInfo?.nativeDialogs === true);
  const hostDir = useHostInfo((s) => s.appInfo?.hostDir ?? null);
  const [folder, setFolder] = useState(suggestedFolder);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [report, setReport] = useState<CodegenExportReport | null>(null);
  const [zipped, setZipped] = useState<string | null>(null);

  const run = async (force: boolean) => {
    setBusy(true);
    setFailure(null);
    setReport(null);
    const result = await exportToFolder(folder.trim(), force);
    setBusy(false);
    if (result.ok) setReport(result.report);
    else setFailure(result);
  };
  const browse = async () => {
    try {
      const picked = await pickFolder();
      if (picked) setFolder(picked);
    } catch (error) {
      setFailure({ message: (error as Error).message, details: [], exists: false });
    }
  };
  const zip = async () => {
    setFailure(null);
    const result = await downloadZip();
    if (result.ok) setZipped(result.fileName);
    else setFailure({ message: result.message, details: [], exists: false });
  };

  return (
    <Dialog title="Export code" wide testId="export-code-dialog">
      <p className="export-intro">
        Writes the project into a folder{native ? '' : ' on the computer running Pipewright'}.
        Handlers (<code>src/handlers/</code>) are your code: written once, never overwritten. The
        other files are regenerated.
      </p>
      <form
        className="path-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (folder.trim() && !busy) void run(false);
        }}
      >
        <label className="field">
          <span className="field__label">Folder</span>
          <input
            className="input"
            name="folder"
            value={folder}
            onChange={(e) => {
              setFolder(e.currentTarget.value);
              setFailure(null);
            }}
            autoFocus
            spellCheck={false}
          />
        </label>
        {native ? (
          <button type="button" className="btn" onClick={() => void browse()}>
            Choose…
          </button>
        ) : null}
        <button type="submit" className="btn btn--primary" disabled={!folder.trim() || busy}>
          {busy ? 'Exporting…' : 'Export'}
        </button>
      </form>
      {hostDir ? <HostFolderNote hostDir={hostDir} /> : null}
      {failure?.exists ? (
        <div className="confirm" role="alert">
          {failure.message}.
          <button
            type="button"
            className="btn btn--danger export-anyway"
            onClick={() => void run(true)}
          >
            Export into it anyway
          </button>
        </div>
      ) : failure ? (
        <div className="field__error export-failure" role="alert">
          <p>{failure.message}</p>
          {failure.details.length > 0 ? (
            <ul>
              {failure.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {report ? <ExportReport report={report} /> : null}
      <div className="export-zip">
        <button type="button" className="btn" data-testid="export-zip" onClick={() => void zip()}>
          Download .zip
        </button>
        <span className="export-zip__note">
          {zipped
            ? `Downloaded ${zipped}.`
            : 'The same project as an archive, built in this window.'}
        </span>
      </div>
    </Dialog>
  );
}
