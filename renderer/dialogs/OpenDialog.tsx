import { useState } from 'react';
import { importCommand, openPath } from '../documents/commands';
import { closeDialog } from '../state/dialog-store';
import { useHostInfo } from '../state/host-info-store';
import { Dialog } from './Dialog';

/** Open in web mode, where there is no native dialog: a path, recent files, or an import. */
export function OpenDialog() {
  const recent = useHostInfo((s) => s.recentFiles);
  const hostDir = useHostInfo((s) => s.appInfo?.hostDir ?? null);
  const [path, setPath] = useState('');
  const open = (p: string) => {
    closeDialog();
    void openPath(p);
  };
  return (
    <Dialog title="Open pipeline" testId="open-dialog">
      <form
        className="path-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) open(path.trim());
        }}
      >
        <label className="field">
          <span className="field__label">File on the host</span>
          <input
            className="input"
            name="path"
            placeholder={`${hostDir ?? '/home/me/pipelines'}/welcome.pipewright.json`}
            value={path}
            onChange={(e) => setPath(e.currentTarget.value)}
            autoFocus
            spellCheck={false}
          />
        </label>
        <button type="submit" className="btn btn--primary" disabled={!path.trim()}>
          Open
        </button>
      </form>
      {hostDir ? <HostFolderNote hostDir={hostDir} /> : null}
      {recent.length > 0 ? (
        <>
          <h3 className="dialog__sub">Recent</h3>
          <ul className="recent-list">
            {recent.map((r) => (
              <li key={r.path}>
                <button
                  type="button"
                  className="recent"
                  onClick={() => open(r.path)}
                  title={r.path}
                >
                  <span className="recent__name">{r.name}</span>
                  <span className="recent__path">{r.path}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="dialog__actions">
        <button
          type="button"
          className="btn"
          onClick={() => {
            closeDialog();
            importCommand();
          }}
        >
          Import a file from this computer…
        </button>
      </div>
    </Dialog>
  );
}

/** Web mode reaches only its host folder (and its data folder): say so before a path is refused. */
export function HostFolderNote({ hostDir }: { hostDir: string }) {
  return (
    <p className="host-folder-note" data-testid="host-folder-note">
      Web mode works in <code>{hostDir}</code>. To use another folder, restart with{' '}
      <code>pipewright serve --host-dir DIR</code>.
    </p>
  );
}
