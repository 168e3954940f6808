import { useState } from 'react';
import { saveTo } from '../documents/commands';
import { joinPath, suggestedFolder } from '../documents/host-folder';
import { suggestedFileName } from '../documents/load';
import { documentStore } from '../state/document-store';
import { closeDialog } from '../state/dialog-store';
import { Dialog } from './Dialog';

function defaultPath(): string {
  const { path, document } = documentStore.getState();
  if (path) return path;
  return joinPath(suggestedFolder(null), suggestedFileName(document.name));
}

/** Save As in web mode: a path on the host; an existing file is replaced only when confirmed. */
export function SaveAsDialog() {
  const [path, setPath] = useState(defaultPath);
  const [exists, setExists] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (overwrite: boolean) => {
    const result = await saveTo(path.trim(), { saveAs: true, overwrite });
    if (result.ok) closeDialog();
    else if (result.exists) setExists(true);
    else setError(result.message);
  };
  return (
    <Dialog title="Save as" testId="save-as-dialog">
      <form
        className="path-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) void save(false);
        }}
      >
        <label className="field">
          <span className="field__label">File on the host</span>
          <input
            className="input"
            name="path"
            value={path}
            onChange={(e) => {
              setPath(e.currentTarget.value);
              setExists(false);
              setError(null);
            }}
            autoFocus
            spellCheck={false}
          />
        </label>
        <button type="submit" className="btn btn--primary" disabled={!path.trim()}>
          Save
        </button>
      </form>
      {exists ? (
        <div className="confirm" role="alert">
          A file already exists there.
          <button type="button" className="btn btn--danger" onClick={() => void save(true)}>
            Replace it
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
